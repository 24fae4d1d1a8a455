import { html, nothing, type TemplateResult } from 'lit';

/** What {@link codeField} needs: the input's id, its texts, and where its value and error live. */
export interface CodeFieldOptions {
  /** The `<input>`'s id (the `<label>` points at it). */
  id: string;
  label: unknown;
  /** An optional `<p class="tfa-help">` between the label and the input. */
  help?: { id: string; text: unknown };
  /** The ids the input's `aria-describedby` lists. */
  describedBy: string;
  /** The id of the error paragraph under the input. */
  errorId: string;
  /** The error shown under the input; the input is `aria-invalid` while there is one. */
  error?: string;
  value: string;
  onInput: (event: Event) => void;
}

/**
 * A settings one-time-code field: label, optional help, a numeric `autocomplete="one-time-code"`
 * input named `code`, and the error paragraph (`role="alert"`) it is described by.
 */
export function codeField(o: CodeFieldOptions): TemplateResult {
  return html`<div class="tfa-field">
    <label for=${o.id}>${o.label}</label>
    ${o.help ? html`<p class="tfa-help" id=${o.help.id}>${o.help.text}</p>` : nothing}
    <input
      id=${o.id}
      name="code"
      type="text"
      class="tfa-code-input"
      inputmode="numeric"
      autocomplete="one-time-code"
      spellcheck="false"
      maxlength="20"
      .value=${o.value}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${o.describedBy}
      @input=${o.onInput}
    />
    <p class="tfa-error" id=${o.errorId} role="alert">${o.error ?? ''}</p>
  </div>`;
}
