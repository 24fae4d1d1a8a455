import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Counts down to a deadline given in the server's clock. The server's clock may differ from
 * the browser's (and the mock's clock can be moved), so the host passes the offset it measured
 * from the transaction's `serverTime`: `offsetMs = Date.parse(serverTime) - Date.now()`.
 * The countdown is only a display: the server's answer is the truth.
 *
 * Re-renders the host once a second while running; stops when it reaches zero or the host
 * leaves the page.
 */
export class CountdownController implements ReactiveController {
  #host: ReactiveControllerHost;
  #deadlineMs?: number;
  #offsetMs = 0;
  #timer?: ReturnType<typeof setInterval>;
  #onZero?: () => void;

  constructor(host: ReactiveControllerHost, onZero?: () => void) {
    this.#host = host;
    this.#onZero = onZero;
    host.addController(this);
  }

  /** Starts (or restarts) counting toward `deadline` (ISO 8601, server clock). */
  set(deadline: string | undefined, offsetMs: number): void {
    const parsed = deadline ? Date.parse(deadline) : NaN;
    const next = Number.isFinite(parsed) ? parsed : undefined;
    if (next === this.#deadlineMs && offsetMs === this.#offsetMs) return;
    this.#deadlineMs = next;
    this.#offsetMs = offsetMs;
    this.#restart();
  }

  /** Whole seconds left, 0 when passed or unset. */
  get seconds(): number {
    if (this.#deadlineMs === undefined) return 0;
    const left = this.#deadlineMs - (Date.now() + this.#offsetMs);
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  get running(): boolean {
    return this.seconds > 0;
  }

  hostConnected(): void {
    this.#restart();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #restart(): void {
    this.#stop();
    if (this.seconds <= 0) return;
    this.#timer = setInterval(() => {
      this.#host.requestUpdate();
      if (this.seconds <= 0) {
        this.#stop();
        this.#onZero?.();
      }
    }, 1000);
  }

  #stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
