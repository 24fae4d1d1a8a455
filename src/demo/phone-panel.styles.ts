import { css } from 'lit';

export const phoneStyles = css`
  :host {
    display: block;
    --_phone-accent: var(--tfa-color-accent, #0b5cad);
    --_phone-on-accent: var(--tfa-color-on-accent, #ffffff);
    --_phone-text: var(--tfa-color-text, #1a1a1a);
    --_phone-muted: var(--tfa-color-muted, #4f5660);
    --_phone-surface: var(--tfa-color-surface, #ffffff);
    --_phone-border: var(--tfa-color-border, #767676);
    --_phone-error: var(--tfa-color-error, #b00020);
    --_phone-radius: var(--tfa-radius, 4px);
    color: var(--_phone-text);
  }
  :host([hidden]) { display: none; }
  * { box-sizing: border-box; }
  aside {
    border: 10px solid #23262b;
    outline: 1px solid var(--_phone-border);
    border-radius: 28px;
    background: var(--_phone-surface);
    padding: 0.75rem 1rem 1rem;
    display: grid;
    gap: 1rem;
    max-width: 26rem;
    box-shadow: 0 4px 18px rgb(0 0 0 / 0.18);
  }
  h2, h3, p { margin: 0; }
  h2 { font-size: 1.15rem; display: flex; justify-content: space-between; align-items: baseline; gap: 0.5rem; }
  h3 { font-size: 1rem; border-bottom: 1px solid var(--_phone-border); padding-bottom: 0.25rem; }
  section { display: grid; gap: 0.5rem; }
  ol, ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
  li.item {
    border: 1px solid var(--_phone-border);
    border-radius: var(--_phone-radius);
    padding: 0.5rem 0.625rem;
    display: grid;
    gap: 0.375rem;
  }
  .meta { font-size: 0.875rem; color: var(--_phone-muted); }
  .title { font-weight: 600; overflow-wrap: anywhere; }
  .code {
    font-size: 1.5rem;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.12em;
    font-weight: 700;
    user-select: all;
  }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .empty { color: var(--_phone-muted); font-style: italic; }
  .notice { color: var(--_phone-error); font-weight: 600; }
  .secret { font-family: ui-monospace, monospace; font-weight: 700; overflow-wrap: anywhere; }
  details summary { cursor: pointer; color: var(--_phone-accent); font-size: 0.875rem; }
  details p { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.875rem; margin-top: 0.25rem; }
  button {
    font: inherit;
    min-height: 2.5rem;
    padding: 0.375rem 0.75rem;
    border-radius: var(--_phone-radius);
    border: 1px solid var(--_phone-accent);
    background: var(--_phone-surface);
    color: var(--_phone-accent);
    cursor: pointer;
  }
  button.primary { background: var(--_phone-accent); color: var(--_phone-on-accent); font-weight: 600; }
  button.danger { border-color: var(--_phone-error); color: var(--_phone-error); }
  button[disabled] { opacity: 0.6; cursor: not-allowed; }
  :focus-visible { outline: 3px solid var(--_phone-accent); outline-offset: 2px; }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .status { font-size: 0.875rem; min-height: 1.25em; }
  @media (forced-colors: active) {
    aside { border-color: CanvasText; }
    button.primary { border: 2px solid ButtonText; }
  }
`;
