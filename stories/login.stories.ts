import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/demo/phone-panel.js';
import '../src/tfa-login.js';
import { alertText, press, text, waitFor, waitUntil } from './support/dom.js';
import { inProcessMock, offlineFetch, signedIn, type InProcessMock } from './support/mock.js';
import { approvePush, currentAppCode, enterCode, logIn, sentCode, signedInShown } from './support/sign-in.js';

interface LoginArgs {
  flow: 'password' | 'identifier-first';
  headingLevel: number;
  onSuccess?: (event: Event) => void;
  onFailure?: (event: Event) => void;
  onStepChange?: (event: Event) => void;
  onLogout?: (event: Event) => void;
}

interface Loaded extends Partial<InProcessMock> {
  stepUpToken?: string;
}

/**
 * `<tfa-login>`, the whole sign-in, against the real mock backend. Each story gets a fresh
 * in-process mock (its `fetchImpl`); the flow stories' `play` functions walk the flow as a person
 * would, reading codes from the mock's outbox and approving pushes through its control API.
 * The Playground uses the mock in the page (MSW) beside the simulated phone, to try any demo user
 * (password `demo1234`): anna (email), bo (SMS), carl (Google Authenticator), dorte (PingID),
 * erik (Entrust Soft Token).
 */
const meta: Meta<LoginArgs> = {
  title: 'Sign-in/Login',
  component: 'tfa-login',
  tags: ['autodocs'],
  args: { flow: 'password', headingLevel: 2 },
  argTypes: {
    flow: { control: 'inline-radio', options: ['password', 'identifier-first'] },
    headingLevel: { control: { type: 'number', min: 2, max: 5 } },
    onSuccess: { action: 'tfa-login-success' },
    onFailure: { action: 'tfa-login-failure' },
    onStepChange: { action: 'tfa-step-change' },
    onLogout: { action: 'tfa-logout' },
  },
  loaders: [() => inProcessMock()],
  render: (args, { loaded }) => {
    const data = loaded as Loaded;
    return html`<tfa-login
      api-base="/api"
      flow=${args.flow}
      heading-level=${args.headingLevel}
      .fetchImpl=${data.fetchImpl}
      .stepUpToken=${data.stepUpToken}
      @tfa-login-success=${args.onSuccess}
      @tfa-login-failure=${args.onFailure}
      @tfa-step-change=${args.onStepChange}
      @tfa-logout=${args.onLogout}
    ></tfa-login>`;
  },
};
export default meta;

type Story = StoryObj<LoginArgs>;
const mock = (loaded: unknown) => loaded as InProcessMock;

/** Username + Password, "Log in". */
export const Idle: Story = { name: 'Idle' };

/** Flow 2, the identifier-first portal: Username, "Next". */
export const IdentifierFirst: Story = { name: 'Identifier-first (Username, Next)', args: { flow: 'identifier-first' } };

/** Wrong password (an unknown user reads exactly the same); nothing typed is lost. */
export const InvalidCredentials: Story = {
  name: 'Error: invalid credentials',
  play: async ({ canvasElement }) => {
    await logIn(canvasElement, 'anna', 'not-the-password');
    await waitUntil(() => alertText(canvasElement), 'the error message');
  },
};

/** No network: every request fails; the message says so and the form keeps what was typed. */
export const NetworkFailure: Story = {
  name: 'Network failure',
  loaders: [() => ({ fetchImpl: offlineFetch })],
  play: async ({ canvasElement }) => {
    await logIn(canvasElement, 'anna');
    await waitUntil(() => alertText(canvasElement), 'the error message');
  },
};

/** Flow 1: anna's password is right; the code went to her masked email address. */
export const EmailCodeSent: Story = {
  name: 'Flow 1: email code sent',
  play: async ({ canvasElement }) => {
    await logIn(canvasElement, 'anna');
    await waitFor(canvasElement, 'tfa-otp-entry input[autocomplete="one-time-code"]');
  },
};

/** Flow 1 to the end: the code from the mock's outbox, "Sign On", signed in. */
export const EmailCodeSignedIn: Story = {
  name: 'Flow 1: signed in with the email code',
  play: async ({ canvasElement, loaded }) => {
    await logIn(canvasElement, 'anna');
    await enterCode(canvasElement, await sentCode(canvasElement, mock(loaded).control));
    await signedInShown(canvasElement);
  },
};

/** Flow 2: Username, "Next", the code pasted with spaces ("123 456"), "Sign On". */
export const IdentifierFirstSignedIn: Story = {
  name: 'Flow 2: identifier-first, pasted code',
  args: { flow: 'identifier-first' },
  play: async ({ canvasElement, loaded }) => {
    await logIn(canvasElement, 'anna', null);
    const code = await sentCode(canvasElement, mock(loaded).control);
    await enterCode(canvasElement, ` ${code.slice(0, 3)} ${code.slice(3)} `);
    await signedInShown(canvasElement);
  },
};

/** Flow 3: bo's code went by SMS to his masked mobile number; "Change Device" offers email. */
export const SmsCodeSent: Story = {
  name: 'Flow 3: SMS code sent',
  play: async ({ canvasElement }) => {
    await logIn(canvasElement, 'bo');
    await waitFor(canvasElement, 'tfa-otp-entry [part~="change-device"]');
  },
};

/** Flow 4: carl types the code from Google Authenticator. */
export const TotpSignedIn: Story = {
  name: 'Flow 4: authenticator app (TOTP) signed in',
  play: async ({ canvasElement, loaded }) => {
    await logIn(canvasElement, 'carl');
    await enterCode(canvasElement, await currentAppCode(canvasElement, mock(loaded).control, 'carl'));
    await signedInShown(canvasElement);
  },
};

