import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MockControl } from '../mock-server/control-client.js';
import '../src/components/otp-entry/define.js';
import { ApiClient } from '../src/internal/api-client.js';
import type { Step, Transaction } from '../src/internal/contract.js';
import type { FlowNotice } from '../src/internal/flow-controller.js';
import { toStepError, type StepError } from '../src/internal/step-error.js';
import { inProcessMock, offlineError } from './support/mock.js';

type CodeStep = Extract<Step, { name: 'verify-code' | 'verify-totp' }>;

interface OtpArgs {
  busy: boolean;
  /** Logged in the Actions panel: what the element asks `<tfa-login>` to do. */
  onAction?: (event: Event) => void;
}

interface Loaded {
  step: CodeStep;
  offsetMs: number;
  hasAlternatives: boolean;
  recoveryAvailable: boolean;
  error: StepError | null;
  notice: FlowNotice;
}

interface Ctx {
  api: ApiClient;
  tx: Transaction;
  /** Calls the transaction route `path`; returns its error (or null). */
  attempt: (path: string, body?: unknown) => Promise<StepError | null>;
  control: MockControl;
}

/**
 * Signs `username` in on a fresh in-process mock backend, lets `then` act (wrong codes, clock moves,
 * resends) and returns the step as `<tfa-login>` would pass it. Nothing is hand-written.
 */
async function codeStepOf(username: string, then: (ctx: Ctx) => Promise<Partial<Loaded> | void> = async () => {}): Promise<Loaded> {
  const { api, control } = inProcessMock();
  const tx = await api.request<Transaction>('POST', '/signin/password', { body: { username, password: 'demo1234' } });
  const token = tx.transactionToken;
  const ctx: Ctx = {
    api,
    tx,
    control,
    attempt: async (path, body) => {
      try {
        await api.request('POST', path, { token, body });
        return null;
      } catch (err) {
        return toStepError(err);
      }
    },
  };
  const extra = (await then(ctx)) ?? {};
  const now = await api.request<Transaction>('GET', '/signin', { token }).catch(() => tx);
  if (now.step.name !== 'verify-code' && now.step.name !== 'verify-totp') throw new Error(`the mock answered ${now.step.name}`);
  return {
    step: now.step,
    offsetMs: Date.parse(now.serverTime) - Date.now(),
    hasAlternatives: now.alternatives.length > 0,
    recoveryAvailable: now.recoveryAvailable,
    error: null,
    notice: null,
    ...extra,
  };
}

/** A wrong code that is surely not the one sent. */
async function wrongCode(ctx: Ctx): Promise<string> {
  return (await ctx.control.lastCode()) === '000000' ? '111111' : '000000';
}

const meta: Meta<OtpArgs> = {
  title: 'Sign-in/One-time code',
  component: 'tfa-otp-entry',
  tags: ['autodocs'],
  args: { busy: false },
  argTypes: { onAction: { action: 'tfa-action' } },
  render: (args, { loaded }) => {
    const data = loaded as Loaded;
    return html`<tfa-otp-entry
      .step=${data.step}
      .offsetMs=${data.offsetMs}
      .hasAlternatives=${data.hasAlternatives}
      .recoveryAvailable=${data.recoveryAvailable}
      .error=${data.error}
      .notice=${data.notice}
      .busy=${args.busy}
      @tfa-action=${args.onAction}
    ></tfa-otp-entry>`;
  },
};
export default meta;

type Story = StoryObj<OtpArgs>;

/** anna (email only): the code went to her masked address; the resend cooldown is over (mock clock + 31 s). */
export const CodeSentEmail: Story = {
  name: 'Code sent (email)',
  loaders: [() => codeStepOf('anna', async ({ control }) => void (await control.advanceClock(31)))],
};

/** Right after sending: "Resend Passcode" counts down from the server's `resendAvailableAt`. */
export const ResendCooldown: Story = {
  name: 'Resend cooldown',
  loaders: [() => codeStepOf('anna')],
};

/** "Resend Passcode" was used: "A new code has been sent", and a new cooldown. */
export const CodeResent: Story = {
  name: 'Code resent',
  loaders: [
    () =>
      codeStepOf('anna', async ({ control, attempt }) => {
        await control.advanceClock(31);
        await attempt('/signin/resend');
        return { notice: 'code-sent' };
      }),
  ],
};

/** bo (SMS first, email too): the masked number, "Change Device", help about switching to email. */
export const Sms: Story = {
  name: 'SMS',
  loaders: [() => codeStepOf('bo')],
};

/** carl (Google Authenticator): the 6-digit code from the app; "Forgot your device?". */
export const Totp: Story = {
  name: 'TOTP (authenticator app)',
  loaders: [() => codeStepOf('carl')],
};

/** "Forgot your device?" → Next: the recovery code went to the email address. */
export const RecoveryCode: Story = {
  name: 'Recovery code (Forgot your device?)',
  loaders: [
    () =>
      codeStepOf('carl', async ({ attempt }) => {
        await attempt('/signin/recovery');
        await attempt('/signin/recovery/send');
      }),
  ],
};

/** A wrong code: the attempts left. */
export const WrongCode: Story = {
  name: 'Error: wrong code',
  loaders: [() => codeStepOf('anna', async (ctx) => ({ error: await ctx.attempt('/signin/code', { code: await wrongCode(ctx) }) }))],
};

/** The code expired (mock clock + 301 s): send a new one. */
export const Expired: Story = {
  name: 'Error: code expired',
  loaders: [
    () =>
      codeStepOf('anna', async (ctx) => {
        const code = await ctx.control.lastCode();
        await ctx.control.advanceClock(301);
        return { error: await ctx.attempt('/signin/code', { code }) };
      }),
  ],
};

/** Too many wrong codes: the sign-in is closed, only "Start again". */
export const TooManyAttempts: Story = {
  name: 'Error: too many attempts',
  loaders: [
    () =>
      codeStepOf('anna', async (ctx) => {
        const wrong = await wrongCode(ctx);
        let error: StepError | null = null;
        for (let i = 0; i < 10 && error?.code !== 'too_many_attempts'; i++) error = await ctx.attempt('/signin/code', { code: wrong });
        // The closed transaction cannot be read any more: keep the step it was at.
        return { error, step: ctx.tx.step as CodeStep };
      }),
  ],
};

/** Resend asked for too early (the server says how long to wait). */
export const ResendTooSoon: Story = {
  name: 'Error: resend too soon',
  loaders: [() => codeStepOf('anna', async ({ attempt }) => ({ error: await attempt('/signin/resend') }))],
};

/** The code is being checked. */
export const Submitting: Story = {
  name: 'Submitting',
  args: { busy: true },
  loaders: [() => codeStepOf('anna')],
};

/** No connection while sending the code: the message says so; the code typed stays in the field. */
export const NetworkFailure: Story = {
  name: 'Network failure',
  loaders: [
    () =>
      codeStepOf('anna', async ({ tx }) => ({
        error: await offlineError('POST', '/signin/code', tx.transactionToken, { code: '123456' }),
      })),
  ],
};
