import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { withActions } from 'storybook/actions/decorator';
import { createBackend } from '../mock-server/backend.js';
import { createMockFetch } from '../mock-server/in-process.js';
import '../src/components/forgot-device/define.js';
import type { RecoveryConfirmStep } from '../src/components/forgot-device/forgot-device.js';
import { ApiClient } from '../src/internal/api-client.js';
import type { Transaction } from '../src/internal/contract.js';

interface ForgotArgs {
  busy: boolean;
}

/** dorte on a fresh in-process mock: password, push, then "Forgot your device?". */
async function recoveryStep(): Promise<{ step: RecoveryConfirmStep }> {
  const api = new ApiClient({ baseUrl: '/api', fetch: createMockFetch(createBackend()) });
  const first = await api.request<Transaction>('POST', '/signin/password', { body: { username: 'dorte', password: 'demo1234' } });
  const tx = await api.request<Transaction>('POST', '/signin/recovery', { token: first.transactionToken });
  if (tx.step.name !== 'recovery-confirm') throw new Error(`the mock answered ${tx.step.name}, not recovery-confirm`);
  return { step: tx.step };
}

const meta: Meta<ForgotArgs> = {
  title: 'Sign-in/Forgot your device',
  component: 'tfa-forgot-device',
  decorators: [withActions],
  parameters: { actions: { handles: ['tfa-action'] } },
  args: { busy: false },
  loaders: [recoveryStep],
  render: (args, { loaded }) =>
    html`<tfa-forgot-device .step=${(loaded as { step: RecoveryConfirmStep }).step} .busy=${args.busy}></tfa-forgot-device>`,
};
export default meta;

type Story = StoryObj<ForgotArgs>;

/** Shows the masked email the code will go to: check you can read it, then "Next". */
export const Confirm: Story = {};

/** "Next" was pressed: the code is being sent. */
export const Sending: Story = { args: { busy: true } };
