import { css } from 'lit';

/**
 * Light-DOM styles of `<tfa-push-wait>`, scoped by the tag name. One rule per line (the package
 * ships these strings as written). The focus ring of the heading comes from `sharedStyles`.
 */
export const pushWaitStyles = css`
  tfa-push-wait { display: block; }
  tfa-push-wait .tfa-push-number { display: grid; gap: 0.25rem; margin: 0; justify-items: start; }
  tfa-push-wait .tfa-push-number dt, tfa-push-wait .tfa-push-state { font-weight: 600; }
  tfa-push-wait .tfa-push-number dd { margin: 0; font-size: var(--tfa-push-number-size, 2.5rem); font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; letter-spacing: 0.05em; padding: 0.25rem 1rem; border: 2px solid var(--_tfa-border); border-radius: var(--_tfa-radius); }
  tfa-push-wait .tfa-push-timer { font-variant-numeric: tabular-nums; }
  tfa-push-wait .tfa-push-state--problem { color: var(--_tfa-error); }
  tfa-push-wait .tfa-push-state--ok { color: var(--_tfa-success); }
  tfa-push-wait h2:focus { outline: none; }
`;
