import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createBackend } from '../mock-server/backend.js';
import { createMockFetch } from '../mock-server/in-process.js';
import '../src/components/signed-in/define.js';
import '../src/tfa-login.js';
import { ApiClient } from '../src/internal/api-client.js';
import type { Session, Transaction } from '../src/internal/contract.js';

interface LoginArgs {
  flow: 'password' | 'identifier-first';
  apiBase: string;
  onSuccess?: (event: Event) => void;
  onFailure?: (event: Event) => void;
  onStepChange?: (event: Event) => void;
  onLogout?: (event: Event) => void;
}

/**
 * The whole sign-in against the mock backend in the preview (MSW). Demo users (password
 * `demo1234`): anna (email), bo (SMS), carl (Google Authenticator), dorte (PingID), erik (Entrust).
 * Codes, pushes and app codes are in the "Demo phone" story or at `/__mock/outbox`, `/__mock/push`,
 * `/__mock/authenticators`.
 */
const meta: Meta<LoginArgs> = {
  title: 'Sign-in/Login',
  component: 'tfa-login',
  args: { flow: 'password', apiBase: '/api' },
  argTypes: {
    flow: { control: 'inline-radio', options: ['password', 'identifier-first'] },
    onSuccess: { action: 'tfa-login-success' },
    onFailure: { action: 'tfa-login-failure' },
    onStepChange: { action: 'tfa-step-change' },
    onLogout: { action: 'tfa-logout' },
  },
  render: (args) =>
    html`<tfa-login
      api-base=${args.apiBase}
      flow=${args.flow}
      @tfa-login-success=${args.onSuccess}
      @tfa-login-failure=${args.onFailure}
      @tfa-step-change=${args.onStepChange}
      @tfa-logout=${args.onLogout}
    ></tfa-login>`,
};
export default meta;

type Story = StoryObj<LoginArgs>;

/** Flows 1, 3, 4, 5: Username + Password, then the second factor the server asks for. */
export const Password: Story = {};

/** Flow 2: the identifier-first portal (username, "Next", email code). */
export const IdentifierFirst: Story = { args: { flow: 'identifier-first' } };

/** Signed in (anna signed in on the mock for real): "You are signed in as …", "Log out". */
export const SignedIn: StoryObj<LoginArgs> = {
  loaders: [
    async () => {
      const fetch = createMockFetch(createBackend());
      const api = new ApiClient({ baseUrl: '/api', fetch });
      const tx = await api.request<Transaction>('POST', '/signin/password', { body: { username: 'anna', password: 'demo1234' } });
      const outbox = (await (await fetch('/__mock/outbox')).json()) as { code?: string }[];
      const code = outbox.filter((m) => m.code).at(-1)?.code;
      const done = await api.request<Transaction>('POST', '/signin/code', { token: tx.transactionToken, body: { code } });
      return { session: done.session as Session };
    },
  ],
  render: (_args, { loaded }) => html`<tfa-signed-in .displayName=${(loaded as { session: Session }).session.user.displayName}></tfa-signed-in>`,
};
