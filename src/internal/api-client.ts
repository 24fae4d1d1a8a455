import {
  CSRF_HEADER,
  CSRF_VALUE,
  type ErrorCode,
  type Problem,
} from './contract.js';

/**
 * Codes the client itself produces when the server gave no usable problem:
 * - `network_error`: the request never got an answer (offline, DNS, CORS, connection reset).
 * - `timeout`: no complete answer within `timeoutMs` (also a gateway's 408/504 without a problem body).
 * - `rate_limited`: a 429 without a problem body (a gateway or WAF), `retryAfter` from its header.
 * - `bad_response`: an answer that is not what the contract promises (not JSON, not an object,
 *   an unknown error shape, or, as the flow controller judges it, not a `Transaction`).
 */
export type ClientErrorCode = 'network_error' | 'timeout' | 'rate_limited' | 'bad_response';

/** What every failed call rejects with: a stable code the widget maps to a message. */
export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  /** Seconds to wait, from the problem body or the `Retry-After` header. */
  readonly retryAfter?: number;
  readonly attemptsLeft?: number;
  readonly problem?: Problem;

  constructor(
    code: ErrorCode | ClientErrorCode,
    status: number,
    init: { retryAfter?: number; attemptsLeft?: number; problem?: Problem } = {},
  ) {
    super(code);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.retryAfter = init.retryAfter;
    this.attemptsLeft = init.attemptsLeft;
    this.problem = init.problem;
  }
}

export interface ApiClientOptions {
  /** Base URL of the backend, e.g. `/api` or `https://auth.example.com/v1`. */
  baseUrl: string;
  /** Give up on a request after this many milliseconds (default 15000). */
  timeoutMs?: number;
  /** Injected for tests; defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

/** How long a request (answer and body) may take before the client gives up with `timeout`. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The typed client of the REST contract. One instance per `<tfa-login>` or settings element.
 * Tokens are passed per call and never stored by the client.
 *
 * The client never retries by itself: a call that failed may have reached the server (a code may
 * be used up, a text message sent), so repeating it is the person's decision ("Try again").
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.timeoutMs = Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS;
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  /**
   * Calls `method path` with an optional JSON body and bearer token; resolves with the parsed
   * JSON body (or `undefined` for 204), rejects with an {@link ApiError}. The whole exchange
   * (headers and body) must finish within `timeoutMs`, even with a `fetch` that ignores its
   * abort signal. When `options.signal` aborts, rejects with its reason (not an `ApiError`).
   */
  async request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    options: { body?: unknown; token?: string; signal?: AbortSignal } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers[CSRF_HEADER] = CSRF_VALUE;
    if (options.token) headers.Authorization = `Bearer ${options.token}`;

    const outer = options.signal;
    if (outer?.aborted) throw abortReason(outer);

    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onOuterAbort: (() => void) | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new ApiError('timeout', 0));
      }, this.timeoutMs);
    });
    const cancelled = new Promise<never>((_, reject) => {
      onOuterAbort = () => {
        controller.abort();
        reject(abortReason(outer!));
      };
      outer?.addEventListener('abort', onOuterAbort, { once: true });
    });

    const exchange = this.#exchange<T>(method, path, headers, options.body, controller.signal);
    try {
      // Whichever comes first: the answer, the deadline, or the caller giving up. A late answer
      // of a request that lost the race is dropped (the race already handled its rejection).
      return await Promise.race([exchange, deadline, cancelled]);
    } finally {
      clearTimeout(timer);
      if (onOuterAbort) outer?.removeEventListener('abort', onOuterAbort);
    }
  }

  async #exchange<T>(method: string, path: string, headers: Record<string, string>, body: unknown, signal: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError('network_error', 0);
    }

    if (response.status === 204) return undefined as T;

    const retryAfterHeader = parseRetryAfter(response.headers.get('Retry-After'));
    let data: unknown;
    let parsed = false;
    try {
      const text = await response.text();
      data = JSON.parse(text);
      parsed = true;
    } catch {
      // The body broke off (network) or is not JSON (an HTML error page, a captive portal).
      if (signal.aborted) throw new ApiError('timeout', response.status);
    }

    if (response.ok) {
      if (!parsed || data === null || typeof data !== 'object') {
        throw new ApiError('bad_response', response.status, { retryAfter: retryAfterHeader });
      }
      return data as T;
    }

    const problem = parsed && isProblem(data) ? data : undefined;
    const code: ErrorCode | ClientErrorCode = problem?.code ?? codeForStatus(response.status);
    const retryAfter = positiveNumber(problem?.retryAfter) ?? retryAfterHeader;
    throw new ApiError(code, response.status, {
      retryAfter,
      attemptsLeft: problem?.attemptsLeft,
      problem,
    });
  }
}

/** The client's own code for an error answer without a problem body. */
function codeForStatus(status: number): ClientErrorCode | 'server_error' {
  if (status === 408 || status === 504) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'bad_response';
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date (rounded up, at least 1). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return positiveNumber(Number(trimmed));
  // HTTP dates start with the day's name ("Wed, 21 Oct 2015 07:28:00 GMT"); anything else is noise.
  if (!/^[A-Za-z]{3}/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (!Number.isFinite(at)) return undefined;
  return Math.max(1, Math.ceil((at - now) / 1000));
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).code === 'string' &&
    ((value as Problem).code as string) !== '' &&
    typeof (value as Problem).status === 'number'
  );
}
