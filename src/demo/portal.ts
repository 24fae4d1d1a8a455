import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { localized, msg, str } from '@lit/localize';
import { define } from '../internal/define.js';
import { setLocale, type Locale } from '../internal/localize.js';
import { productName } from '../internal/messages.js';
import type { Session } from '../internal/contract.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.js';
import './phone-panel.js';
// The widget, as an integrator loads it. The settings element is loaded only after sign-in.
import '../tfa-login.js';

export type DemoFlow = 'password' | 'identifier-first';

/** What `tfa-login-success` carries (see `<tfa-login>`): the session, kept in memory only. */
type SessionEvent = Event & { session?: Session };

/**
 * The demo portal ("Selvbetjening"): a plain self-service page that hosts `<tfa-login>` as an
 * integrator would, shows Personal settings (`<tfa-settings>`) and "Log out" after sign-in, and
 * the simulated phone beside the widget. Light DOM, styled by `src/demo/portal.css`.
 *
 * The session token lives in this element's memory only; nothing is written to storage here.
 */
@localized()
export class DemoPortal extends LitElement {
  /** Base URL of the backend the widget talks to. */
  @property({ attribute: 'api-base' }) apiBase = '/api';
  /** `password` (username + password first) or `identifier-first` (username, then a code). */
  @property() flow: DemoFlow = 'password';
  /** Page language; `<html lang>` follows it. */
  @property() locale: Locale = 'en';
  /** Keep `?lang=` in the address bar in step with the language switch. */
  @property({ type: Boolean, attribute: 'sync-url' }) syncUrl = false;

  @state() private session?: Session;
  @state() private settingsState: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  @state() private loggingOut = false;
  @state() private notice = '';
  /** Bumped to mount a fresh `<tfa-login>` (after log out or a demo reset). */
  @state() private loginKey = 0;

  #focusHeading = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('tfa-login-success', this.#onSuccess as EventListener);
    this.addEventListener('tfa-logout', this.#onWidgetLogout);
    this.addEventListener('demo-reset', this.#onReset);
    this.addEventListener('tfa-session-change', this.#onSessionChange as EventListener);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('tfa-login-success', this.#onSuccess as EventListener);
    this.removeEventListener('tfa-logout', this.#onWidgetLogout);
    this.removeEventListener('demo-reset', this.#onReset);
    this.removeEventListener('tfa-session-change', this.#onSessionChange as EventListener);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) {
      document.documentElement.lang = this.locale;
      void setLocale(this.locale);
    }
  }

  protected override updated(): void {
    document.title = this.session
      ? msg('Personal settings – Selvbetjening (demo)', { id: 'demo.portal.title_settings' })
      : msg('Log in – Selvbetjening (demo)', { id: 'demo.portal.title_signin' });
    if (this.#focusHeading) {
      this.#focusHeading = false;
      this.querySelector<HTMLElement>('#portal-heading')?.focus();
    }
  }

  /** Switches the page language at run time (and `?lang=` when `sync-url` is set). */
  setLanguage(locale: Locale): void {
    this.locale = locale;
    if (this.syncUrl) {
      const url = new URL(location.href);
      url.searchParams.set('lang', locale);
      history.replaceState(history.state, '', url);
    }
  }

  #onSuccess = (event: SessionEvent): void => {
    if (!event.session?.token) return;
    this.session = event.session;
    this.notice = '';
    this.#focusHeading = true;
    void this.#loadSettings();
  };

  async #loadSettings(): Promise<void> {
    if (this.settingsState === 'ready' || this.settingsState === 'loading') return;
    this.settingsState = 'loading';
    try {
      await import('../tfa-settings.js');
      this.settingsState = 'ready';
    } catch {
      this.settingsState = 'failed';
    }
  }

  /** A step-up in the settings renewed the session: keep the new one (memory only). */
  #onSessionChange = (event: SessionEvent): void => {
    if (this.session && event.session?.token) this.session = event.session;
  };

  #onWidgetLogout = (): void => {
    this.#backToSignIn(msg('You are logged out.', { id: 'demo.portal.logged_out' }));
  };

