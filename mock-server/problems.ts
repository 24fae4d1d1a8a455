import type { ErrorCode, Problem } from '../src/internal/contract.js';

export const TITLES: Record<ErrorCode, string> = {
  invalid_request: 'The request is not valid',
  unsupported_media_type: 'Unsupported content type',
  payload_too_large: 'Request body too large',
  csrf_failed: 'CSRF header missing',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  invalid_credentials: 'Invalid username or password',
  locked_out: 'Too many failed sign-ins',
  transaction_not_found: 'Sign-in transaction not found',
  transaction_expired: 'Sign-in transaction expired',
  wrong_step: 'Not possible at this step',
  invalid_code: 'Invalid code',
  code_expired: 'Code expired',
  code_already_used: 'Code already used',
  too_many_attempts: 'Too many wrong codes',
  resend_too_soon: 'Too soon to send a new code',
  too_many_pushes: 'Too many push requests',
  push_denied: 'Push request denied',
  push_expired: 'Push request expired',
  unauthenticated: 'Not signed in',
  step_up_required: 'Verify again to continue',
  method_not_removable: 'Method cannot be removed',
  last_method: 'The last method cannot be removed',
  email_not_removable: 'Email cannot be removed',
  method_exists: 'Method already exists',
  enrollment_not_found: 'Enrollment not found',
  enrollment_pending: 'Enrollment not completed',
  invalid_phone: 'Invalid mobile number',
  server_error: 'Internal error',
};

export const PROBLEM_TYPE_BASE = 'https://tfa.example/problems/';

export interface ProblemInit {
  detail?: string;
  retryAfter?: number;
  attemptsLeft?: number;
  errors?: { field: string; message: string }[];
  /** Extra response headers (e.g. `Allow`). */
  headers?: Record<string, string>;
  /**
   * Keep the state changes made before the error (e.g. a counted wrong code). By default a
   * failed request leaves the state exactly as it was.
   */
  keepChanges?: boolean;
}

/** Thrown by route handlers; the backend turns it into an `application/problem+json` answer. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly init: ProblemInit;

  constructor(status: number, code: ErrorCode, init: ProblemInit = {}) {
    super(code);
    this.status = status;
    this.code = code;
    this.init = init;
  }

  toProblem(): Problem {
    const { detail, retryAfter, attemptsLeft, errors } = this.init;
    return {
      type: PROBLEM_TYPE_BASE + this.code,
      title: TITLES[this.code],
      status: this.status,
      code: this.code,
      ...(detail !== undefined && { detail }),
      ...(retryAfter !== undefined && { retryAfter }),
      ...(attemptsLeft !== undefined && { attemptsLeft }),
      ...(errors !== undefined && { errors }),
    };
  }
}

export function problemResponse(problem: HttpProblem): Response {
  const headers = new Headers({
    'Content-Type': 'application/problem+json',
    'Cache-Control': 'no-store',
    ...problem.init.headers,
  });
  if (problem.init.retryAfter !== undefined) headers.set('Retry-After', String(problem.init.retryAfter));
  return new Response(JSON.stringify(problem.toProblem()), { status: problem.status, headers });
}

export const invalidRequest = (detail: string, errors?: { field: string; message: string }[]) =>
  new HttpProblem(400, 'invalid_request', { detail, errors });

export const wrongStep = (detail: string) => new HttpProblem(409, 'wrong_step', { detail });
