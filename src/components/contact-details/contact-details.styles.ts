import { css } from 'lit';

export const contactDetailsStyles = css`
  tfa-contact-details { display: block; }
  tfa-contact-details .tfa-contact { margin: 0; display: grid; gap: 0.75rem; }
  tfa-contact-details .tfa-contact dt { font-weight: 600; }
  tfa-contact-details .tfa-contact dd { margin: 0.125rem 0 0; display: grid; gap: 0.125rem; }
  tfa-contact-details .tfa-contact-value { font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
  tfa-contact-details .tfa-success:empty { display: none; }
`;
