/**
 * The mock's one configuration object. Every number here is a default of the contract
 * (docs/contract/README.md, "Defaults"); a test or a story may change them with
 * `createBackend({ config })` or `PUT /__mock/config`.
 */
export interface MockConfig {
  /** Path (or absolute URL) the API is served under. Not changeable at run time. */
  apiBase: string;
  /** Digits in an email/SMS code. */
  codeLength: number;
  /** Seconds an email/SMS code works (never above 600). */
  codeLifetimeSeconds: number;
  /** Seconds between two sends of a code. */
  resendCooldownSeconds: number;
  /** Wrong codes per transaction before it is closed (`too_many_attempts`). */
  maxWrongCodes: number;
  /** Seconds a push request stays pending. */
  pushLifetimeSeconds: number;
  /** Push requests per transaction (the first one included). */
  maxPushesPerTransaction: number;
  /** Number matching on push requests. */
  numberMatching: boolean;
  /** Failed passwords per username within the window before `locked_out`. */
  lockoutThreshold: number;
  lockoutWindowSeconds: number;
  /** TOTP steps accepted on either side of the current one. */
  totpWindowSteps: number;
  /** Seconds after the second factor during which settings may be changed without step-up. */
  stepUpWindowSeconds: number;
  transactionLifetimeSeconds: number;
  sessionLifetimeSeconds: number;
  /** Seconds a started enrollment (QR code shown) stays usable. */
  enrollmentLifetimeSeconds: number;
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
  /** Artificial delay before every API answer (not the control API), in ms. */
  latencyMs: number;
}

export const DEFAULT_CONFIG: Readonly<MockConfig> = Object.freeze({
  apiBase: '/api',
  codeLength: 6,
  codeLifetimeSeconds: 300,
  resendCooldownSeconds: 30,
  maxWrongCodes: 5,
  pushLifetimeSeconds: 25,
  maxPushesPerTransaction: 5,
  numberMatching: true,
  lockoutThreshold: 10,
  lockoutWindowSeconds: 15 * 60,
  totpWindowSteps: 1,
  stepUpWindowSeconds: 600,
  transactionLifetimeSeconds: 15 * 60,
  sessionLifetimeSeconds: 8 * 60 * 60,
  enrollmentLifetimeSeconds: 10 * 60,
  maxBodyBytes: 16 * 1024,
  latencyMs: 0,
});

/** Allowed range of every numeric setting: [min, max]. */
const RANGES: Record<Exclude<keyof MockConfig, 'apiBase' | 'numberMatching'>, [number, number]> = {
  codeLength: [4, 10],
  codeLifetimeSeconds: [1, 600],
  resendCooldownSeconds: [0, 3600],
  maxWrongCodes: [1, 100],
  pushLifetimeSeconds: [1, 600],
  maxPushesPerTransaction: [1, 100],
  lockoutThreshold: [1, 1000],
  lockoutWindowSeconds: [1, 86_400],
  totpWindowSteps: [0, 10],
  stepUpWindowSeconds: [0, 86_400],
  transactionLifetimeSeconds: [10, 86_400],
  sessionLifetimeSeconds: [10, 7 * 86_400],
  enrollmentLifetimeSeconds: [10, 86_400],
  maxBodyBytes: [256, 1024 * 1024],
  latencyMs: [0, 30_000],
};

/**
 * Checks a partial config (from code or from `PUT /__mock/config`). Returns the field errors;
 * an empty list means the patch may be applied. `apiBase` is accepted only when `allowApiBase`.
 */
export function configErrors(patch: unknown, allowApiBase: boolean): { field: string; message: string }[] {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return [{ field: '', message: 'must be a JSON object' }];
  }
  const errors: { field: string; message: string }[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'apiBase') {
      if (!allowApiBase) errors.push({ field: key, message: 'cannot be changed at run time' });
      else if (typeof value !== 'string' || !/^(\/|https?:\/\/)/.test(value)) {
        errors.push({ field: key, message: 'must be a path starting with / or an http(s) URL' });
      }
    } else if (key === 'numberMatching') {
      if (typeof value !== 'boolean') errors.push({ field: key, message: 'must be a boolean' });
    } else if (Object.hasOwn(RANGES, key)) { // not `in`: `constructor` is no setting
      const [min, max] = RANGES[key as keyof typeof RANGES];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        errors.push({ field: key, message: `must be an integer from ${min} to ${max}` });
      }
    } else {
      errors.push({ field: key, message: 'unknown setting' });
    }
  }
  return errors;
}

/** Defaults + a checked patch. Throws on an invalid patch (a programming error in the caller). */
export function makeConfig(patch: Partial<MockConfig> = {}): MockConfig {
  const errors = configErrors(patch, true);
  if (errors.length) {
    throw new TypeError(`Invalid mock config: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
  }
  return { ...DEFAULT_CONFIG, ...patch };
}
