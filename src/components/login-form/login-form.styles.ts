import { css } from 'lit';

export const loginFormStyles = css`
  tfa-login-form { display: block; }
  tfa-login-form .tfa-busy { min-height: 1.5em; }
`;
