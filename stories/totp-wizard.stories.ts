import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { currentTotp } from '../mock-server/totp.js';
import '../src/components/totp-wizard/define.js';
import type { TfaTotpWizard, TotpProduct, TotpWizardStep } from '../src/components/totp-wizard/totp-wizard.js';
import { alertText, press, type, waitFor, waitUntil } from './support/dom.js';
import { signedIn, type SignedIn } from './support/mock.js';

interface WizardArgs {
  product: TotpProduct;
  step: TotpWizardStep;
}

const meta: Meta<WizardArgs> = {
  title: 'Settings/Authenticator app wizard',
  component: 'tfa-totp-wizard',
  tags: ['autodocs'],
  args: { product: 'google-authenticator', step: 'intro' },
  argTypes: {
    product: { control: 'inline-radio', options: ['google-authenticator', 'microsoft-authenticator'] },
    step: { control: false },
  },
  loaders: [() => signedIn('anna')],
  render: (args, { loaded }) => {
    const ctx = loaded as SignedIn;
    return html`<tfa-totp-wizard
      api-base="/api"
      .fetchImpl=${ctx.fetchImpl}
      .session=${ctx.session}
      .product=${args.product}
      .step=${args.step}
    ></tfa-totp-wizard>`;
  },
};
export default meta;

type Story = StoryObj<WizardArgs>;

const wizardIn = (root: HTMLElement) => waitFor<TfaTotpWizard>(root, 'tfa-totp-wizard');

/** Types `code` into the code field and presses "Add authentication method". */
async function submitCode(root: HTMLElement, code: string) {
  const wizard = await wizardIn(root);
  const input = await waitFor<HTMLInputElement>(wizard, 'input[autocomplete="one-time-code"]');
  await waitFor(wizard, 'svg, input'); // enrollment started
  while (!wizard.enrollment) await new Promise((r) => setTimeout(r, 50));
  type(input, code);
  await press(wizard, 'button[data-add]');
}

/** Step 1: get the app. */
export const GoogleIntro: Story = { name: 'Google Authenticator 1: get the app' };

/** Step 2: the QR code with Google's own button names, and the key for people who cannot scan. */
export const GoogleQrCode: Story = {
  name: 'Google Authenticator 2: scan the QR code',
  args: { step: 'scan' },
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-totp-wizard svg');
  },
};

/** Step 3: the current 6-digit code from the app. */
export const GoogleCode: Story = { name: 'Google Authenticator 3: enter the code', args: { step: 'code' } };

/** A wrong code keeps the wizard open with a clear message. */
export const GoogleWrongCode: Story = {
  name: 'Google Authenticator: wrong code',
  args: { step: 'code' },
  play: async ({ canvasElement }) => {
    await submitCode(canvasElement, '000000');
    await waitUntil(() => alertText(canvasElement), 'the error message');
  },
};

/** The right code: added, and now the primary method. */
export const GoogleDone: Story = {
  name: 'Google Authenticator 4: added',
  args: { step: 'code' },
  play: async ({ canvasElement }) => {
    const wizard = await wizardIn(canvasElement);
    await waitFor(wizard, 'input');
    while (!wizard.enrollment) await new Promise((r) => setTimeout(r, 50));
    const { code } = await currentTotp(wizard.enrollment.secret!, Date.now());
    await submitCode(canvasElement, code);
    await waitFor(wizard, 'button[data-ok]');
  },
};

export const MicrosoftIntro: Story = { name: 'Microsoft Authenticator 1: get the app', args: { product: 'microsoft-authenticator' } };

/** "Add account" → "Work or school account" → "Scan QR code". */
export const MicrosoftQrCode: Story = { ...GoogleQrCode, name: 'Microsoft Authenticator 2: scan the QR code', args: { product: 'microsoft-authenticator', step: 'scan' } };

export const MicrosoftCode: Story = { name: 'Microsoft Authenticator 3: enter the code', args: { product: 'microsoft-authenticator', step: 'code' } };

export const MicrosoftWrongCode: Story = { ...GoogleWrongCode, name: 'Microsoft Authenticator: wrong code', args: { product: 'microsoft-authenticator', step: 'code' } };

export const MicrosoftDone: Story = { ...GoogleDone, name: 'Microsoft Authenticator 4: added', args: { product: 'microsoft-authenticator', step: 'code' } };