  #onReset = (): void => {
    // The mock forgot every session and transaction: start the sign-in again.
    this.#backToSignIn(this.session ? msg('Demo data was reset, so you were logged out.', { id: 'demo.portal.reset_logged_out' }) : '');
  };

  #backToSignIn(notice: string): void {
    const wasSignedIn = !!this.session;
    this.session = undefined;
    this.loginKey++;
    this.notice = notice;
    if (wasSignedIn) this.#focusHeading = true;
  }

  async #logOut(): Promise<void> {
    const token = this.session?.token;
    if (!token || this.loggingOut) return;
    this.loggingOut = true;
    try {
      // As an integrator would: DELETE /session with the bearer token and the CSRF header.
      await fetch(`${this.apiBase.replace(/\/+$/, '')}/session`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${token}`, 'X-TFA-CSRF': '1', Accept: 'application/json' },
        cache: 'no-store',
      });
    } catch {
      // Signed out locally either way; the token is dropped from memory below.
    } finally {
      this.loggingOut = false;
      this.#backToSignIn(msg('You are logged out.', { id: 'demo.portal.logged_out' }));
    }
  }

  override render() {
    return html`
      <a class="portal-skip" href="#portal-main">${msg('Skip to content', { id: 'demo.portal.skip' })}</a>
      <header class="portal-header">
        <div class="portal-brand">
          <span class="portal-logo" aria-hidden="true">S</span>
          <span class="portal-name">Selvbetjening</span>
          <span class="portal-badge">${msg('Demo', { id: 'demo.portal.badge' })}</span>
        </div>
        ${this.#renderLanguageSwitch()}
      </header>
      <main id="portal-main" class="portal-main" tabindex="-1">
        <div class="portal-layout">
          <div class="portal-primary">
            ${this.session ? this.#renderAccount(this.session) : this.#renderSignIn()}
            ${this.#renderDemoUsers()}
          </div>
          <demo-phone class="portal-phone"></demo-phone>
        </div>
      </main>
      <footer class="portal-footer">
        <p>${msg('Demo portal for the two-factor login widget. Every user, code and message here is made up and stays in this browser.', { id: 'demo.portal.footer' })}</p>
      </footer>
    `;
  }

  #renderLanguageSwitch() {
    const option = (locale: Locale, name: string) => html`
      <button type="button" lang=${locale} aria-pressed=${this.locale === locale ? 'true' : 'false'}
        @click=${() => this.setLanguage(locale)}>${name}</button>`;
    return html`
      <div class="portal-lang" role="group" aria-labelledby="portal-lang-label">
        <span id="portal-lang-label">${msg('Language', { id: 'demo.portal.language' })}</span>
        ${option('en', 'English')} ${option('da', 'Dansk')}
      </div>
    `;
  }

  #renderSignIn() {
    const identifierFirst = this.flow === 'identifier-first';
    return html`
      <section class="portal-card" aria-labelledby="portal-heading">
        <h1 id="portal-heading" tabindex="-1">
          ${identifierFirst
            ? msg('Log on', { id: 'demo.portal.heading_logon' })
            : msg('Log in to Selvbetjening', { id: 'demo.portal.heading_login' })}
        </h1>
        <p class="portal-lead">
          ${identifierFirst
            ? msg('Enter your username. We send a one-time code to your email.', { id: 'demo.portal.lead_identifier' })
            : msg('Two-factor login is required: after your password, confirm with a one-time code or your phone.', { id: 'demo.portal.lead_password' })}
        </p>
        ${this.notice ? html`<p class="portal-notice" role="status">${this.notice}</p>` : nothing}
        ${keyed(this.loginKey, html`<tfa-login api-base=${this.apiBase} flow=${this.flow}></tfa-login>`)}
        <p class="portal-switch">
          ${identifierFirst
            ? html`<a href=${this.#flowHref('password')}>${msg('Log in with username and password instead', { id: 'demo.portal.try_password' })}</a>`
            : html`<a href=${this.#flowHref('identifier-first')}>${msg('Try the username-first login (Entrust style)', { id: 'demo.portal.try_identifier' })}</a>`}
        </p>
      </section>
    `;
  }

  #flowHref(flow: DemoFlow): string {
    const params = new URLSearchParams();
    params.set('lang', this.locale);
    if (flow === 'identifier-first') params.set('flow', flow);
    return `?${params}`;
  }

  #renderAccount(session: Session) {
    const name = session.user.displayName;
    return html`
      <section class="portal-card" aria-labelledby="portal-heading">
        <div class="portal-account-head">
          <h1 id="portal-heading" tabindex="-1">${msg(str`Welcome, ${name}`, { id: 'demo.portal.heading_welcome' })}</h1>
          <button type="button" class="portal-logout" ?disabled=${this.loggingOut} @click=${() => this.#logOut()}>
            ${msg('Log out', { id: 'demo.portal.logout' })}
          </button>
        </div>
        ${this.notice ? html`<p class="portal-notice" role="status">${this.notice}</p>` : nothing}
        ${this.settingsState === 'ready'
          ? html`<tfa-settings api-base=${this.apiBase} heading-level="2" .session=${session}></tfa-settings>`
          : this.settingsState === 'failed'
            ? html`<p class="portal-error" role="alert">${msg('Personal settings could not be loaded. Reload the page.', { id: 'demo.portal.settings_failed' })}</p>`
            : html`<p role="status">${msg('Loading personal settings…', { id: 'demo.portal.settings_loading' })}</p>`}
      </section>
    `;
  }

  #renderDemoUsers() {
    const hints: Record<string, string> = {
      anna: msg('Email code, the default', { id: 'demo.users.hint_anna' }),
      bo: msg('SMS code; Change Device to email', { id: 'demo.users.hint_bo' }),
      carl: msg('Code from an authenticator app', { id: 'demo.users.hint_carl' }),
      dorte: msg('Approve on the phone; Forgot your device?', { id: 'demo.users.hint_dorte' }),
      erik: msg('Entrust push; try the username-first login', { id: 'demo.users.hint_erik' }),
    };
    return html`
      <section class="portal-users" aria-labelledby="portal-users-heading">
        <h2 id="portal-users-heading">${msg('Demo users', { id: 'demo.users.heading' })}</h2>
        <p>${msg(str`Every demo user has the password ${DEMO_PASSWORD}. Codes and push requests appear on the simulated phone.`, { id: 'demo.users.intro' })}</p>
        <div class="portal-table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">${msg('Username', { id: 'demo.users.username' })}</th>
                <th scope="col">${msg('Methods, primary first', { id: 'demo.users.methods' })}</th>
                <th scope="col">${msg('Try', { id: 'demo.users.try' })}</th>
              </tr>
            </thead>
            <tbody>
              ${DEMO_USERS.map((u) => html`
                <tr>
                  <th scope="row"><code>${u.username}</code></th>
                  <td>${u.methods.map((m) => productName(m)).join(', ')}</td>
                  <td>${hints[u.username]}</td>
                </tr>`)}
            </tbody>
          </table>
        </div>
      </section>
    `;
  }
}

define('demo-portal', DemoPortal);

declare global {
  interface HTMLElementTagNameMap {
    'demo-portal': DemoPortal;
  }
}
