/**
 * MSW request handlers that hand every request the backend serves (`<apiBase>/*`, `/__mock/*`)
 * to `backend.handle`; any other request is not matched and goes to the network.
 */
import { http, type HttpHandler } from 'msw';
import type { MockBackend } from './backend.js';

export function createHandlers(backend: MockBackend, options: { sameOriginOnly?: boolean } = {}): HttpHandler[] {
  const sameOriginOnly = options.sameOriginOnly ?? typeof location !== 'undefined';
  return [
    http.all(
      ({ request }) => {
        const url = new URL(request.url);
        if (sameOriginOnly && typeof location !== 'undefined' && url.origin !== location.origin && !/^https?:\/\//.test(backend.config.apiBase)) {
          return false;
        }
        return backend.handles(url);
      },
      async ({ request }) => backend.handle(request),
    ),
  ];
}
