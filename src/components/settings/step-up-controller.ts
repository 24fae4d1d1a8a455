import { msg } from '@lit/localize';
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ApiError } from '../../internal/api-client.js';
import type { Session } from '../../internal/contract.js';
import type { SettingsHost } from '../../internal/settings-client.js';
import type { TfaLoginSuccessEvent } from '../../events/login-success-event.js';
import { TfaSessionChangeEvent } from './session-change-event.js';
import { heading, uid } from '../../internal/heading.js';
import { loadPart } from './parts.js';

/** Rejection of {@link StepUpController.run} when the person cancels "Confirm it's you". */
export class StepUpCancelledError extends Error {
  readonly code = 'step_up_cancelled';
  constructor() {
    super('step_up_cancelled');
    this.name = 'StepUpCancelledError';
  }
}

export function isStepUpCancelled(err: unknown): err is StepUpCancelledError {
  return err instanceof StepUpCancelledError;
}

export interface StepUpHost extends ReactiveControllerHost, HTMLElement, SettingsHost {
  session?: Session;
}

interface Pending {
  change: (token: string) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/**
 * Runs a settings change and, when the server answers `step_up_required` (the second factor is
 * older than the step-up window), renders `<tfa-login>` inline in step-up mode ("Confirm it's
 * you"). On its `tfa-login-success` the host's session is replaced (and `tfa-session-change`
 * fired), then the change is repeated with the fresh token. Cancel rejects with
 * {@link StepUpCancelledError}.
 */
export class StepUpController implements ReactiveController {
  readonly #host: StepUpHost;
  readonly #id = uid('tfa-stepup');
  #pending?: Pending;
  headingLevel = 3;

  constructor(host: StepUpHost) {
    this.#host = host;
    host.addController(this);
  }

  /** True while "Confirm it's you" is shown. */
  get active(): boolean {
    return this.#pending !== undefined;
  }

  hostDisconnected(): void {
    this.cancel();
  }

  async run<T>(change: (token: string) => Promise<T>): Promise<T> {
    const token = this.#host.session?.token;
    if (!token) throw new ApiError('unauthenticated', 401);
    try {
      return await change(token);
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'step_up_required') throw err;
    }
    await loadPart('tfa-login');
    this.cancel();
    const result = new Promise<T>((resolve, reject) => {
      this.#pending = { change, resolve: resolve as (v: unknown) => void, reject };
    });
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.querySelector<HTMLElement>(`#${this.#id}`)?.focus();
    return result;
  }

  /** Abandons a pending step-up (the change is not made). */
  cancel(): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    pending.reject(new StepUpCancelledError());
    this.#host.requestUpdate();
  }

  #onSuccess = async (event: TfaLoginSuccessEvent) => {
    // The portal listens for sign-in success; a step-up inside settings is not a new sign-in.
    event.stopPropagation();
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    const session = event.session;
    this.#host.session = session;
    this.#host.dispatchEvent(new TfaSessionChangeEvent(session));
    this.#host.requestUpdate();
    try {
      pending.resolve(await pending.change(session.token));
    } catch (err) {
      pending.reject(err);
    }
  };

  #onCancelClick = () => this.cancel();

  /** The inline "Confirm it's you" panel, or nothing. */
  render(): TemplateResult | typeof nothing {
    if (!this.#pending) return nothing;
    return html`<section class="tfa-step-up" aria-labelledby=${this.#id}>
      ${heading(this.headingLevel, this.#id, msg("Confirm it's you", { id: 'settings.stepUpHeading' }))}
      <p>${msg('For your security, confirm it is you before you change your two-factor login or contact details. Your change is made right after.', { id: 'settings.stepUpIntro' })}</p>
      <tfa-login
        api-base=${this.#host.apiBase}
        heading-level=${this.headingLevel + 1}
        .fetchImpl=${this.#host.fetchImpl}
        .stepUpToken=${this.#host.session?.token}
        @tfa-login-success=${this.#onSuccess}
      ></tfa-login>
      <div class="tfa-actions">
        <button type="button" @click=${this.#onCancelClick}>${msg('Cancel the change', { id: 'settings.stepUpCancel' })}</button>
      </div>
    </section>`;
  }
}
