import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/login-form/define.js';
import type { LoginFlow } from '../src/internal/flow-controller.js';
import { toStepError, type StepError } from '../src/internal/step-error.js';
import { inProcessMock, offlineError } from './support/mock.js';

interface FormArgs {
  flow: LoginFlow;
  username: string;
  busy: boolean;
  /** Logged in the Actions panel: what the form asks `<tfa-login>` to do. */
  onAction?: (event: Event) => void;
}

/** The error the mock answers after `tries` sign-ins of anna with a wrong password. */
async function wrongPassword(tries: number, config = {}): Promise<{ error: StepError | null }> {
  const { api } = inProcessMock(config);
  let error: StepError | null = null;
  for (let i = 0; i < tries; i++) {
    try {
      await api.request('POST', '/signin/password', { body: { username: 'anna', password: 'not-the-password' } });
    } catch (err) {
      error = toStepError(err);
    }
  }
  return { error };
}

const meta: Meta<FormArgs> = {
  title: 'Sign-in/Login form',
  component: 'tfa-login-form',
  tags: ['autodocs'],
  args: { flow: 'password', username: '', busy: false },
  argTypes: { flow: { control: 'inline-radio', options: ['password', 'identifier-first'] }, onAction: { action: 'tfa-action' } },
  render: (args, { loaded }) =>
    html`<tfa-login-form
      .flow=${args.flow}
      .username=${args.username}
      .busy=${args.busy}
      .error=${(loaded as { error?: StepError | null }).error ?? null}
      @tfa-action=${args.onAction}
    ></tfa-login-form>`,
};
export default meta;

type Story = StoryObj<FormArgs>;

/** Username and Password, "Log in". */
export const Idle: Story = { name: 'Idle' };

/** Identifier-first portal: Username, "Next". */
export const IdentifierFirst: Story = { name: 'Identifier-first (Username, Next)', args: { flow: 'identifier-first' } };

/** Checking the credentials: further submits are ignored. */
export const Submitting: Story = { name: 'Submitting', args: { username: 'anna', busy: true } };

/** Wrong password (an unknown user reads exactly the same). */
export const InvalidCredentials: Story = {
  name: 'Error: invalid credentials',
  args: { username: 'anna' },
  loaders: [() => wrongPassword(1)],
};

/** Too many failed sign-ins (the mock locks out after 3 here): how long to wait. */
export const LockedOut: Story = {
  name: 'Locked out',
  args: { username: 'anna' },
  loaders: [() => wrongPassword(4, { lockoutThreshold: 3 })],
};

/** No connection: the request never got an answer (the client's `fetch` rejects). */
export const NetworkFailure: Story = {
  name: 'Network failure',
  args: { username: 'anna' },
  loaders: [async () => ({ error: await offlineError('POST', '/signin/password', undefined, { username: 'anna', password: 'demo1234' }) })],
};
