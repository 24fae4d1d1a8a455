import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/forgot-device/define.js';
import type { RecoveryConfirmStep } from '../src/components/forgot-device/forgot-device.js';
import type { Transaction } from '../src/internal/contract.js';
import type { StepError } from '../src/internal/step-error.js';
import { inProcessMock, offlineError } from './support/mock.js';

interface ForgotArgs {
  busy: boolean;
  /** Logged in the Actions panel: what the element asks `<tfa-login>` to do. */
  onAction?: (event: Event) => void;
}

interface Loaded {
  step: RecoveryConfirmStep;
  token: string;
  error?: StepError | null;
}

/** dorte on a fresh in-process mock: password, push, then "Forgot your device?". */
async function recoveryStep(): Promise<Loaded> {
  const { api } = inProcessMock();
  const first = await api.request<Transaction>('POST', '/signin/password', { body: { username: 'dorte', password: 'demo1234' } });
  const tx = await api.request<Transaction>('POST', '/signin/recovery', { token: first.transactionToken });
  if (tx.step.name !== 'recovery-confirm') throw new Error(`the mock answered ${tx.step.name}, not recovery-confirm`);
  return { step: tx.step, token: tx.transactionToken };
}

const meta: Meta<ForgotArgs> = {
  title: 'Sign-in/Forgot your device',
  component: 'tfa-forgot-device',
  tags: ['autodocs'],
  args: { busy: false },
  argTypes: { onAction: { action: 'tfa-action' } },
  loaders: [recoveryStep],
  render: (args, { loaded }) => {
    const data = loaded as Loaded;
    return html`<tfa-forgot-device
      .step=${data.step}
      .busy=${args.busy}
      .error=${data.error ?? null}
      @tfa-action=${args.onAction}
    ></tfa-forgot-device>`;
  },
};
export default meta;

type Story = StoryObj<ForgotArgs>;

/** Shows the masked email the code will go to: check you can read it, then "Next". */
export const Confirm: Story = { name: 'Check the email address' };

/** "Next" was pressed: the code is being sent. */
export const Sending: Story = { name: 'Sending the code', args: { busy: true } };

/** "Next" without a connection: the message says so; "Next" can be pressed again. */
export const NetworkFailure: Story = {
  name: 'Network failure',
  loaders: [
    async () => {
      const data = await recoveryStep();
      return { ...data, error: await offlineError('POST', '/signin/recovery/send', data.token) };
    },
  ],
};
