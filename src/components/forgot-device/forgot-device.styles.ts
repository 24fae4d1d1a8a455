import { css } from 'lit';

/** Light-DOM styles of `<tfa-forgot-device>`, scoped by the tag name. The focus ring of the heading comes from `sharedStyles`. */
export const forgotDeviceStyles = css`
  tfa-forgot-device { display: block; }
  tfa-forgot-device p { overflow-wrap: anywhere; }
  tfa-forgot-device h2:focus { outline: none; }
`;
