/**
 * Time helpers. The mock's clock is real time plus `state.clockOffsetMs`, which
 * `POST /__mock/clock` moves forward; every time rule reads it (see `backend.ts`).
 */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Whole seconds from `now` until `until`, at least 1 (for Retry-After). */
export function secondsUntil(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}
