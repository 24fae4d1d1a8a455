import {
  CSRF_HEADER,
  CSRF_VALUE,
  type ErrorCode,
  type Problem,
} from './contract.js';

/** Codes the client itself produces when the server gave no usable problem. */
export type ClientErrorCode = 'network_error' | 'timeout' | 'bad_response';

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

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The typed client of the REST contract. One instance per `<tfa-login>` or settings element.
 * Tokens are passed per call and never stored by the client.
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  /**
   * Calls `method path` with an optional JSON body and bearer token; resolves with the parsed
   * JSON body (or `undefined` for 204), rejects with an {@link ApiError}.
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

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onOuterAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });

    let response: Response;
    try {
      response = await this.#fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: controller.signal,
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (err) {
      if (options.signal?.aborted) throw err;
      throw new ApiError(timedOut ? 'timeout' : 'network_error', 0);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onOuterAbort);
    }

    if (response.status === 204) return undefined as T;

    const retryHeader = Number(response.headers.get('Retry-After'));
    const retryAfterHeader = Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined;
    let data: unknown;
    try {
      data = await response.json();
    } catch {
      throw new ApiError(response.ok ? 'bad_response' : response.status >= 500 ? 'server_error' : 'bad_response', response.status, {
        retryAfter: retryAfterHeader,
      });
    }

    if (response.ok) {
      if (data === null || typeof data !== 'object') throw new ApiError('bad_response', response.status);
      return data as T;
    }

    const problem = isProblem(data) ? data : undefined;
    const code: ErrorCode | ClientErrorCode =
      problem?.code ?? (response.status >= 500 ? 'server_error' : 'bad_response');
    throw new ApiError(code, response.status, {
      retryAfter: problem?.retryAfter ?? retryAfterHeader,
      attemptsLeft: problem?.attemptsLeft,
      problem,
    });
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).code === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}
