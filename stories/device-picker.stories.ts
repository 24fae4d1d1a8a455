import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { withActions } from 'storybook/actions/decorator';
import { createBackend } from '../mock-server/backend.js';
import { createMockFetch } from '../mock-server/in-process.js';
import '../src/components/device-picker/define.js';
import { ApiClient } from '../src/internal/api-client.js';
import type { MethodSummary, Transaction } from '../src/internal/contract.js';
import type { StepError } from '../src/internal/step-error.js';

interface PickerArgs {
  busy: boolean;
  error: StepError | null;
}

interface Loaded {
  methods: MethodSummary[];
  current?: MethodSummary;
}

/** What "Change Device" lists for `username`: the mock's `alternatives` at sign-in. */
async function methodsOf(username: string): Promise<Loaded> {
  const api = new ApiClient({ baseUrl: '/api', fetch: createMockFetch(createBackend()) });
  const tx = await api.request<Transaction>('POST', '/signin/password', { body: { username, password: 'demo1234' } });
  return { methods: tx.alternatives, current: 'method' in tx.step ? tx.step.method : undefined };
}

const meta: Meta<PickerArgs> = {
  title: 'Sign-in/Change Device',
  component: 'tfa-device-picker',
  decorators: [withActions],
  parameters: { actions: { handles: ['tfa-action'] } },
  args: { busy: false, error: null },
  render: (args, { loaded }) => {
    const data = loaded as Loaded;
    return html`<tfa-device-picker
      .methods=${data.methods}
      .current=${data.current}
      .busy=${args.busy}
      .error=${args.error}
    ></tfa-device-picker>`;
  },
};
export default meta;

type Story = StoryObj<PickerArgs>;

/** bo signs in with SMS; Change Device offers his email. */
export const BoAlternatives: Story = {
  loaders: [() => methodsOf('bo')],
};

/** erik signs in with Entrust Soft Token; Change Device offers SMS and email. */
export const ErikAlternatives: Story = {
  loaders: [() => methodsOf('erik')],
};

/** Switching failed (no connection): the message is shown and announced. */
export const SwitchError: Story = {
  args: { error: { code: 'network_error' } },
  loaders: [() => methodsOf('erik')],
};
