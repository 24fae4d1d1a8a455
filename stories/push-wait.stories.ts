import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MockConfig } from '../mock-server/config.js';
import type { MockControl } from '../mock-server/control-client.js';
import '../src/components/push-wait/define.js';
import type { PushStep } from '../src/components/push-wait/push-wait.js';
import type { Transaction } from '../src/internal/contract.js';
import { inProcessMock } from './support/mock.js';

interface PushArgs {
  busy: boolean;
  /** Logged in the Actions panel: what the element asks `<tfa-login>` to do. */
  onAction?: (event: Event) => void;
}

interface Loaded {
  step: PushStep;
  offsetMs: number;
  hasAlternatives: boolean;
  recoveryAvailable: boolean;
}

/**
 * Signs `username` in on a fresh in-process mock backend, lets `then` act on it (deny the push,
 * move the clock, retry), and returns the push step as `<tfa-login>` would pass it.
 */
async function pushStepOf(
  username: string,
  then: (ctx: { control: MockControl; tx: Transaction }) => Promise<unknown> = async () => {},
  config: Partial<MockConfig> = {},
): Promise<Loaded> {
  const { api, control } = inProcessMock(config);
  let tx = await api.request<Transaction>('POST', '/signin/password', { body: { username, password: 'demo1234' } });
  await then({ control, tx });
  tx = await api.request<Transaction>('GET', '/signin', { token: tx.transactionToken });
  if (tx.step.name !== 'push') throw new Error(`the mock answered ${tx.step.name}, not push`);
  return {
    step: tx.step,
    offsetMs: Date.parse(tx.serverTime) - Date.now(),
    hasAlternatives: tx.alternatives.length > 0,
    recoveryAvailable: tx.recoveryAvailable,
  };
}

const deny = async ({ control, tx }: { control: MockControl; tx: Transaction }) => {
  if (tx.step.name !== 'push') return;
  await control.denyPush(tx.step.push.id);
};

const meta: Meta<PushArgs> = {
  title: 'Sign-in/Push approval',
  component: 'tfa-push-wait',
  tags: ['autodocs'],
  argTypes: { onAction: { action: 'tfa-action' } },
  args: { busy: false },
  render: (args, { loaded }) => {
    const data = loaded as Loaded;
    return html`<tfa-push-wait
      .step=${data.step}
      .offsetMs=${data.offsetMs}
      .hasAlternatives=${data.hasAlternatives}
      .recoveryAvailable=${data.recoveryAvailable}
      .busy=${args.busy}
      @tfa-action=${args.onAction}
    ></tfa-push-wait>`;
  },
};
export default meta;

type Story = StoryObj<PushArgs>;

/** dorte (PingID): the notification is sent; pick the number shown in the app. */
export const Waiting: Story = {
  name: 'Waiting: number to match',
  loaders: [() => pushStepOf('dorte')],
};

/** erik (Entrust Soft Token): the Entrust Identity app, with Change Device for his SMS and email. */
export const WaitingEntrust: Story = {
  name: 'Waiting: Entrust Soft Token',
  loaders: [() => pushStepOf('erik')],
};

/** 5 seconds left: the mock's clock moved 20 s on. */
export const FiveSecondsLeft: Story = {
  name: 'Waiting: 5 seconds left',
  loaders: [() => pushStepOf('dorte', ({ control }) => control.advanceClock(20))],
};

/** The request expired (mock clock moved 26 s): "Retry mobile" is the primary action. */
export const Expired: Story = {
  name: 'Expired',
  loaders: [() => pushStepOf('dorte', ({ control }) => control.advanceClock(26))],
};

/** Denied on the phone (`/__mock/push/{id}/deny`). */
export const Denied: Story = {
  name: 'Denied',
  loaders: [() => pushStepOf('dorte', deny)],
};

/** The mock allows one push per sign-in and it was denied: no retry, the other ways are named. */
export const NoRetriesLeft: Story = {
  name: 'Denied, no retries left',
  loaders: [() => pushStepOf('dorte', deny, { maxPushesPerTransaction: 1 })],
};

/** "Retry mobile" was sent and the server is answering. */
export const Busy: Story = {
  name: 'Retry mobile: sending',
  args: { busy: true },
  loaders: [() => pushStepOf('dorte')],
};

/** Without number matching (the mock's `numberMatching: false`): approve, nothing to pick. */
export const WaitingNoNumber: Story = {
  name: 'Waiting: no number matching',
  loaders: [() => pushStepOf('dorte', async () => {}, { numberMatching: false })],
};
