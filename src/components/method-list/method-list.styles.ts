import { css } from 'lit';

export const methodListStyles = css`
  tfa-method-list { display: block; }
  tfa-method-list .tfa-methods {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  tfa-method-list .tfa-method {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border: 1px solid var(--_tfa-border);
    border-radius: var(--_tfa-radius);
    background: var(--_tfa-surface);
  }
  tfa-method-list .tfa-method[draggable='true'] { cursor: grab; }
  /* The dragged method: dashed outline and a tint (no opacity, so its text keeps its contrast). */
  tfa-method-list .tfa-method.is-dragging {
    border: 2px dashed var(--_tfa-accent);
    background: color-mix(in srgb, var(--_tfa-accent) 8%, var(--_tfa-surface));
    cursor: grabbing;
  }
  tfa-method-list .tfa-method.drop-before { box-shadow: 0 -4px 0 0 var(--_tfa-accent); }
  tfa-method-list .tfa-method.drop-after { box-shadow: 0 4px 0 0 var(--_tfa-accent); }
  tfa-method-list .tfa-method-main {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }
  tfa-method-list .tfa-method-position {
    font-variant-numeric: tabular-nums;
    color: var(--_tfa-muted);
    min-width: 1.5em;
  }
  tfa-method-list .tfa-method-name { font-weight: 600; }
  tfa-method-list .tfa-method-target { color: var(--_tfa-muted); font-variant-numeric: tabular-nums; }
  tfa-method-list .tfa-drag-handle { color: var(--_tfa-muted); letter-spacing: -0.2em; user-select: none; }
  tfa-method-list .tfa-badge {
    display: inline-block;
    padding: 0.125rem 0.5rem;
    border: 1px solid var(--_tfa-accent);
    border-radius: 999px;
    color: var(--_tfa-accent);
    font-size: 0.875em;
    font-weight: 600;
  }
  tfa-method-list .tfa-confirm {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border-left: 4px solid var(--_tfa-error);
    background: var(--_tfa-surface);
  }
  tfa-method-list button.tfa-danger { background: var(--_tfa-error); border-color: var(--_tfa-error); color: #fff; font-weight: 600; }
  @media (forced-colors: active) {
    tfa-method-list .tfa-method.drop-before { border-top: 4px solid Highlight; }
    tfa-method-list .tfa-method.drop-after { border-bottom: 4px solid Highlight; }
  }
`;
