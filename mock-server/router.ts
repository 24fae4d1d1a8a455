/** A tiny method + path router: each route module exports a table of these. */
import type { Ctx } from './context.js';
import type { BodySpec } from './http.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestContext extends Ctx {
  request: Request;
  url: URL;
  /** Path parameters (`:id`). */
  params: Record<string, string>;
  /** The validated JSON body (`{}` for routes without one). */
  body: Record<string, unknown>;
  /** Bearer token from `Authorization`, if any. */
  token: string | undefined;
}

export interface Route {
  method: HttpMethod;
  /** Relative to the API base or the control root, e.g. `/me/methods/:id`. */
  path: string;
  /**
   * Allowed body fields; no spec means the body must be empty or `{}`; `'object'` takes any JSON
   * object and leaves the checks to the handler.
   */
  body?: BodySpec | 'object';
  handler(rc: RequestContext): Response | Promise<Response>;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method'; allowed: HttpMethod[] }
  | { kind: 'none' };

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(g);
      } catch {
        return undefined;
      }
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) return undefined;
      params[w.slice(1)] = value;
    } else if (w !== g) {
      return undefined;
    }
  }
  return params;
}

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const allowed: HttpMethod[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', route, params };
    allowed.push(route.method);
  }
  return allowed.length ? { kind: 'method', allowed } : { kind: 'none' };
}
