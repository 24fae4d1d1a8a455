import { css } from 'lit';

export const settingsStyles = css`
  tfa-settings { display: block; }
  tfa-settings .tfa-settings-section {
    display: grid;
    gap: var(--_tfa-gap);
    padding: 1rem;
    border: 1px solid var(--_tfa-border);
    border-radius: var(--_tfa-radius);
  }
  tfa-settings .tfa-settings-section-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 0.5rem;
  }
  tfa-settings .tfa-recommend { border-left: 4px solid var(--_tfa-accent); padding-left: 0.75rem; }
`;
