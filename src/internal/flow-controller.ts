import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ApiError, type ApiClient } from './api-client.js';
import type { Session, Transaction } from './contract.js';
import { toStepError, type StepError } from './step-error.js';
import type { TfaAction } from '../events/action-event.js';
import { TfaLoginFailureEvent } from '../events/login-failure-event.js';
import { TfaLoginSuccessEvent } from '../events/login-success-event.js';
import { TfaLogoutEvent } from '../events/logout-event.js';
import { TfaStepChangeEvent, type TfaLoginStep } from '../events/step-change-event.js';

/** Which first-factor form `<tfa-login>` shows. */
export type LoginFlow = 'password' | 'identifier-first';

/**
 * What `<tfa-login>` renders. Flow state is data: the server's last `Transaction` decides the step.
 * - `credentials`: the username (+ password) form.
 * - `starting`: a step-up is being requested (no form to show yet).
 * - `step`: one of the server's steps (`tx.step.name` is never `done` here).
 * - `picker`: "Change Device" opened over the step in `tx` (local, no server call).
 * - `ended`: the transaction was closed by the server (`error` says why); only "Start again" is left.
 * - `signed-in`: the second factor passed.
 */
export type FlowView =
  | { name: 'credentials' }
  | { name: 'starting' }
  | { name: 'step'; tx: Transaction }
  | { name: 'picker'; tx: Transaction }
  | { name: 'ended'; error: StepError }
  | { name: 'signed-in'; session: Session };

/** A one-off confirmation to show (and announce) with the current step. */
export type FlowNotice = 'code-sent' | null;

/** Error codes after which the transaction is gone: only "Start again" helps. */
export const CLOSING_CODES = new Set(['too_many_attempts', 'transaction_expired', 'transaction_not_found']);
/** Error codes after which the transaction goes on, but its state (or the server clock) moved. */
const RESYNC_CODES = new Set(['wrong_step', 'code_expired', 'invalid_code', 'resend_too_soon']);

/** Polling of `GET /signin` while a push is pending. */
export const POLL_INTERVAL_MS = 2000;
const POLL_MAX_BACKOFF_MS = 30000;

export interface FlowControllerOptions {
  /** The client to use for the next call (the host may change `api-base` at any time). */
  client: () => ApiClient;
  /** Which first-factor form to use. */
  flow: () => LoginFlow;
}

/** Removes what people paste around codes: spaces (also non-breaking) and dashes of any kind. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s\u00a0\u2010-\u2015\u2212-]/g, '');
}

/**
 * Owns a `<tfa-login>` sign-in: the current view, whether a call is running (`busy`), the last
 * error, and the tokens (in memory only: never in web storage). Step elements ask for actions
 * through `TfaActionEvent`s; the host passes them to {@link FlowController.handle}.
 *
 * Guarantees: one call at a time (actions while busy are ignored), `GET /signin` is polled every
 * 2 s while a push is pending (never overlapping, backing off on errors, once more when the push's
 * countdown reaches zero, stopped on any other step or when the host leaves the page).
 */
export class FlowController implements ReactiveController {
  view: FlowView = { name: 'credentials' };
  busy = false;
  error: StepError | null = null;
  notice: FlowNotice = null;
  /** The username last submitted: kept when the person starts again or after an error. */
  username = '';
  /** `Date.parse(tx.serverTime) - Date.now()` of the last answer, for countdowns. */
  offsetMs = 0;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: FlowControllerOptions;
  #txToken?: string;
  #stepUpToken?: string;
  #connected = false;
  #abort = new AbortController();
  #pollTimer?: ReturnType<typeof setTimeout>;
  #expiryTimer?: ReturnType<typeof setTimeout>;
  #polling = false;
  #pollFailures = 0;
  #lastStep: TfaLoginStep = 'credentials';

