/**
 * A `fetch` answered by a mock backend in the same JS context: no network, no service worker.
 * For stories and quick tests:
 *
 *   new ApiClient({ baseUrl: '/api', fetch: createMockFetch() })
 *
 * Relative URLs resolve against `location.origin` (or `http://localhost` outside a page).
 * URLs the backend does not serve are passed to the real `fetch`.
 */
import { createBackend, type MockBackend } from './backend.js';

export type MockFetch = typeof fetch & { backend: MockBackend };

export function createMockFetch(backend: MockBackend = createBackend()): MockFetch {
  const base = typeof location !== 'undefined' && location.origin !== 'null' ? location.origin : 'http://localhost';
  const mockFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined
      ? input
      : new Request(input instanceof Request ? input : new URL(String(input), base), init);
    const response = await backend.handle(request);
    return response ?? globalThis.fetch(request);
  };
  return Object.assign(mockFetch, { backend }) as MockFetch;
}
