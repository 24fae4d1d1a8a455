import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Method } from '../../internal/contract.js';
import { settingsClientFor, type SettingsHost } from '../../internal/settings-client.js';
import { toStepError, type StepError } from '../../internal/step-error.js';

/**
 * A settings element's reads from the server (`GET /me/methods`, `GET /me/contact`): a new run
 * aborts the one before, only the latest run's answer or error is kept, and leaving the page
 * aborts it.
 */
export class LoadController implements ReactiveController {
  #current?: AbortController;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** True while a run is waiting for the server. */
  get loading(): boolean {
    return this.#current !== undefined;
  }

  hostDisconnected(): void {
    this.#current?.abort();
    this.#current = undefined;
  }

  /** Runs `load`; `loaded` gets its answer, `failed` its error, unless a newer run or leaving the page aborted it. */
  async run<T>(load: (signal: AbortSignal) => Promise<T>, loaded: (value: T) => void, failed: (error: StepError) => void): Promise<void> {
    this.#current?.abort();
    const controller = (this.#current = new AbortController());
    try {
      const value = await load(controller.signal);
      if (!controller.signal.aborted) loaded(value);
    } catch (err) {
      if (!controller.signal.aborted) failed(toStepError(err));
    } finally {
      if (this.#current === controller) this.#current = undefined;
    }
  }

  /** {@link run} for `GET /me/methods` at `host`'s backend with the session `token`. */
  listMethods(host: SettingsHost, token: string, loaded: (methods: Method[]) => void, failed: (error: StepError) => void): Promise<void> {
    return this.run((signal) => settingsClientFor(host).listMethods(token, signal), loaded, failed);
  }
}
