import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { TfaActionEvent } from '../../events/action-event.js';
import type { MethodKind, MethodSummary } from '../../internal/contract.js';
import { LangController } from '../../internal/localize.js';
import { errorMessage, productName } from '../../internal/messages.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import type { StepError } from '../../internal/step-error.js';
import { heading } from '../../internal/heading.js';
import { TfaElement } from '../../internal/tfa-element.js';
import { devicePickerStyles } from './device-picker.styles.js';
import { cancelText } from '../../internal/texts.js';

let nextId = 0;

/** One line saying how the method works, read after the method's name. */
function methodHint(kind: MethodKind): string {
  switch (kind) {
    case 'email':
      return msg('Get a one-time code by email.', { id: 'picker.hint_email' });
    case 'sms':
      return msg('Get a one-time code by text message.', { id: 'picker.hint_sms' });
    case 'totp':
      return msg('Enter the code shown in the app.', { id: 'picker.hint_totp' });
    case 'push':
      return msg('Approve a notification in the app.', { id: 'picker.hint_push' });
  }
}

/**
 * "Change Device" (flow 6): lists the person's other methods, each by the name people know it by
 * and its masked address or number (never a secret), and asks `<tfa-login>` to switch to the
 * one chosen. Opened from a second-factor step.
 *
 * A non-modal dialog in the light DOM: when it opens, focus goes to the first option (to "Cancel"
 * when there is none); Arrow Up/Down, Home and End move between the options; Escape or "Cancel"
 * closes it. Options stay focusable while `busy` (`aria-disabled`) and fire nothing. The method
 * in use (`current`) is named above the list and never offered again.
 *
 * @summary Lets the person switch to another of their sign-in methods.
 *
 * @event tfa-action - `TfaActionEvent` with `action.type` `choose-method` (and `methodId`) when an
 *   option is chosen, or `close-picker` on Escape or "Cancel". Bubbles, composed. Not fired while
 *   `busy`, except `close-picker`.
 *
 * @csspart base - The dialog root (class `tfa`).
 * @csspart heading - The heading "Choose another method".
 * @csspart list - The list of options.
 * @csspart option - Each option button.
 * @csspart cancel-button - "Cancel".
 */
export class TfaDevicePicker extends TfaElement {
  static override lightStyles = [sharedStyles, devicePickerStyles];

  static override properties = {
    methods: { attribute: false },
    current: { attribute: false },
    busy: { type: Boolean, reflect: true },
    error: { attribute: false },
  };

  /** The methods to offer (the transaction's `alternatives`), in the server's order. */
  methods: MethodSummary[] = [];

  /** The method the person is using now; named above the list and left out of it. */
  current: MethodSummary | undefined = undefined;

  /** A switch is in flight: options are announced as unavailable and fire no event. */
  busy = false;

  /** The last failed switch's error, shown and announced; `null` for none. */
  error: StepError | null = null;

  readonly #ids = `tfa-picker-${++nextId}`;

  constructor() {
    super();
    new LangController(this);
  }

  /** The options shown: `methods` without the one in use. */
  get options(): MethodSummary[] {
    return this.methods.filter((m) => m.id !== this.current?.id);
  }

  /** Moves focus to the first option ("Cancel" when there is none); done when the picker opens. */
  override focus(options?: FocusOptions): void {
    const first =
      this.querySelector<HTMLButtonElement>('button[part~="option"]') ??
      this.querySelector<HTMLButtonElement>('button[part~="cancel-button"]');
    first?.focus(options);
  }

  protected override firstUpdated(): void {
    this.focus();
  }

  #choose(method: MethodSummary): void {
    if (this.busy) return;
    this.dispatchEvent(new TfaActionEvent({ type: 'choose-method', methodId: method.id }));
  }

  #close(): void {
    this.dispatchEvent(new TfaActionEvent({ type: 'close-picker' }));
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.#close();
      return;
    }
    const options = [...this.querySelectorAll<HTMLButtonElement>('button[part~="option"]')];
    const at = options.indexOf(event.target as HTMLButtonElement);
    if (at < 0 || !options.length) return;
    let next: number | undefined;
    if (event.key === 'ArrowDown') next = (at + 1) % options.length;
    else if (event.key === 'ArrowUp') next = (at - 1 + options.length) % options.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = options.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    options[next].focus();
  }

  protected override render(): TemplateResult {
    const ids = this.#ids;
    const errorId = `${ids}-error`;
    const options = this.options;
    const current = this.current;
    return html`
      <div
        class="tfa tfa-picker"
        part="base"
        role="dialog"
        aria-labelledby="${ids}-heading"
        aria-describedby="${ids}-intro"
        aria-busy=${this.busy ? 'true' : 'false'}
        @keydown=${this.#onKeydown}
      >
        ${heading(this.headingLevel, `${ids}-heading`, msg('Choose another method', { id: 'picker.heading' }))}
        <p id="${ids}-intro">
          ${current
            ? msg(str`You are using ${this.#label(current)}. Choose how you want to confirm it is you instead.`, { id: 'picker.intro_current' })
            : msg('Choose how you want to confirm it is you.', { id: 'picker.intro' })}
        </p>
        ${options.length
          ? html`<ul class="tfa-picker-list" part="list" aria-labelledby="${ids}-heading">
              ${options.map((m, i) => this.#renderOption(m, `${ids}-hint-${i}`, errorId))}
            </ul>`
          : html`<p>${msg('You have no other methods.', { id: 'picker.none' })}</p>`}
        <p id=${errorId} class="tfa-error" role="alert">${this.error
          ? errorMessage(this.error.code, this.error)
          : nothing}</p>
        <div class="tfa-actions">
          <button type="button" part="cancel-button" data-action="close-picker" @click=${this.#close}>
            ${cancelText()}
          </button>
        </div>
      </div>
    `;
  }

  #label(m: MethodSummary): string {
    return m.maskedTarget ? `${productName(m.product)}, ${m.maskedTarget}` : productName(m.product);
  }

  #renderOption(m: MethodSummary, hintId: string, errorId: string): TemplateResult {
    return html`<li>
      <button
        type="button"
        class="tfa-picker-option"
        part="option"
        data-method-id=${m.id}
        aria-disabled=${this.busy ? 'true' : 'false'}
        aria-describedby=${this.error ? errorId : nothing}
        @click=${() => this.#choose(m)}
      >
        <span class="tfa-picker-name">${productName(m.product)}</span>
        ${m.maskedTarget ? html`<span class="tfa-picker-target">${m.maskedTarget}</span>` : nothing}
        <span class="tfa-picker-hint" id=${hintId}>${methodHint(m.kind)}</span>
      </button>
    </li>`;
  }
}
