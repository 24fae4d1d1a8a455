import { css } from 'lit';

export const otpEntryStyles = css`
  tfa-otp-entry { display: block; }
  tfa-otp-entry .tfa-otp-target { font-weight: 600; overflow-wrap: anywhere; }
  tfa-otp-entry .tfa-code-input { max-width: 14em; }
  tfa-otp-entry .tfa-otp-resend { display: grid; gap: 0.25rem; justify-items: start; }
  tfa-otp-entry .tfa-help ul { margin: 0.5rem 0 0; padding-inline-start: 1.25rem; display: grid; gap: 0.25rem; }
`;
