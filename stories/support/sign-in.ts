/**
 * `play` steps of the sign-in flows through `<tfa-login>`: what a person does, found by
 * language-independent hooks (autocomplete tokens, `part` names, `data-*`), so the same play
 * works in English and Danish.
 */
import { press, type, waitFor, waitUntil } from './dom.js';
import type { MockControl } from '../../mock-server/control-client.js';

/** Username (+ password) and "Log in" / "Next". */
export async function logIn(root: HTMLElement, username: string, password: string | null = 'demo1234'): Promise<void> {
  type(await waitFor<HTMLInputElement>(root, 'tfa-login-form input[autocomplete="username"]'), username);
  if (password !== null) type(await waitFor<HTMLInputElement>(root, 'tfa-login-form input[autocomplete="current-password"]'), password);
  await press(root, 'tfa-login-form [part~="submit"]');
}

/** Waits for the code step, types `code` and presses "Sign On". */
export async function enterCode(root: HTMLElement, code: string): Promise<void> {
  type(await waitFor<HTMLInputElement>(root, 'tfa-otp-entry input[autocomplete="one-time-code"]'), code);
  await press(root, 'tfa-otp-entry [part~="submit"]');
}

/** The email/SMS code the mock just sent, once the code step shows. */
export async function sentCode(root: HTMLElement, control: MockControl): Promise<string> {
  await waitFor(root, 'tfa-otp-entry input[autocomplete="one-time-code"]');
  return control.lastCode();
}

/** The authenticator app's current code, once the code step shows. */
export async function currentAppCode(root: HTMLElement, control: MockControl, username: string): Promise<string> {
  await waitFor(root, 'tfa-otp-entry input[autocomplete="one-time-code"]');
  return control.appCode(username);
}

/** Approves `username`'s pending push on the (simulated) phone with the number the screen shows. */
export async function approvePush(root: HTMLElement, control: MockControl, username: string): Promise<void> {
  await waitFor(root, 'tfa-push-wait [part~="timer"]');
  const push = await waitUntil(() => control.pendingPush(username), `a pending push for ${username}`);
  const shown = root.querySelector('tfa-push-wait [part~="number"] dd')?.textContent?.trim();
  await control.approvePush(push.id, shown ? Number(shown) : undefined);
}

/** Waits for "You are signed in as …" with "Log out". */
export function signedInShown(root: HTMLElement): Promise<Element> {
  return waitFor(root, 'tfa-signed-in [part~="logout"]', 10000);
}
