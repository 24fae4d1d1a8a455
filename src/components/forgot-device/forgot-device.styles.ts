import { css } from 'lit';

/** Light-DOM styles of `<tfa-forgot-device>`, scoped by the tag name. */
export const forgotDeviceStyles = css`
  tfa-forgot-device { display: block; }
  tfa-forgot-device p { overflow-wrap: anywhere; }
  tfa-forgot-device h2:focus { outline: none; }
  tfa-forgot-device h2:focus-visible { outline: 3px solid var(--_tfa-accent); outline-offset: 2px; }
`;
