/**
 * Starts the mock backend in the page with MSW's service worker (`/mockServiceWorker.js`).
 *
 *   const { backend, stop } = await startMockWorker({ persist: true });
 *
 * `persist: true` (the demo) keeps the mock's state in `localStorage['tfa-mock-state']` so demo
 * data survives a reload. This is the one documented exception to "nothing in localStorage": it
 * is the fake server's database (demo users, sent codes), never anything of the widget's. Tests
 * use `persist: false` and `fetch('/__mock/reset', { method: 'POST' })`.
 */
import { setupWorker } from 'msw/browser';
import type { MockConfig } from './config.js';
import { createBackend, type MockBackend } from './backend.js';
import { createHandlers } from './msw-handlers.js';

export const STORAGE_KEY = 'tfa-mock-state';

export interface StartMockWorkerOptions {
  /** Where the API is served (default `/api`). */
  apiBase?: string;
  /** Keep the state in localStorage across reloads (default false). */
  persist?: boolean;
  config?: Partial<MockConfig>;
  /** URL of the worker script (default `/mockServiceWorker.js`). */
  workerUrl?: string;
}

export interface MockWorker {
  backend: MockBackend;
  stop(): Promise<void>;
}

function loadState(): unknown {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}

function saveState(state: unknown): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    /* storage full or blocked: the demo just forgets on reload */
  }
}

export async function startMockWorker(options: StartMockWorkerOptions = {}): Promise<MockWorker> {
  const persist = options.persist ?? false;
  const backend = createBackend({
    config: { ...options.config, ...(options.apiBase && { apiBase: options.apiBase }) },
    state: persist ? loadState() : undefined,
    onChange: persist ? saveState : undefined,
  });
  if (persist) saveState(backend.exportState());
  const worker = setupWorker(...createHandlers(backend));
  await worker.start({
    quiet: true,
    onUnhandledFrame: 'bypass',
    serviceWorker: { url: options.workerUrl ?? '/mockServiceWorker.js' },
  });
  return {
    backend,
    stop: async () => {
      await worker.stop();
    },
  };
}
