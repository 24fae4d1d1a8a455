import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/device-picker/define.js';
import type { MethodSummary, Transaction } from '../src/internal/contract.js';
import type { StepError } from '../src/internal/step-error.js';
import { inProcessMock, offlineError } from './support/mock.js';

interface PickerArgs {
  busy: boolean;
  /** Logged in the Actions panel: what the element asks `<tfa-login>` to do. */
  onAction?: (event: Event) => void;
}

interface Loaded {
  methods: MethodSummary[];
  current?: MethodSummary;
  error?: StepError | null;
  token: string;
}

/** What "Change Device" lists for `username`: the mock's `alternatives` at sign-in. */
async function methodsOf(username: string): Promise<Loaded> {
  const { api } = inProcessMock();
  const tx = await api.request<Transaction>('POST', '/signin/password', { body: { username, password: 'demo1234' } });
  return { methods: tx.alternatives, current: 'method' in tx.step ? tx.step.method : undefined, token: tx.transactionToken };
}

const meta: Meta<PickerArgs> = {
  title: 'Sign-in/Change Device',
  component: 'tfa-device-picker',
  tags: ['autodocs'],
  args: { busy: false },
  argTypes: { onAction: { action: 'tfa-action' } },
  render: (args, { loaded }) => {
    const data = loaded as Loaded;
    return html`<tfa-device-picker
      .methods=${data.methods}
      .current=${data.current}
      .busy=${args.busy}
      .error=${data.error ?? null}
      @tfa-action=${args.onAction}
    ></tfa-device-picker>`;
  },
};
export default meta;

type Story = StoryObj<PickerArgs>;

/** bo signs in with SMS; Change Device offers his email. */
export const BoAlternatives: Story = {
  name: 'bo: email instead of SMS',
  loaders: [() => methodsOf('bo')],
};

/** erik signs in with Entrust Soft Token; Change Device offers SMS and email. */
export const ErikAlternatives: Story = {
  name: 'erik: SMS or email instead of the app',
  loaders: [() => methodsOf('erik')],
};

/** Switching failed (no connection): the message is shown and announced. */
export const SwitchError: Story = {
  name: 'Network failure while switching',
  loaders: [
    async () => {
      const data = await methodsOf('erik');
      return { ...data, error: await offlineError('POST', '/signin/method', data.token, { methodId: data.methods[0]!.id }) };
    },
  ],
};

/** A method was chosen and the server is answering. */
export const Switching: Story = {
  name: 'Switching',
  args: { busy: true },
  loaders: [() => methodsOf('erik')],
};