  constructor(host: ReactiveControllerHost & HTMLElement, options: FlowControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The name of what is shown, as `tfa-step-change` reports it. */
  get step(): TfaLoginStep {
    return stepOf(this.view);
  }

  /** The transaction behind a `step` or `picker` view. */
  get transaction(): Transaction | undefined {
    return this.view.name === 'step' || this.view.name === 'picker' ? this.view.tx : undefined;
  }

  /** True while `GET /signin` is being polled (a push is pending). */
  get polling(): boolean {
    return this.#pollTimer !== undefined || this.#polling;
  }

  hostConnected(): void {
    this.#connected = true;
    if (this.#abort.signal.aborted) this.#abort = new AbortController();
    this.#schedulePoll();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stopPolling();
    this.#abort.abort();
  }

  /** Runs what a step element asked for. Ignored while another call runs. */
  handle(action: TfaAction): Promise<void> {
    switch (action.type) {
      case 'submit-credentials':
        return this.submitCredentials(action.username, action.password);
      case 'submit-code':
        return this.submitCode(action.code);
      case 'resend':
        return this.resend();
      case 'change-device':
        this.changeDevice();
        return Promise.resolve();
      case 'close-picker':
        this.closePicker();
        return Promise.resolve();
      case 'choose-method':
        return this.chooseMethod(action.methodId);
      case 'retry-push':
        return this.retryPush();
      case 'forgot-device':
        return this.forgotDevice();
      case 'send-recovery':
        return this.sendRecovery();
      case 'restart':
        return this.restart();
      case 'logout':
        return this.logout();
    }
  }

  /** `POST /signin/password` (password flow) or `POST /signin/identify` (identifier-first). */
  submitCredentials(username: string, password?: string): Promise<void> {
    return this.#run(async (client, signal) => {
      this.username = username.trim();
      const tx =
        this.#options.flow() === 'identifier-first'
          ? await client.request<Transaction>('POST', '/signin/identify', { body: { username: this.username }, signal })
          : await client.request<Transaction>('POST', '/signin/password', {
              body: { username: this.username, password: password ?? '' },
              signal,
            });
      this.#apply(tx);
    });
  }

  /** `POST /signin/code` with spaces and dashes removed. */
  submitCode(code: string): Promise<void> {
    return this.#post('/signin/code', { code: normalizeCode(code) });
  }

