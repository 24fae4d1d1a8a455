/**
 * The mock backend: a framework-neutral, fetch-shaped handler for the REST contract
 * (`<apiBase>/*`, default `/api`) and the mock control API (`/__mock/*`).
 *
 * The same object serves the browser (MSW, `browser.ts`), stories and quick tests (`in-process.ts`)
 * and the Node HTTP server (`node-server.ts`). All state is one serialisable object
 * (`exportState()`); `onChange` is called with it after every request that changed it.
 * Requests are handled one at a time, and a request that fails leaves the state as it was
 * (unless the failure itself is the change, such as a counted wrong code).
 */
import { CSRF_HEADER, CSRF_VALUE } from '../src/internal/contract.js';
import { makeConfig, type MockConfig } from './config.js';
import type { Ctx } from './context.js';
import { bearerToken, readJson, validateBody } from './http.js';
import { pruneFailures } from './lockout.js';
import { HttpProblem, problemResponse } from './problems.js';
import { matchRoute, type RequestContext, type Route } from './router.js';
import { controlRoutes } from './routes/control.js';
import { meRoutes } from './routes/me.js';
import { sessionRoutes } from './routes/session.js';
import { signinRoutes } from './routes/signin.js';
import { initialState, isMockState, type MockState } from './store.js';

export type { MockConfig } from './config.js';
export type { MockState } from './store.js';

export const CONTROL_BASE = '/__mock';

export interface CreateBackendOptions {
  /** Settings that differ from the defaults (BACKEND-RULES.md). */
  config?: Partial<MockConfig>;
  /** A state to start from (e.g. from `exportState()` or localStorage); invalid ones are ignored. */
  state?: unknown;
  /** Called with the new state after every request that changed it. */
  onChange?: (state: MockState) => void;
}

export interface MockBackend {
  /** The live settings (change them with `PUT /__mock/config`). */
  readonly config: Readonly<MockConfig>;
  /** Answers `<apiBase>/*` and `/__mock/*`; `undefined` for any other URL. */
  handle(request: Request): Promise<Response | undefined>;
  /** Whether `handle` answers this URL. */
  handles(url: string | URL): boolean;
  /** Back to the demo users, empty outbox, real time, initial config. */
  reset(): void;
  /** A deep copy of the whole state. */
  exportState(): MockState;
  /** The mock clock (ms since the epoch). */
  now(): number;
}

const apiRoutes: Route[] = [...signinRoutes, ...sessionRoutes, ...meRoutes];
const STATE_CHANGING = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);
const MAX_OUTBOX = 500;

