import { css } from 'lit';

/**
 * Theming layers: global tokens `--tfa-*` (documented, set by integrators on any ancestor),
 * private `--_tfa-*` internals. Classes below are scoped to `.tfa` (the root class every widget
 * element renders) so a portal's own markup is not touched. `[part~=…]` attributes are the
 * documented styling hooks (light DOM, so they are plain attribute selectors).
 */
export const sharedStyles = css`
  .tfa {
    --_tfa-accent: var(--tfa-color-accent, #0b5cad);
    --_tfa-on-accent: var(--tfa-color-on-accent, #ffffff);
    --_tfa-text: var(--tfa-color-text, #1a1a1a);
    --_tfa-muted: var(--tfa-color-muted, #4f5660);
    --_tfa-surface: var(--tfa-color-surface, #ffffff);
    --_tfa-border: var(--tfa-color-border, #767676);
    --_tfa-error: var(--tfa-color-error, #b00020);
    --_tfa-success: var(--tfa-color-success, #1e6b34);
    --_tfa-radius: var(--tfa-radius, 4px);
    --_tfa-gap: var(--tfa-space, 1rem);
    font: inherit;
    color: var(--_tfa-text);
    display: grid;
    gap: var(--_tfa-gap);
    box-sizing: border-box;
  }
  .tfa *, .tfa *::before, .tfa *::after { box-sizing: inherit; }
  .tfa h2, .tfa h3 { margin: 0; font-size: 1.25em; line-height: 1.3; }
  .tfa p { margin: 0; }
  .tfa form { display: grid; gap: var(--_tfa-gap); margin: 0; }
  .tfa .tfa-field { display: grid; gap: 0.25rem; }
  .tfa label { font-weight: 600; }
  .tfa input[type='text'], .tfa input[type='password'], .tfa input[type='tel'], .tfa input:not([type]) {
    font: inherit;
    padding: 0.5rem 0.625rem;
    border: 1px solid var(--_tfa-border);
    border-radius: var(--_tfa-radius);
    background: var(--_tfa-surface);
    color: var(--_tfa-text);
    min-height: 2.75rem;
    width: 100%;
  }
  .tfa input[aria-invalid='true'] { border-color: var(--_tfa-error); border-width: 2px; }
  .tfa .tfa-code-input { letter-spacing: 0.3em; font-variant-numeric: tabular-nums; font-size: 1.25em; }
  .tfa button {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: var(--_tfa-radius);
    border: 1px solid var(--_tfa-accent);
    background: var(--_tfa-surface);
    color: var(--_tfa-accent);
    cursor: pointer;
  }
  .tfa button.tfa-primary { background: var(--_tfa-accent); color: var(--_tfa-on-accent); font-weight: 600; }
  .tfa button.tfa-link { border-color: transparent; background: none; text-decoration: underline; padding-inline: 0.25rem; }
  .tfa button[disabled], .tfa button[aria-disabled='true'] { opacity: 0.6; cursor: not-allowed; }
  .tfa :focus-visible { outline: 3px solid var(--_tfa-accent); outline-offset: 2px; }
  .tfa .tfa-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  .tfa .tfa-error { color: var(--_tfa-error); font-weight: 600; }
  .tfa .tfa-error:empty { display: none; }
  .tfa .tfa-success { color: var(--_tfa-success); font-weight: 600; }
  .tfa .tfa-muted { color: var(--_tfa-muted); }
  .tfa .tfa-help { font-size: 0.925em; color: var(--_tfa-muted); }
  .tfa .tfa-help summary { cursor: pointer; color: var(--_tfa-accent); }
  .tfa .tfa-visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    .tfa *, .tfa *::before, .tfa *::after { animation: none !important; transition: none !important; }
  }
  @media (forced-colors: active) {
    .tfa button.tfa-primary { border: 2px solid ButtonText; }
    .tfa :focus-visible { outline-color: Highlight; }
  }
`;