  /** `POST /signin/resend`: a new code replaces the old one. */
  resend(): Promise<void> {
    return this.#post('/signin/resend', undefined, () => {
      this.notice = 'code-sent';
    });
  }

  /** "Change Device": opens the picker over the current step (no server call). */
  changeDevice(): void {
    if (this.busy || this.view.name !== 'step' || this.view.tx.alternatives.length === 0) return;
    this.error = null;
    this.notice = null;
    this.#setView({ name: 'picker', tx: this.view.tx });
  }

  /** Closes the picker: back to the step it was opened over. */
  closePicker(): void {
    if (this.busy || this.view.name !== 'picker') return;
    this.error = null;
    this.#setView({ name: 'step', tx: this.view.tx });
  }

  /** `POST /signin/method`: challenge the chosen method instead. */
  chooseMethod(methodId: string): Promise<void> {
    return this.#post('/signin/method', { methodId });
  }

  /** "Retry mobile": `POST /signin/push/retry`. */
  retryPush(): Promise<void> {
    return this.#post('/signin/push/retry');
  }

  /** "Forgot your device?": `POST /signin/recovery`. */
  forgotDevice(): Promise<void> {
    return this.#post('/signin/recovery');
  }

  /** Sends the recovery code: `POST /signin/recovery/send`. */
  sendRecovery(): Promise<void> {
    return this.#post('/signin/recovery/send');
  }

  /**
   * Back to the start, keeping the username: closes the transaction on the server (best effort,
   * `DELETE /signin`). In a step-up, asks for a new step-up instead of showing the form.
   */
  async restart(): Promise<void> {
    if (this.busy) return;
    const token = this.#txToken;
    this.#txToken = undefined;
    this.#stopPolling();
    if (token) {
      void this.#options
        .client()
        .request('DELETE', '/signin', { token })
        .catch(() => undefined);
    }
    this.error = null;
    this.notice = null;
    const ended = this.view.name === 'ended' ? this.view.error.code : undefined;
    if (this.#stepUpToken && ended !== 'unauthenticated') {
      await this.startStepUp(this.#stepUpToken);
      return;
    }
    this.#stepUpToken = undefined;
    this.#setView({ name: 'credentials' });
  }

  /** `DELETE /session` (best effort), forgets the session, back to the form. Fires `tfa-logout`. */
  async logout(): Promise<void> {
    if (this.busy || this.view.name !== 'signed-in') return;
    const { token } = this.view.session;
    this.busy = true;
    this.#host.requestUpdate();
    try {
      await this.#options.client().request('DELETE', '/session', { token, signal: this.#abort.signal });
    } catch {
      /* best effort: the token is dropped from memory either way */
    } finally {
      this.busy = false;
    }
    this.error = null;
    this.notice = null;
    this.#stepUpToken = undefined;
    this.#setView({ name: 'credentials' });
    this.#host.dispatchEvent(new TfaLogoutEvent());
  }

  /**
   * Step-up: re-verifies the second factor of a signed-in session (`POST /session/step-up`)
   * without asking for the password. `tfa-login-success` then carries the refreshed session.
   */
  startStepUp(sessionToken: string): Promise<void> {
    this.#stepUpToken = sessionToken;
    this.#stopPolling();
    this.#txToken = undefined;
    this.error = null;
    this.notice = null;
    this.#setView({ name: 'starting' });
    return this.#run(async (client, signal) => {
      const tx = await client.request<Transaction>('POST', '/session/step-up', { token: sessionToken, signal });
      this.#apply(tx);
    });
  }

  /** Leaves step-up mode (the host's `stepUpToken` was cleared): back to the form. */
  stopStepUp(): void {
    if (!this.#stepUpToken) return;
    this.#stepUpToken = undefined;
    void this.restart();
  }

  /* ---------------- internals ---------------- */

  /**
   * `POST path` (with `body`, if any) in the current transaction; the answer is its next state.
   * `then` runs after the answer was applied (not after an error).
   */
  #post(path: string, body?: unknown, then?: () => void): Promise<void> {
    return this.#run(async (client, signal, token) => {
      this.#apply(await client.request<Transaction>('POST', path, { body, token, signal }));
      then?.();
    }, true);
  }

  async #run(
    work: (client: ApiClient, signal: AbortSignal, token: string | undefined) => Promise<void>,
    needsTransaction = false,
  ): Promise<void> {
    if (this.busy) return;
    const token = this.#txToken;
    if (needsTransaction && !token) return;
    this.busy = true;
    this.error = null;
    this.notice = null;
    this.#host.requestUpdate();
    const signal = this.#abort.signal;
    try {
      await work(this.#options.client(), signal, token);
    } catch (err) {
      if (!signal.aborted) await this.#fail(err);
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
      this.#schedulePoll();
    }
  }

  async #fail(err: unknown): Promise<void> {
    const error = toStepError(err);
    this.#host.dispatchEvent(new TfaLoginFailureEvent(error.code));
    if (CLOSING_CODES.has(error.code) || this.view.name === 'starting') {
      // A closed transaction, or a step-up the server refused: only "Start again" is left.
      this.#close(error);
      return;
    }
    this.error = error;
    if (RESYNC_CODES.has(error.code) && this.#txToken) {
      // Learn where the server is now: its clock (an expired code means time has passed, so the
      // resend countdown may be over), the attempts left, or the step it moved on to.
      try {
        const tx = await this.#options.client().request<Transaction>('GET', '/signin', { token: this.#txToken, signal: this.#abort.signal });
        this.#apply(tx);
        if (this.view.name === 'step') this.error = error;
      } catch (again) {
        if (again instanceof ApiError && CLOSING_CODES.has(again.code)) this.#close(toStepError(again));
      }
    }
  }

  #close(error: StepError): void {
    this.#txToken = undefined;
    this.#stopPolling();
    this.error = null;
    this.#setView({ name: 'ended', error });
  }

  #apply(tx: Transaction): void {
    // A 200 that is not a Transaction (a proxy's JSON, an older or newer server) must not reach
    // the step elements: it is an error like any other, and what is shown stays as it was.
    if (!isTransaction(tx)) throw new ApiError('bad_response', 200);
    const serverNow = Date.parse(tx.serverTime);
    if (Number.isFinite(serverNow)) this.offsetMs = serverNow - Date.now();
    if (tx.step.name === 'done') {
      this.#txToken = undefined;
      this.#stopPolling();
      if (!isSession(tx.session)) {
        this.#close({ code: 'bad_response' });
        return;
      }
      this.#stepUpToken = undefined;
      this.#setView({ name: 'signed-in', session: tx.session });
      this.#host.dispatchEvent(new TfaLoginSuccessEvent(tx.session));
      return;
    }
    this.#txToken = tx.transactionToken;
    const previous = this.view.name === 'step' || this.view.name === 'picker' ? this.view.tx : undefined;
    this.#setView({ name: 'step', tx });
    if (tx.step.name === 'push' && tx.step.push.status !== 'pending') {
      const before = previous?.step.name === 'push' ? previous.step.push : undefined;
      const changed = !before || before.id !== tx.step.push.id || before.status !== tx.step.push.status;
      if (changed) this.#host.dispatchEvent(new TfaLoginFailureEvent(tx.step.push.status === 'denied' ? 'push_denied' : 'push_expired'));
    }
  }

  #setView(view: FlowView): void {
    this.view = view;
    const step = stepOf(view);
    this.#host.requestUpdate();
    if (step !== this.#lastStep) {
      this.#lastStep = step;
      this.#host.dispatchEvent(new TfaStepChangeEvent(step));
    }
    this.#schedulePoll();
  }

  /* ---- polling while a push is pending ---- */

  #pendingPush(): Transaction | undefined {
    const tx = this.view.name === 'step' ? this.view.tx : undefined;
    return tx?.step.name === 'push' && tx.step.push.status === 'pending' ? tx : undefined;
  }

  #schedulePoll(): void {
    this.#clearTimers();
    if (!this.#connected || this.#polling) return;
    const tx = this.#pendingPush();
    if (!tx || tx.step.name !== 'push') return;
    const delay = this.#pollFailures === 0 ? POLL_INTERVAL_MS : Math.min(POLL_INTERVAL_MS * 2 ** this.#pollFailures, POLL_MAX_BACKOFF_MS);
    this.#pollTimer = setTimeout(() => void this.#poll(), delay);
    const untilExpiry = Date.parse(tx.step.push.expiresAt) - (Date.now() + this.offsetMs);
    if (Number.isFinite(untilExpiry) && untilExpiry + 100 < delay) {
      // The countdown reaches zero before the next regular poll: ask once right then.
      this.#expiryTimer = setTimeout(() => void this.#poll(), Math.max(0, untilExpiry + 100));
    }
  }

  async #poll(): Promise<void> {
    this.#clearTimers();
    const token = this.#txToken;
    if (!this.#connected || this.#polling || !token || !this.#pendingPush()) return;
    if (this.busy) {
      this.#schedulePoll();
      return;
    }
    this.#polling = true;
    const signal = this.#abort.signal;
    try {
      const tx = await this.#options.client().request<Transaction>('GET', '/signin', { token, signal });
      this.#pollFailures = 0;
      // Drop the answer if the person did something meanwhile (it may be about an older state).
      if (this.busy || token !== this.#txToken || !this.#pendingPush()) return;
      this.#apply(tx);
    } catch (err) {
      if (signal.aborted) return;
      const error = toStepError(err);
      if (CLOSING_CODES.has(error.code)) {
        this.#host.dispatchEvent(new TfaLoginFailureEvent(error.code));
        this.#close(error);
      } else {
        this.#pollFailures += 1;
      }
    } finally {
      this.#polling = false;
      this.#schedulePoll();
    }
  }

  #clearTimers(): void {
    if (this.#pollTimer !== undefined) clearTimeout(this.#pollTimer);
    if (this.#expiryTimer !== undefined) clearTimeout(this.#expiryTimer);
    this.#pollTimer = undefined;
    this.#expiryTimer = undefined;
  }

  #stopPolling(): void {
    this.#clearTimers();
    this.#pollFailures = 0;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * Whether `value` has the shape of a `Transaction` the widget can render: a step it knows with
 * what that step needs. `done` passes whatever its session: the transaction is used up either way,
 * so `#apply` ends the sign-in with `bad_response` when the session is missing or malformed.
 * Extra fields are allowed (a newer server).
 */
export function isTransaction(value: unknown): value is Transaction {
  if (!isObject(value) || !isObject(value.step)) return false;
  const step = value.step;
  if (step.name === 'done') return true;
  if (!Array.isArray(value.alternatives) || !value.alternatives.every((m) => isObject(m) && isString(m.id) && isString(m.kind))) return false;
  if (!isString(value.transactionToken) || !isObject(step.method) || !isString(step.method.id)) return false;
  switch (step.name) {
    case 'verify-code':
      return isObject(step.code) && typeof step.code.length === 'number' && isString(step.code.resendAvailableAt);
    case 'verify-totp':
    case 'recovery-confirm':
      return true;
    case 'push':
      return isObject(step.push) && isString(step.push.id) && isString(step.push.status) && isString(step.push.expiresAt);
    default:
      return false;
  }
}

function isSession(value: unknown): value is Session {
  return isObject(value) && isString(value.token) && isObject(value.user) && typeof value.user.displayName === 'string';
}

function stepOf(view: FlowView): TfaLoginStep {
  switch (view.name) {
    case 'credentials':
    case 'starting':
      return 'credentials';
    case 'step':
      return view.tx.step.name as TfaLoginStep;
    case 'picker':
      return 'device-picker';
    case 'ended':
      return 'ended';
    case 'signed-in':
      return 'signed-in';
  }
}