/** Flow 5: dorte's PingID request waits, with the number to pick in the app and the time left. */
export const PushWaiting: Story = {
  name: 'Flow 5: push waiting, number to match',
  play: async ({ canvasElement }) => {
    await logIn(canvasElement, 'dorte');
    await waitFor(canvasElement, 'tfa-push-wait [part~="number"]');
  },
};

/** Flow 5 to the end: approved on the phone with the right number; signed in without typing. */
export const PushApproved: Story = {
  name: 'Flow 5: push approved, signed in',
  play: async ({ canvasElement, loaded }) => {
    await logIn(canvasElement, 'dorte');
    await approvePush(canvasElement, mock(loaded).control, 'dorte');
    await signedInShown(canvasElement);
  },
};

/** Flow 5: denied on the phone: a clear message and "Retry mobile", "Change Device", "Forgot your device?". */
export const PushDenied: Story = {
  name: 'Flow 5: push denied',
  play: async ({ canvasElement, loaded }) => {
    const { control } = mock(loaded);
    await logIn(canvasElement, 'dorte');
    await waitFor(canvasElement, 'tfa-push-wait [part~="timer"]');
    const push = await control.pendingPush('dorte');
    await control.denyPush(push!.id);
    await waitFor(canvasElement, 'tfa-push-wait [data-action="retry-push"]', 8000);
  },
};

/** Flow 6: "Change Device" lists bo's other methods. */
export const ChangeDevice: Story = {
  name: 'Flow 6: Change Device picker',
  play: async ({ canvasElement }) => {
    await logIn(canvasElement, 'bo');
    await press(canvasElement, 'tfa-otp-entry [part~="change-device"]');
    await waitFor(canvasElement, 'tfa-device-picker [part~="option"]');
  },
};

/** Flow 6 to the end: bo switches to email; the code goes to his masked email address. */
export const ChangedToEmail: Story = {
  name: 'Flow 6: switched to email',
  play: async ({ canvasElement }) => {
    await logIn(canvasElement, 'bo');
    await press(canvasElement, 'tfa-otp-entry [part~="change-device"]');
    await press(canvasElement, 'tfa-device-picker [part~="option"]');
    await waitUntil(() => text(canvasElement.querySelector('tfa-otp-entry')).includes('@'), 'the code step for email');
  },
};

/** Flow 7: dorte on the push step, "Forgot your device?": the email the code will go to. */
export const ForgotDevice: Story = {
  name: 'Flow 7: Forgot your device?',
  play: async ({ canvasElement }) => {
    await logIn(canvasElement, 'dorte');
    await press(canvasElement, 'tfa-push-wait [data-action="forgot-device"]');
    await waitFor(canvasElement, 'tfa-forgot-device [part~="next-button"]');
  },
};

/** Flow 7 to the end: "Next", the recovery code from the email, "Sign On", signed in. */
export const ForgotDeviceSignedIn: Story = {
  name: 'Flow 7: signed in with a recovery code',
  play: async ({ canvasElement, loaded }) => {
    await logIn(canvasElement, 'dorte');
    await press(canvasElement, 'tfa-push-wait [data-action="forgot-device"]');
    await press(canvasElement, 'tfa-forgot-device [part~="next-button"]');
    await enterCode(canvasElement, await sentCode(canvasElement, mock(loaded).control));
    await signedInShown(canvasElement);
  },
};

/** Five wrong codes close the sign-in: "Sign-in stopped" and "Start again". */
export const SignInStopped: Story = {
  name: 'Too many attempts: sign-in stopped',
  play: async ({ canvasElement, loaded }) => {
    await logIn(canvasElement, 'anna');
    const wrong = (await sentCode(canvasElement, mock(loaded).control)) === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5 && !canvasElement.querySelector('[part~="ended"]'); i++) {
      await enterCode(canvasElement, wrong);
      await waitUntil(() => alertText(canvasElement) || canvasElement.querySelector('[part~="ended"]'), 'an answer');
    }
    await waitFor(canvasElement, '[part~="ended"]');
  },
};

/**
 * Step-up ("Confirm it's you" before a sensitive change): `<tfa-login>` with bo's session token
 * asks for his second factor again, without username and password.
 */
export const StepUp: Story = {
  name: "Step-up: Confirm it's you",
  loaders: [
    async () => {
      const ctx = await signedIn('bo');
      return { fetchImpl: ctx.fetchImpl, control: ctx.control, api: ctx.api, stepUpToken: ctx.session.token };
    },
  ],
  play: async ({ canvasElement }) => {
    await waitFor(canvasElement, 'tfa-otp-entry input[autocomplete="one-time-code"]');
  },
};

/**
 * Try every demo user by hand: the widget against the mock in the page (MSW), beside the
 * simulated phone that shows the codes sent and approves pushes.
 */
export const Playground: Story = {
  name: 'Playground with the simulated phone',
  loaders: [async () => ({ fetchImpl: undefined })],
  render: (args) => html`<div class="tfa-story-playground">
    <tfa-login
      api-base="/api"
      flow=${args.flow}
      heading-level=${args.headingLevel}
      @tfa-login-success=${args.onSuccess}
      @tfa-login-failure=${args.onFailure}
      @tfa-step-change=${args.onStepChange}
      @tfa-logout=${args.onLogout}
    ></tfa-login>
    <demo-phone></demo-phone>
  </div>`,
};
