import { ApiClient } from './api-client.js';
import type {
  ContactDetails,
  Enrollment,
  Method,
  MethodList,
  PendingMobileChange,
  Session,
  StartEnrollmentRequest,
} from './contract.js';

/** Products a person enrolls through a wizard (email is bound to the account, SMS to the mobile number). */
export type EnrollableProduct = StartEnrollmentRequest['product'];

export const ENROLLABLE_PRODUCTS: readonly EnrollableProduct[] = [
  'google-authenticator',
  'microsoft-authenticator',
  'pingid',
  'entrust-soft-token',
];

/** TOTP apps get the code wizard; push apps get the app-enrollment page. */
export function isTotpProduct(product: EnrollableProduct): product is 'google-authenticator' | 'microsoft-authenticator' {
  return product === 'google-authenticator' || product === 'microsoft-authenticator';
}

/**
 * Typed calls of the signed-in part of the contract (`/session`, `/me/*`) over {@link ApiClient}.
 * Every call takes the session token; nothing is stored. Changes that need a recent second
 * factor reject with `ApiError` code `step_up_required` (see `StepUpController`).
 */
export class SettingsClient {
  readonly api: ApiClient;

  constructor(api: ApiClient) {
    this.api = api;
  }

  getSession(token: string, signal?: AbortSignal): Promise<Session> {
    return this.api.request<Session>('GET', '/session', { token, signal });
  }

  async listMethods(token: string, signal?: AbortSignal): Promise<Method[]> {
    return (await this.api.request<MethodList>('GET', '/me/methods', { token, signal })).methods;
  }

  async reorderMethods(token: string, methodIds: string[]): Promise<Method[]> {
    return (await this.api.request<MethodList>('PUT', '/me/methods/order', { token, body: { methodIds } })).methods;
  }

  async removeMethod(token: string, methodId: string): Promise<Method[]> {
    return (await this.api.request<MethodList>('DELETE', `/me/methods/${encodeURIComponent(methodId)}`, { token })).methods;
  }

  startEnrollment(token: string, product: EnrollableProduct): Promise<Enrollment> {
    return this.api.request<Enrollment>('POST', '/me/enrollments', { token, body: { product } });
  }

  getEnrollment(token: string, id: string, signal?: AbortSignal): Promise<Enrollment> {
    return this.api.request<Enrollment>('GET', `/me/enrollments/${encodeURIComponent(id)}`, { token, signal });
  }

  verifyEnrollment(token: string, id: string, code: string): Promise<Enrollment> {
    return this.api.request<Enrollment>('POST', `/me/enrollments/${encodeURIComponent(id)}/verify`, { token, body: { code } });
  }

  async cancelEnrollment(token: string, id: string): Promise<void> {
    await this.api.request<void>('DELETE', `/me/enrollments/${encodeURIComponent(id)}`, { token });
  }

  getContact(token: string, signal?: AbortSignal): Promise<ContactDetails> {
    return this.api.request<ContactDetails>('GET', '/me/contact', { token, signal });
  }

  changeMobile(token: string, mobile: string): Promise<PendingMobileChange> {
    return this.api.request<PendingMobileChange>('POST', '/me/contact/mobile', { token, body: { mobile } });
  }

  verifyMobile(token: string, code: string): Promise<ContactDetails> {
    return this.api.request<ContactDetails>('POST', '/me/contact/mobile/verify', { token, body: { code } });
  }
}

/** What every settings element shares: where the backend is, and optionally a `fetch` to use (stories, tests). */
export interface SettingsHost {
  apiBase: string;
  fetchImpl?: typeof fetch;
}

const byFetch = new WeakMap<typeof fetch, Map<string, SettingsClient>>();
const byBase = new Map<string, SettingsClient>();

/** The settings client for a host's `api-base` and `fetchImpl` (one per pair, reused). */
export function settingsClientFor(host: SettingsHost): SettingsClient {
  const baseUrl = host.apiBase || '/api';
  let clients = byBase;
  if (host.fetchImpl) {
    clients = byFetch.get(host.fetchImpl) ?? new Map();
    byFetch.set(host.fetchImpl, clients);
  }
  let client = clients.get(baseUrl);
  if (!client) clients.set(baseUrl, (client = new SettingsClient(new ApiClient({ baseUrl, fetch: host.fetchImpl }))));
  return client;
}

/**
 * Normalises a typed or pasted one-time code: people paste "123 456" or "123-456" (the
 * help pages warn about copied spaces), so everything but digits goes.
 */
export function normalizeCode(value: string): string {
  return value.replace(/[\s\u00a0\-–.]/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** True when `value` (normalised) is exactly `length` ASCII digits. */
export function isCompleteCode(value: string, length = 6): boolean {
  return new RegExp(`^\\d{${length}}$`).test(value);
}
