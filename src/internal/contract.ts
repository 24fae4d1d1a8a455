/**
 * TypeScript view of the REST contract in `docs/contract/openapi.yaml`.
 *
 * The server drives the sign-in: every answer about a sign-in transaction carries the
 * `step` the widget must render next. The widget never decides the next step itself.
 *
 * Keep this file in step with the OpenAPI document; the mock backend (`mock-server/`),
 * the typed client (`src/internal/api-client.ts`) and the contract tests all import it.
 */

/** Kinds of authenticator. */
export type MethodKind = 'email' | 'sms' | 'totp' | 'push';

/** Which app/product a method belongs to (decides the name shown and the instructions). */
export type MethodProduct =
  | 'email'
  | 'sms'
  | 'google-authenticator'
  | 'microsoft-authenticator'
  | 'pingid'
  | 'entrust-soft-token';

/** A method as the widget may see it: never a secret, targets are masked. */
export interface MethodSummary {
  id: string;
  kind: MethodKind;
  product: MethodProduct;
  /** Masked address or number, e.g. `a***@e*****.dk`, `+45 •• •• •• 56`. Absent for apps. */
  maskedTarget?: string;
}

/** A method in the signed-in user's own list (settings). */
export interface Method extends MethodSummary {
  /** True for the first method in the list: the one challenged at sign-in. */
  primary: boolean;
  /** Whether the user may remove it (email and the last method may not be removed). */
  removable: boolean;
  /** Why it cannot be removed, when `removable` is false. */
  notRemovableReason?: 'email_not_removable' | 'last_method';
  createdAt: string;
}

/** A code sent by email or SMS, or a recovery code (always email). */
export interface CodeChallenge {
  /** ISO 8601: when the current code stops working. */
  expiresAt: string;
  /** ISO 8601: the earliest moment `resend` is accepted. */
  resendAvailableAt: string;
  /** Number of digits. */
  length: number;
  /** Wrong codes still allowed in this transaction. */
  attemptsLeft: number;
}

export type PushStatus = 'pending' | 'approved' | 'denied' | 'expired';

export interface PushChallenge {
  id: string;
  status: PushStatus;
  /** Number the person picks in the app (number matching). Absent when matching is off. */
  number?: number;
  /** ISO 8601 */
  expiresAt: string;
  /** How many more "Retry mobile" requests this transaction allows. */
  retriesLeft: number;
}

/** The steps a sign-in transaction can be at. The widget renders one per name. */
export type Step =
  /** Enter the code sent to `method` (email or SMS). `purpose` tells sign-in from recovery. */
  | { name: 'verify-code'; method: MethodSummary; purpose: 'signin' | 'recovery'; code: CodeChallenge }
  /** Enter the current code of the authenticator app named by `method.product`. */
  | { name: 'verify-totp'; method: MethodSummary; attemptsLeft: number }
  /** Approve the notification on the phone; the widget polls `GET /signin` for the status. */
  | { name: 'push'; method: MethodSummary; push: PushChallenge }
  /** "Forgot your device?": confirm the email address the recovery code will go to. */
  | { name: 'recovery-confirm'; method: MethodSummary }
  /** Finished: `session` is set on the transaction answer. */
  | { name: 'done' };

export type StepName = Step['name'];

export interface Session {
  /** Bearer token for `/session` and `/me/*`. Kept in memory only by the widget. */
  token: string;
  /** ISO 8601 */
  expiresAt: string;
  /** ISO 8601: when the second factor was last verified (step-up window). */
  authenticatedAt: string;
  user: { username: string; displayName: string };
}

/** Every answer about a sign-in transaction. */
export interface Transaction {
  /** Bearer token for this transaction's calls. Not a session: settings refuse it. */
  transactionToken: string;
  /** ISO 8601: the transaction is closed after this. */
  expiresAt: string;
  /** ISO 8601: the server's clock when it answered; the widget counts down from this. */
  serverTime: string;
  step: Step;
  /** Other methods the person may switch to ("Change Device"); empty hides the button. */
  alternatives: MethodSummary[];
  /** Whether "Forgot your device?" is offered at this step. */
  recoveryAvailable: boolean;
  /** Present once `step.name` is `done`. */
  session?: Session;
}

/** Stable machine codes in `application/problem+json` bodies. The widget maps each to a message. */
export type ErrorCode =
  | 'invalid_request'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'csrf_failed'
  | 'not_found'
  | 'method_not_allowed'
  | 'invalid_credentials'
  | 'locked_out'
  | 'transaction_not_found'
  | 'transaction_expired'
  | 'wrong_step'
  | 'invalid_code'
  | 'code_expired'
  | 'code_already_used'
  | 'too_many_attempts'
  | 'resend_too_soon'
  | 'too_many_pushes'
  | 'push_denied'
  | 'push_expired'
  | 'unauthenticated'
  | 'step_up_required'
  | 'method_not_removable'
  | 'last_method'
  | 'email_not_removable'
  | 'method_exists'
  | 'enrollment_not_found'
  | 'enrollment_pending'
  | 'invalid_phone'
  | 'server_error';

/** RFC 9457 problem details, as every error answer carries them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  /** Seconds to wait (also in the `Retry-After` header) for 429 answers. */
  retryAfter?: number;
  /** Wrong codes still allowed, on `invalid_code`. */
  attemptsLeft?: number;
  /** Field-level problems on `invalid_request`. */
  errors?: { field: string; message: string }[];
}

/** Header every state-changing request carries (custom-header CSRF defence, see the guide). */
export const CSRF_HEADER = 'X-TFA-CSRF';
export const CSRF_VALUE = '1';

/* ---------- request bodies ---------- */

export interface PasswordSignInRequest { username: string; password: string }
export interface IdentifyRequest { username: string }
export interface VerifyCodeRequest { code: string }
export interface SwitchMethodRequest { methodId: string }
export interface ApprovePushRequest { number?: number }

/* ---------- settings (issue: personal settings) ---------- */

export interface MethodList { methods: Method[] }
export interface ReorderRequest { methodIds: string[] }

export type EnrollmentKind = 'totp' | 'push';
export interface StartEnrollmentRequest { product: Exclude<MethodProduct, 'email' | 'sms'> }

export interface Enrollment {
  id: string;
  product: Exclude<MethodProduct, 'email' | 'sms'>;
  status: 'pending' | 'active' | 'cancelled' | 'expired';
  /** ISO 8601 */
  expiresAt: string;
  /** TOTP: the otpauth:// key URI to show as a QR code. Push: the app's pairing URI. */
  qrUri: string;
  /** TOTP only: the base32 secret for people who cannot scan. */
  secret?: string;
  /** Entrust Soft Token only: the activation password typed into the app. */
  activationPassword?: string;
  /** Set when status is `active`. */
  method?: Method;
}

export interface ContactDetails { mobile?: string; maskedMobile?: string; email: string }
export interface ChangeMobileRequest { mobile: string }
export interface PendingMobileChange { maskedTarget: string; code: CodeChallenge }
