import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { createBackend } from '../mock-server/backend.js';
import type { MockConfig } from '../mock-server/config.js';
import { createMockFetch } from '../mock-server/in-process.js';
import { currentTotp } from '../mock-server/totp.js';
import '../src/tfa-settings.js';
import '../src/tfa-login.js';
import { ApiClient } from '../src/internal/api-client.js';
import type { Enrollment, Session, Transaction } from '../src/internal/contract.js';

/* ---------- data from the real mock, in this JS context (shared by the settings stories) ---------- */

/** A signed-in person on a fresh in-process mock backend: what the settings elements get. */
export interface SignedIn {
  session: Session;
  fetchImpl: typeof fetch;
  api: ApiClient;
  /** The mock's control API (`/__mock/*`). */
  control: <T = unknown>(path: string, body?: unknown) => Promise<T>;
}

/**
 * Signs `username` in (password `demo1234`, then the primary method: the code from the mock's
 * outbox or authenticator list, or an approved push) and lets `prepare` change the mock's data.
 */
export async function signedIn(
  username: string,
  prepare: (ctx: SignedIn) => Promise<unknown> = async () => {},
  config: Partial<MockConfig> = {},
): Promise<SignedIn> {
  const fetchImpl = createMockFetch(createBackend({ config }));
  const api = new ApiClient({ baseUrl: '/api', fetch: fetchImpl });
  const control = async <T = unknown>(path: string, body?: unknown): Promise<T> => {
    const res = await fetchImpl(path, body === undefined
      ? {}
      : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  let tx = await api.request<Transaction>('POST', '/signin/password', { body: { username, password: 'demo1234' } });
  while (tx.step.name !== 'done') {
    const step = tx.step;
    if (step.name === 'verify-code') {
      const outbox = await control<{ code?: string }[]>('/__mock/outbox');
      const code = outbox.filter((m) => m.code).at(-1)!.code!;
      tx = await api.request<Transaction>('POST', '/signin/code', { token: tx.transactionToken, body: { code } });
    } else if (step.name === 'verify-totp') {
      const apps = await control<{ username: string; code: string }[]>('/__mock/authenticators');
      const code = apps.find((a) => a.username === username)!.code;
      tx = await api.request<Transaction>('POST', '/signin/code', { token: tx.transactionToken, body: { code } });
    } else if (step.name === 'push') {
      await control(`/__mock/push/${step.push.id}/approve`, step.push.number === undefined ? {} : { number: step.push.number });
      tx = await api.request<Transaction>('GET', '/signin', { token: tx.transactionToken });
    } else {
      throw new Error(`signedIn(${username}): cannot pass ${step.name}`);
    }
  }
  const ctx: SignedIn = { session: tx.session!, fetchImpl, api, control };
  await prepare(ctx);
  return ctx;
}

/** Adds `product` to the signed-in person's methods as a person would (wizard or app pairing). */
export async function addMethod(ctx: SignedIn, product: Enrollment['product']): Promise<void> {
  const token = ctx.session.token;
  const enrollment = await ctx.api.request<Enrollment>('POST', '/me/enrollments', { token, body: { product } });
  if (enrollment.secret) {
    const { code } = await currentTotp(enrollment.secret, Date.now());
    await ctx.api.request('POST', `/me/enrollments/${enrollment.id}/verify`, { token, body: { code } });
  } else {
    await ctx.control(`/__mock/enrollments/${enrollment.id}/complete`, {});
  }
}

/** Finds `selector` inside `root` once it has rendered (light DOM, so a plain query). */
export async function waitFor<T extends Element>(root: ParentNode, selector: string, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = root.querySelector<T>(selector);
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`${selector} did not appear`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The button in `root` whose accessible name is `name`. */
export function buttonNamed(root: ParentNode, name: string): HTMLButtonElement {
  const button = [...root.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').replace(/\s+/g, ' ').trim() === name,
  );
  if (!button) throw new Error(`no button "${name}"`);
  return button;
}

/* ---------- <tfa-settings> ---------- */

interface SettingsArgs {
  editing: boolean;
}

const meta: Meta<SettingsArgs> = {
  title: 'Settings/Personal settings',
  component: 'tfa-settings',
  excludeStories: ['signedIn', 'addMethod', 'waitFor', 'buttonNamed'],
  args: { editing: false },
  render: (args, { loaded }) => {
    const ctx = loaded as SignedIn;
    return html`<tfa-settings
      api-base="/api"
      .fetchImpl=${ctx.fetchImpl}
      .session=${ctx.session}
      ?editing=${args.editing}
    ></tfa-settings>`;
  },
};
export default meta;

type Story = StoryObj<SettingsArgs>;

/** bo (SMS, email): the "Two-factor login" box and "Contact details". */
export const Default: Story = {
  loaders: [() => signedIn('bo')],
};

/** anna has only email: the recommendation says to add another method. */
export const OnlyEmail: Story = {
  loaders: [() => signedIn('anna')],
};

/** After "Edit": move, remove and "Add new authentication method". */
export const Editing: Story = {
  args: { editing: true },
  loaders: [() => signedIn('bo')],
};

/**
 * The second factor is older than 10 minutes (mock clock +601 s): moving Email up asks
 * "Confirm it's you" inline with `<tfa-login>` in step-up mode (the code went to bo's phone).
 */
export const StepUp: Story = {
  args: { editing: true },
  loaders: [() => signedIn('bo', (ctx) => ctx.control('/__mock/clock', { advanceSeconds: 601 }))],
  play: async ({ canvasElement }) => {
    const list = await waitFor(canvasElement, 'tfa-method-list ol');
    buttonNamed(list.parentElement!, 'Move up: Email').click();
    await waitFor(canvasElement, '.tfa-step-up tfa-login input');
  },
};
