import { css } from 'lit';

export const signedInStyles = css`
  tfa-signed-in { display: block; }
  tfa-signed-in .tfa-signed-in-name { font-weight: 600; }
`;
