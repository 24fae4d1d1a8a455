// #region guide:react-types
// Types for <tfa-login> in TSX (React 19): attributes, properties and `on<event>` listeners.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  TfaLoginElement, TfaLoginFailureEvent, TfaLoginSuccessEvent, TfaLogoutEvent, TfaStepChangeEvent,
} from 'tfa-login-widget';

type TfaLoginProps = DetailedHTMLProps<HTMLAttributes<TfaLoginElement>, TfaLoginElement> & {
  'api-base'?: string;
  flow?: 'password' | 'identifier-first';
  'timeout-ms'?: number;
  'ontfa-login-success'?: (event: TfaLoginSuccessEvent) => void;
  'ontfa-login-failure'?: (event: TfaLoginFailureEvent) => void;
  'ontfa-step-change'?: (event: TfaStepChangeEvent) => void;
  'ontfa-logout'?: (event: TfaLogoutEvent) => void;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'tfa-login': TfaLoginProps;
    }
  }
}
// #endregion
