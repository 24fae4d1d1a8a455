import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { currentTotp } from '../mock-server/totp.js';
import '../src/components/totp-wizard/define.js';
import type { TfaTotpWizard, TotpProduct, TotpWizardStep } from '../src/components/totp-wizard/totp-wizard.js';
import { buttonNamed, signedIn, waitFor, type SignedIn } from './settings.stories.js';

interface WizardArgs {
  product: TotpProduct;
  step: TotpWizardStep;
}

const meta: Meta<WizardArgs> = {
  title: 'Settings/Authenticator app wizard',
  component: 'tfa-totp-wizard',
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
  input.value = code;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  buttonNamed(wizard, 'Add authentication method').click();
}

/** Step 1: get the app. */
export const GoogleIntro: Story = {};

/** Step 2: the QR code with Google's own button names, and the key for people who cannot scan. */
export const GoogleQrCode: Story = { args: { step: 'scan' } };

/** Step 3: the current 6-digit code from the app. */
export const GoogleCode: Story = { args: { step: 'code' } };

/** A wrong code keeps the wizard open with a clear message. */
export const GoogleWrongCode: Story = {
  args: { step: 'code' },
  play: async ({ canvasElement }) => {
    await submitCode(canvasElement, '000000');
  },
};

/** The right code: added, and now the primary method. */
export const GoogleDone: Story = {
  args: { step: 'code' },
  play: async ({ canvasElement }) => {
    const wizard = await wizardIn(canvasElement);
    await waitFor(wizard, 'input');
    while (!wizard.enrollment) await new Promise((r) => setTimeout(r, 50));
    const { code } = await currentTotp(wizard.enrollment.secret!, Date.now());
    await submitCode(canvasElement, code);
  },
};

export const MicrosoftIntro: Story = { args: { product: 'microsoft-authenticator' } };

/** "Add account" → "Work or school account" → "Scan QR code". */
export const MicrosoftQrCode: Story = { args: { product: 'microsoft-authenticator', step: 'scan' } };

export const MicrosoftCode: Story = { args: { product: 'microsoft-authenticator', step: 'code' } };

export const MicrosoftWrongCode: Story = { ...GoogleWrongCode, args: { product: 'microsoft-authenticator', step: 'code' } };

export const MicrosoftDone: Story = { ...GoogleDone, args: { product: 'microsoft-authenticator', step: 'code' } };
