import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/add-method/define.js';
import { press, waitFor } from './support/dom.js';
import { addMethod, signedIn, type SignedIn } from './support/mock.js';

interface AddArgs {
  headingLevel: number;
}

/**
 * "Add new authentication method" (Personal settings → Two-factor login → Edit): choose an app,
 * OK, and the matching wizard takes over (loaded on demand).
 */
const meta: Meta<AddArgs> = {
  title: 'Settings/Add new authentication method',
  component: 'tfa-add-method',
  tags: ['autodocs'],
  args: { headingLevel: 3 },
  argTypes: { headingLevel: { control: { type: 'number', min: 2, max: 5 } } },
  loaders: [() => signedIn('anna')],
  render: (args, { loaded }) => {
    const ctx = loaded as SignedIn;
    return html`<tfa-add-method
      api-base="/api"
      heading-level=${args.headingLevel}
      .fetchImpl=${ctx.fetchImpl}
      .session=${ctx.session}
    ></tfa-add-method>`;
  },
};
export default meta;

type Story = StoryObj<AddArgs>;

/** anna (email only): every app can be added; SMS goes through Contact details. */
export const Choose: Story = {
  name: 'Choose a method',
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-add-method input[type="radio"]');
  },
};

/** OK without a choice: the message at the choices. */
export const NothingChosen: Story = {
  name: 'Error: nothing chosen',
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-add-method input[type="radio"]');
    await press(canvasElement, 'tfa-add-method button[type="submit"]');
    await waitFor(canvasElement, 'tfa-add-method [role="alert"]:not(:empty)');
  },
};

/** Google Authenticator chosen, OK: the wizard opens at the QR code. */
export const WizardOpened: Story = {
  name: 'Google Authenticator chosen: wizard opens',
  play: async ({ canvasElement }) => {
    await press(canvasElement, 'tfa-add-method input[value="google-authenticator"]');
    await press(canvasElement, 'tfa-add-method button[type="submit"]');
    await waitFor(canvasElement, 'tfa-add-method tfa-totp-wizard svg.tfa-qr', 8000);
  },
};

/** erik (Entrust Soft Token) with Google Authenticator added: only PingID and Microsoft Authenticator are offered. */
export const SomeAdded: Story = {
  name: 'Only the apps not added yet',
  loaders: [() => signedIn('erik', (ctx) => addMethod(ctx, 'google-authenticator'))],
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-add-method input[type="radio"]');
  },
};
