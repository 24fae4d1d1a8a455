/**
 * Messages the mock "sends": every one lands in the outbox (`GET /__mock/outbox`). The texts are
 * not widget UI: each carries English and Danish together, like many Danish services' messages.
 */
import type { Ctx } from './context.js';
import { randomId } from './crypto.js';
import { iso } from './clock.js';
import type { OutboxItem } from './store.js';

export type CodePurpose = 'signin' | 'recovery' | 'mobile-change';

const CODE_TEXT: Record<CodePurpose, (code: string, minutes: number) => [en: string, da: string]> = {
  signin: (code, m) => [
    `Your sign-in code is ${code}. It expires in ${m} minutes.`,
    `Din engangskode til login er ${code}. Den udløber om ${m} minutter.`,
  ],
  recovery: (code, m) => [
    `Your recovery code is ${code}. It expires in ${m} minutes. If you did not ask for it, contact your administrator.`,
    `Din gendannelseskode er ${code}. Den udløber om ${m} minutter. Har du ikke bedt om den, så kontakt din administrator.`,
  ],
  'mobile-change': (code, m) => [
    `Your code to confirm this mobile number is ${code}. It expires in ${m} minutes.`,
    `Din kode til at bekræfte dette mobilnummer er ${code}. Den udløber om ${m} minutter.`,
  ],
};

export function codeText(ctx: Ctx, purpose: CodePurpose, channel: 'email' | 'sms', code: string): string {
  const minutes = Math.max(1, Math.round(ctx.config.codeLifetimeSeconds / 60));
  const [en, da] = CODE_TEXT[purpose](code, minutes);
  const text = `${en}\n${da}`;
  // WebOTP (https://wicg.github.io/web-otp/): the last line binds the code to the page's host.
  return channel === 'sms' ? `${text}\n\n@${ctx.otpHost} #${code}` : text;
}

/** Notifications of account changes, always by email. */
export type NoticeKind = 'recovery-signin' | 'method-added' | 'method-removed' | 'methods-reordered' | 'mobile-changed';

const NOTICE_TEXT: Record<NoticeKind, (detail: string) => [en: string, da: string]> = {
  'recovery-signin': () => [
    'You signed in with a recovery code sent to this address. If this was not you, contact your administrator at once.',
    'Du er logget ind med en gendannelseskode sendt til denne adresse. Var det ikke dig, så kontakt straks din administrator.',
  ],
  'method-added': (d) => [
    `A new authentication method was added to your account: ${d}. It is now your primary method.`,
    `En ny godkendelsesmetode er tilføjet til din konto: ${d}. Den er nu din primære metode.`,
  ],
  'method-removed': (d) => [
    `An authentication method was removed from your account: ${d}.`,
    `En godkendelsesmetode er fjernet fra din konto: ${d}.`,
  ],
  'methods-reordered': (d) => [
    `The order of your authentication methods was changed. Your primary method is now: ${d}.`,
    `Rækkefølgen af dine godkendelsesmetoder er ændret. Din primære metode er nu: ${d}.`,
  ],
  'mobile-changed': (d) => [
    `The mobile number on your account was changed to ${d}.`,
    `Mobilnummeret på din konto er ændret til ${d}.`,
  ],
};

export function notify(ctx: Ctx, email: string, kind: NoticeKind, detail = ''): OutboxItem {
  const [en, da] = NOTICE_TEXT[kind](detail);
  return deliver(ctx, 'email', email, `${en}\n${da}\n\nIf this was not you, contact your administrator.`);
}

export function deliver(ctx: Ctx, channel: 'email' | 'sms', to: string, text: string, code?: string): OutboxItem {
  const item: OutboxItem = {
    id: randomId('msg'),
    channel,
    to,
    ...(code !== undefined && { code }),
    text,
    sentAt: iso(ctx.now),
  };
  ctx.state.outbox.push(item);
  return item;
}
