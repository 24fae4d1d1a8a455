import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/app-enroll/define.js';
import type { AppProduct, TfaAppEnroll } from '../src/components/app-enroll/app-enroll.js';
import { waitFor } from './support/dom.js';
import { signedIn, type SignedIn } from './support/mock.js';

interface EnrollArgs {
  product: AppProduct;
}

const meta: Meta<EnrollArgs> = {
  title: 'Settings/Phone app enrollment',
  component: 'tfa-app-enroll',
  tags: ['autodocs'],
  args: { product: 'pingid' },
  argTypes: { product: { control: 'inline-radio', options: ['pingid', 'entrust-soft-token'] } },
  loaders: [() => signedIn('anna')],
  render: (args, { loaded }) => {
    const ctx = loaded as SignedIn;
    return html`<tfa-app-enroll
      api-base="/api"
      .fetchImpl=${ctx.fetchImpl}
      .session=${ctx.session}
      .product=${args.product}
    ></tfa-app-enroll>`;
  },
};
export default meta;

type Story = StoryObj<EnrollArgs>;

/** The phone app "registers" through the mock's control API; the page notices on its next poll. */
async function completeFromPhone(root: HTMLElement, ctx: SignedIn) {
  const enroll = await waitFor<TfaAppEnroll>(root, 'tfa-app-enroll');
  await waitFor(enroll, 'svg');
  await ctx.control.completeEnrollment(enroll.enrollment!.id);
  await waitFor(enroll, '[data-ok]', 8000);
}

/** PingID: QR code, "+" next to "My organizations", waiting for the app. */
export const PingIdWaiting: Story = {
  name: 'PingID: QR code, waiting for the app',
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-app-enroll svg');
  },
};

/** PingID registered: "OK". */
export const PingIdDone: Story = {
  name: 'PingID: registered (OK)',
  play: async ({ canvasElement, loaded }) => completeFromPhone(canvasElement, loaded as SignedIn),
};

/** Entrust Soft Token: QR code plus the activation password to type into the app. */
export const EntrustActivationPassword: Story = {
  name: 'Entrust Soft Token: QR code and activation password',
  args: { product: 'entrust-soft-token' },
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-app-enroll [data-activation-password]');
  },
};

/** Entrust registered: "OK", and "Entrust Soft Token" is the primary method. */
export const EntrustDone: Story = {
  name: 'Entrust Soft Token: registered (OK)',
  args: { product: 'entrust-soft-token' },
  play: async ({ canvasElement, loaded }) => completeFromPhone(canvasElement, loaded as SignedIn),
};
