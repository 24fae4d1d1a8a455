import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Method } from '../../internal/contract.js';
import { productName } from '../../internal/messages.js';
import { settingsErrorMessage } from '../settings/messages.js';
import { settingsClientFor } from '../../internal/settings-client.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { toStepError, type StepError } from '../../internal/step-error.js';
import { TfaSettingsElement } from '../settings/settings-element.js';
import { TfaMethodsChangeEvent } from '../settings/methods-change-event.js';
import { isStepUpCancelled, StepUpController } from '../settings/step-up-controller.js';
import { heading, uid } from '../../internal/heading.js';
import { LoadController } from '../settings/load-controller.js';
import { stepUpStyles } from '../settings/ui.js';
import { methodListStyles } from './method-list.styles.js';
import { cancelText } from '../../internal/texts.js';

/** Moves the item at `from` to `to`; the first item of the result is the primary one. */
export function moveMethod(methods: readonly Method[], from: number, to: number): Method[] {
  const next = methods.slice();
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next.map((m, i) => ({ ...m, primary: i === 0 }));
}

/**
 * "My authentication methods": the signed-in person's methods in order, the primary (first)
 * one marked in text. In edit mode each method can be moved by dragging or with the "Move up" /
 * "Move down" buttons (focus stays on the moved method's button and the new position is
 * announced), and removed after an inline confirmation. Email and the last method say why they
 * cannot be removed instead of offering a button that does nothing. Changes are saved with
 * `PUT /me/methods/order` / `DELETE /me/methods/{id}`; on failure the previous order comes back
 * and the error is shown. When the server asks for a step-up, "Confirm it's you" (`<tfa-login>`)
 * appears inline and the change is repeated afterwards.
 *
 * Without `methods` it loads them itself (`GET /me/methods`) once `session` is set.
 *
 * @summary The sortable list of the person's two-factor methods.
 * @event tfa-methods-change - After a reorder or removal was saved; `event.methods` is the new list.
 * @event tfa-session-change - After a step-up renewed the session.
 * @csspart list - The `<ol>` of methods.
 * @csspart method - Each method's `<li>`.
 * @csspart primary-badge - The "Primary method" label.
 */
export class TfaMethodList extends TfaSettingsElement {
  static override lightStyles = [sharedStyles, stepUpStyles, methodListStyles];

  static override properties = {
    methods: { attribute: false },
    editing: { type: Boolean, reflect: true },
    _error: { state: true },
    _loadError: { state: true },
    _announcement: { state: true },
    _confirmId: { state: true },
    _dragId: { state: true },
    _dropIndex: { state: true },
    _busy: { state: true },
  };

  /** The methods, primary first. Loaded from the server when not given. */
  methods?: Method[];
  /** Shows the move, drag and remove controls. */
  editing = false;
  /** Level of the list's heading (2-5). */
  override headingLevel = 3;

  private _error?: StepError;
  private _loadError?: StepError;
  private _announcement = '';
  private _confirmId?: string;
  private _dragId?: string;
  private _dropIndex?: number;
  private _busy = false;

  readonly #ids = uid('tfa-methods');
  readonly #stepUp = new StepUpController(this);
  /** The order the server last confirmed (restored when a save fails). */
  #saved?: Method[];
  /** The order shown while it is being saved. */
  #optimistic?: Method[];
  #queue: Promise<unknown> = Promise.resolve();
  readonly #loading = new LoadController(this);

  override willUpdate(changed: PropertyValues<this>): void {
    // A list given from outside (or the server's) is the confirmed order; our own optimistic one is not.
    if (changed.has('methods') && this.methods && this.methods !== this.#optimistic) this.#saved = this.methods;
    if (changed.has('headingLevel')) this.#stepUp.headingLevel = this.headingLevel + 1;
    if (changed.has('editing') && !this.editing) {
      this._confirmId = undefined;
      this.#endDrag();
    }
    if ((changed.has('session') || changed.has('methods')) && this.session && !this.methods && !this.#loading.loading && !this._loadError) {
      void this.reload();
    }
  }

  /** Reads the list from the server again (`GET /me/methods`). */
  async reload(): Promise<void> {
    if (!this.session) return;
    this._loadError = undefined;
    await this.#loading.listMethods(
      this,
      this.session.token,
      (methods) => {
        this.#saved = methods;
        this.methods = methods;
      },
      (error) => (this._loadError = error),
    );
  }

