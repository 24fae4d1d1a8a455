import { css } from 'lit';

/** Light-DOM styles of `<tfa-device-picker>`, scoped by the tag name. One rule per line (the package ships these strings as written). */
export const devicePickerStyles = css`
  tfa-device-picker { display: block; }
  tfa-device-picker .tfa-picker-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
  tfa-device-picker .tfa-picker-option { width: 100%; display: grid; gap: 0.125rem; justify-items: start; text-align: start; padding: 0.625rem 1rem; }
  tfa-device-picker .tfa-picker-name { font-weight: 600; }
  tfa-device-picker .tfa-picker-target { color: var(--_tfa-text); font-variant-numeric: tabular-nums; }
  tfa-device-picker .tfa-picker-hint { color: var(--_tfa-muted); font-size: 0.925em; }
  tfa-device-picker h2:focus { outline: none; }
`;
