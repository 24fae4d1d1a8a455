import { css } from 'lit';

export const addMethodStyles = css`
  tfa-add-method { display: block; }
  tfa-add-method fieldset {
    border: 1px solid var(--_tfa-border);
    border-radius: var(--_tfa-radius);
    margin: 0;
    padding: 0.75rem 1rem 1rem;
    display: grid;
    gap: 0.5rem;
  }
  tfa-add-method legend { font-weight: 600; padding: 0 0.25rem; }
  tfa-add-method .tfa-choice {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 0.625rem;
    align-items: start;
    padding: 0.375rem 0;
  }
  tfa-add-method .tfa-choice input { width: 1.25rem; height: 1.25rem; margin: 0.125rem 0 0; }
  tfa-add-method .tfa-choice label { cursor: pointer; }
  tfa-add-method .tfa-choice .tfa-help { grid-column: 2; }
`;