export function createBackend(options: CreateBackendOptions = {}): MockBackend {
  const initialConfig = makeConfig(options.config);
  let config: MockConfig = { ...initialConfig };
  let state: MockState = isMockState(options.state)
    ? structuredClone(options.state)
    : initialState(Date.now());
  let queue: Promise<unknown> = Promise.resolve();

  const now = () => Date.now() + state.clockOffsetMs;

  const control = controlRoutes({
    reset: () => {
      state = initialState(Date.now(), state.serverSecret);
      config = { ...initialConfig };
    },
    config: () => ({ ...config }),
    updateConfig: (patch) => {
      config = { ...config, ...patch };
      return { ...config };
    },
  });

  function area(url: URL): { routes: Route[]; path: string; api: boolean } | undefined {
    const path = url.pathname;
    if (path === CONTROL_BASE || path.startsWith(`${CONTROL_BASE}/`)) {
      return { routes: control, path: path.slice(CONTROL_BASE.length) || '/', api: false };
    }
    const base = config.apiBase.replace(/\/+$/, '');
    let prefix = base;
    if (/^https?:\/\//.test(base)) {
      const baseUrl = new URL(base);
      if (baseUrl.origin !== url.origin) return undefined;
      prefix = baseUrl.pathname.replace(/\/+$/, '');
    }
    if (path === prefix || path.startsWith(`${prefix}/`)) {
      return { routes: apiRoutes, path: path.slice(prefix.length) || '/', api: true };
    }
    return undefined;
  }

  /** Drops what can no longer matter, so a long demo does not grow without bound. */
  function prune(at: number): void {
    const hour = 3_600_000;
    state.transactions = state.transactions.filter((t) => t.expiresAt + hour > at);
    state.sessions = state.sessions.filter((s) => s.expiresAt > at);
    state.pushes = state.pushes.filter((p) => p.expiresAt + hour > at);
    state.enrollments = state.enrollments.filter((e) => e.status === 'active' || e.expiresAt + hour > at);
    if (state.outbox.length > MAX_OUTBOX) state.outbox = state.outbox.slice(-MAX_OUTBOX);
    pruneFailures({ state, config, now: at });
  }

  function otpHost(request: Request, url: URL): string {
    const origin = request.headers.get('Origin');
    if (origin) {
      try {
        return new URL(origin).host;
      } catch {
        /* fall through to the request's own host */
      }
    }
    return url.host;
  }

  async function dispatch(request: Request, url: URL, where: NonNullable<ReturnType<typeof area>>): Promise<Response> {
    const match = matchRoute(where.routes, request.method, where.path);
    if (match.kind === 'none') throw new HttpProblem(404, 'not_found', { detail: 'No such route.' });
    if (match.kind === 'method') {
      throw new HttpProblem(405, 'method_not_allowed', {
        detail: `Use ${match.allowed.join(', ')}.`,
        headers: { Allow: match.allowed.join(', ') },
      });
    }
    if (where.api && STATE_CHANGING.has(request.method) && request.headers.get(CSRF_HEADER) !== CSRF_VALUE) {
      throw new HttpProblem(403, 'csrf_failed', { detail: `Send the header ${CSRF_HEADER}: ${CSRF_VALUE}.` });
    }
    const raw = await readJson(request, config.maxBodyBytes);
    const spec = match.route.body;
    const body = spec === 'object' ? validateObject(raw) : validateBody(raw, spec);

    prune(now());
    const snapshot = JSON.stringify(state);
    const ctx: Ctx = { state, config, now: now(), otpHost: otpHost(request, url) };
    const rc: RequestContext = { ...ctx, request, url, params: match.params, body, token: bearerToken(request) };
    // Route helpers receive `rc`, whose `state` is the live state object.
    try {
      const response = await match.route.handler(rc);
      changed(snapshot);
      return response;
    } catch (error) {
      if (error instanceof HttpProblem && error.init.keepChanges) changed(snapshot);
      else state = JSON.parse(snapshot) as MockState;
      throw error;
    }
  }

  function changed(snapshot: string): void {
    if (options.onChange && JSON.stringify(state) !== snapshot) options.onChange(exportState());
  }

  function exportState(): MockState {
    return structuredClone(state);
  }

  async function handle(request: Request): Promise<Response | undefined> {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return undefined;
    }
    const where = area(url);
    if (!where) return undefined;
    if (where.api && config.latencyMs > 0) await new Promise((r) => setTimeout(r, config.latencyMs));
    // One request at a time: handlers await (hashing), and state must not interleave.
    const run = queue.then(async () => {
      try {
        return await dispatch(request, url, where);
      } catch (error) {
        if (error instanceof HttpProblem) return problemResponse(error);
        console.error('[mock-server] unexpected error', error instanceof Error ? error.message : error);
        return problemResponse(new HttpProblem(500, 'server_error', { detail: 'Unexpected error in the mock.' }));
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    get config() {
      return config;
    },
    handle,
    handles: (url) => {
      try {
        return area(typeof url === 'string' ? new URL(url) : url) !== undefined;
      } catch {
        return false;
      }
    },
    reset: () => {
      state = initialState(Date.now(), state.serverSecret);
      config = { ...initialConfig };
      options.onChange?.(exportState());
    },
    exportState,
    now,
  };
}

function validateObject(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new HttpProblem(400, 'invalid_request', { detail: 'The body must be a JSON object.' });
  }
  return raw as Record<string, unknown>;
}
