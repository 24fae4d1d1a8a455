import { css } from 'lit';

/** Shared by the enrollment elements (`<tfa-totp-wizard>`, `<tfa-app-enroll>`). */
export const enrollStyles = css`
  tfa-totp-wizard, tfa-app-enroll { display: block; }
  .tfa .tfa-qr {
    display: block;
    width: min(100%, 14rem);
    height: auto;
    aspect-ratio: 1;
    border: 1px solid var(--_tfa-border);
    forced-color-adjust: none;
  }
  .tfa .tfa-steps { margin: 0; padding-inline-start: 1.5rem; display: grid; gap: 0.375rem; }
  .tfa .tfa-app-label { font-weight: 600; }
  .tfa .tfa-key {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 1.125em;
    word-spacing: 0.25em;
    user-select: all;
  }
  .tfa .tfa-key-row { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
  .tfa .tfa-activation dt { font-weight: 600; }
  .tfa .tfa-activation dd {
    margin: 0.25rem 0 0;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 2rem;
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
    user-select: all;
  }
  .tfa .tfa-waiting { display: flex; gap: 0.5rem; align-items: center; }
  .tfa .tfa-spinner {
    width: 1.25rem;
    height: 1.25rem;
    border: 3px solid var(--_tfa-border);
    border-top-color: var(--_tfa-accent);
    border-radius: 50%;
    animation: tfa-spin 1s linear infinite;
  }
  @keyframes tfa-spin { to { transform: rotate(360deg); } }
`;