  /* ---------- reorder ---------- */

  /** Moves the method `id` to index `to`, announces it and saves the new order. */
  async #reorder(id: string, to: number, focusMove?: 'up' | 'down'): Promise<void> {
    const current = this.methods ?? [];
    const from = current.findIndex((m) => m.id === id);
    if (from < 0 || to < 0 || to >= current.length || to === from) return;
    const next = moveMethod(current, from, to);
    this._error = undefined;
    this.#optimistic = next;
    this.methods = next;
    const name = productName(next[to].product);
    const position = to + 1;
    const total = next.length;
    let text = msg(str`${name} moved to position ${position} of ${total}.`, { id: 'methods.movedTo' });
    if (from === 0 || to === 0) {
      const primaryName = productName(next[0].product);
      text += ' ' + msg(str`${primaryName} is now your primary method.`, { id: 'methods.nowPrimary' });
    }
    void this.#announce(text);
    if (focusMove) {
      await this.updateComplete;
      this.querySelector<HTMLElement>(`button[data-move="${focusMove}"][data-method-id="${CSS.escape(id)}"]`)?.focus();
    }
    const order = next.map((m) => m.id);
    const run = this.#queue.then(() => this.#saveOrder(order));
    this.#queue = run.catch(() => undefined);
    await run;
  }

  async #saveOrder(order: string[]): Promise<void> {
    this._busy = true;
    try {
      const saved = await this.#stepUp.run((token) => settingsClientFor(this).reorderMethods(token, order));
      this.#saved = saved;
      // Only adopt the server's answer when no newer local move is waiting to be saved.
      if (sameOrder(this.methods, order)) this.methods = saved;
      this.dispatchEvent(new TfaMethodsChangeEvent(saved, 'reorder'));
    } catch (err) {
      this.methods = this.#saved;
      if (isStepUpCancelled(err)) {
        void this.#announce(msg('The order was not changed.', { id: 'methods.orderUnchanged' }));
      } else {
        this._error = toStepError(err);
      }
    } finally {
      this._busy = false;
    }
  }

  #onMoveClick(event: Event, id: string, direction: 'up' | 'down'): void {
    const button = event.currentTarget as HTMLElement;
    if (button.getAttribute('aria-disabled') === 'true') return;
    const index = (this.methods ?? []).findIndex((m) => m.id === id);
    void this.#reorder(id, direction === 'up' ? index - 1 : index + 1, direction);
  }

  async #announce(text: string): Promise<void> {
    // Clear first so the same sentence twice in a row is read twice.
    this._announcement = '';
    await this.updateComplete;
    this._announcement = text;
  }

  /* ---------- drag and drop ---------- */

  #onDragStart(event: DragEvent, id: string): void {
    if (!this.editing || (this.methods?.length ?? 0) < 2) {
      event.preventDefault();
      return;
    }
    this._dragId = id;
    this._confirmId = undefined;
    if (event.dataTransfer) {
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', id);
    }
  }

  #dropIndexFor(event: DragEvent, index: number): number {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return event.clientY < rect.top + rect.height / 2 ? index : index + 1;
  }

  #onDragOver(event: DragEvent, index: number): void {
    if (!this._dragId) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this._dropIndex = this.#dropIndexFor(event, index);
  }

  #onDrop(event: DragEvent, index: number): void {
    const id = this._dragId;
    if (!id) return;
    event.preventDefault();
    const insertAt = this.#dropIndexFor(event, index);
    const from = (this.methods ?? []).findIndex((m) => m.id === id);
    this.#endDrag();
    if (from < 0) return;
    const to = insertAt > from ? insertAt - 1 : insertAt;
    void this.#reorder(id, to);
  }

  #endDrag(): void {
    this._dragId = undefined;
    this._dropIndex = undefined;
  }

  /* ---------- remove ---------- */

  async #askRemove(id: string): Promise<void> {
    this._error = undefined;
    this._confirmId = id;
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#${this.#ids}-confirm-q`)?.focus();
  }

  async #cancelRemove(id: string): Promise<void> {
    this._confirmId = undefined;
    await this.updateComplete;
    this.querySelector<HTMLElement>(`button[data-remove][data-method-id="${CSS.escape(id)}"]`)?.focus();
  }

  async #confirmRemove(id: string): Promise<void> {
    const method = this.methods?.find((m) => m.id === id);
    if (!method || this._busy) return;
    this._busy = true;
    this._error = undefined;
    try {
      const methods = await this.#stepUp.run((token) => settingsClientFor(this).removeMethod(token, id));
      this._confirmId = undefined;
      this.#saved = methods;
      this.methods = methods;
      const name = productName(method.product);
      void this.#announce(msg(str`${name} removed.`, { id: 'methods.removed' }));
      this.dispatchEvent(new TfaMethodsChangeEvent(methods, 'remove'));
      await this.updateComplete;
      this.querySelector<HTMLElement>(`#${this.#ids}-heading`)?.focus();
    } catch (err) {
      if (isStepUpCancelled(err)) {
        void this.#cancelRemove(id);
      } else {
        this._error = toStepError(err);
      }
    } finally {
      this._busy = false;
    }
  }

  /* ---------- render ---------- */

  #notRemovableText(method: Method, count: number): string | undefined {
    const reason = method.removable === false || method.product === 'email' || count < 2
      ? method.notRemovableReason ?? (method.product === 'email' ? 'email_not_removable' : count < 2 ? 'last_method' : undefined)
      : undefined;
    if (reason === 'email_not_removable') {
      return msg('Email cannot be removed. Ask your administrator to change your email.', { id: 'methods.emailNotRemovable' });
    }
    if (reason === 'last_method') {
      return msg('This is your only method, so it cannot be removed. Add another method first.', { id: 'methods.lastNotRemovable' });
    }
    if (method.removable === false) return settingsErrorMessage('method_not_removable');
    return undefined;
  }

  #renderControls(method: Method, index: number, count: number) {
    const name = productName(method.product);
    const reason = this.#notRemovableText(method, count);
    const confirming = this._confirmId === method.id;
    return html`<div class="tfa-actions">
        ${count > 1
          ? html`<button
                type="button"
                data-move="up"
                data-method-id=${method.id}
                aria-label=${msg(str`Move up: ${name}`, { id: 'methods.moveUpNamed' })}
                aria-disabled=${index === 0 ? 'true' : 'false'}
                @click=${(e: Event) => this.#onMoveClick(e, method.id, 'up')}
              ><span aria-hidden="true">↑ </span>${msg('Move up', { id: 'methods.moveUp' })}</button>
              <button
                type="button"
                data-move="down"
                data-method-id=${method.id}
                aria-label=${msg(str`Move down: ${name}`, { id: 'methods.moveDownNamed' })}
                aria-disabled=${index === count - 1 ? 'true' : 'false'}
                @click=${(e: Event) => this.#onMoveClick(e, method.id, 'down')}
              ><span aria-hidden="true">↓ </span>${msg('Move down', { id: 'methods.moveDown' })}</button>`
          : nothing}
        ${reason || confirming
          ? nothing
          : html`<button
              type="button"
              data-remove
              data-method-id=${method.id}
              aria-label=${msg(str`Remove ${name}`, { id: 'methods.removeNamed' })}
              @click=${() => this.#askRemove(method.id)}
            >${msg('Remove', { id: 'methods.remove' })}</button>`}
      </div>
      ${reason ? html`<p class="tfa-help" data-not-removable>${reason}</p>` : nothing}
      ${confirming
        ? html`<div class="tfa-confirm" role="group" aria-labelledby="${this.#ids}-confirm-q">
            <p id="${this.#ids}-confirm-q" tabindex="-1">${msg(str`Remove ${name}? You can no longer use it to log in.`, { id: 'methods.removeQuestion' })}</p>
            <div class="tfa-actions">
              <button
                type="button"
                class="tfa-danger"
                data-confirm-remove
                aria-label=${msg(str`Remove ${name}`, { id: 'methods.removeNamed' })}
                ?disabled=${this._busy}
                @click=${() => this.#confirmRemove(method.id)}
              >${msg('Remove', { id: 'methods.remove' })}</button>
              <button type="button" data-cancel-remove @click=${() => this.#cancelRemove(method.id)}>
                ${cancelText()}
              </button>
            </div>
          </div>`
        : nothing}`;
  }

  #renderItem(method: Method, index: number, count: number) {
    const draggable = this.editing && count > 1;
    const classes = ['tfa-method'];
    if (this._dragId === method.id) classes.push('is-dragging');
    if (this._dragId && this._dragId !== method.id && this._dropIndex === index) classes.push('drop-before');
    if (this._dragId && this._dragId !== method.id && this._dropIndex === index + 1 && index === count - 1) classes.push('drop-after');
    return html`<li
      class=${classes.join(' ')}
      part="method"
      data-method-id=${method.id}
      draggable=${draggable ? 'true' : 'false'}
      @dragstart=${(e: DragEvent) => this.#onDragStart(e, method.id)}
      @dragover=${(e: DragEvent) => this.#onDragOver(e, index)}
      @drop=${(e: DragEvent) => this.#onDrop(e, index)}
      @dragend=${() => this.#endDrag()}
    >
      <div class="tfa-method-main">
        ${draggable ? html`<span class="tfa-drag-handle" aria-hidden="true">⋮⋮</span>` : nothing}
        <span class="tfa-method-position" aria-hidden="true">${index + 1}.</span>
        <span class="tfa-method-name">${productName(method.product)}</span>
        ${method.maskedTarget ? html`<span class="tfa-method-target">${method.maskedTarget}</span>` : nothing}
        ${index === 0
          ? html`<span class="tfa-badge" part="primary-badge">${msg('Primary method', { id: 'methods.primary' })}</span>`
          : nothing}
      </div>
      ${this.editing ? this.#renderControls(method, index, count) : nothing}
    </li>`;
  }

  override render() {
    const methods = this.methods;
    const count = methods?.length ?? 0;
    return html`<div class="tfa tfa-method-list">
      ${heading(this.headingLevel, `${this.#ids}-heading`, msg('My authentication methods', { id: 'methods.heading' }))}
      ${this.#stepUp.render()}
      ${this.editing && count > 1
        ? html`<p class="tfa-help" id="${this.#ids}-hint">${msg('The first method is your primary method: it is the one you are asked for when you log in. Drag a method to the top, or use Move up and Move down.', { id: 'methods.reorderHint' })}</p>`
        : nothing}
      ${methods
        ? count
          ? html`<ol class="tfa-methods" part="list" aria-labelledby="${this.#ids}-heading">
              ${repeat(methods, (m) => m.id, (m, i) => this.#renderItem(m, i, count))}
            </ol>`
          : html`<p>${msg('You have no authentication methods.', { id: 'methods.none' })}</p>`
        : this._loadError
          ? html`<div class="tfa-actions">
              <button type="button" @click=${() => this.reload()}>${msg('Try again', { id: 'methods.retryLoad' })}</button>
            </div>`
          : html`<p class="tfa-muted">${msg('Loading your methods…', { id: 'methods.loading' })}</p>`}
      <p class="tfa-error" role="alert">${this._error
        ? msg(str`Your change was not saved. ${settingsErrorMessage(this._error.code, this._error)}`, { id: 'methods.notSaved' })
        : this._loadError
          ? settingsErrorMessage(this._loadError.code, { retryAfter: this._loadError.retryAfter })
          : ''}</p>
      <div class="tfa-visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer>${this._announcement}</div>
    </div>`;
  }
}

function sameOrder(methods: readonly Method[] | undefined, order: readonly string[]): boolean {
  return !!methods && methods.length === order.length && methods.every((m, i) => m.id === order[i]);
}
