import { css } from 'lit';

export const loginStyles = css`
  tfa-login { display: block; }
  tfa-login > .tfa-login { max-width: var(--tfa-login-max-width, 28rem); }
`;
