import { ApiError } from './api-client.js';

/** An error as step elements receive it: the contract's code plus what the message needs. */
export interface StepError {
  code: string;
  retryAfter?: number;
  attemptsLeft?: number;
}

export function toStepError(err: unknown): StepError {
  if (err instanceof ApiError) return { code: err.code, retryAfter: err.retryAfter, attemptsLeft: err.attemptsLeft };
  return { code: 'unknown' };
}
