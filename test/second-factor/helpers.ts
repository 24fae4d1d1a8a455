import { oneEvent } from '@open-wc/testing';
import { TfaActionEvent, type TfaAction } from '../../src/events/action-event.js';

/** The text a person reads in `el`, whitespace collapsed. */
export const text = (el: Element): string => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The button in `root` whose visible text is exactly `name`. */
export const buttonNamed = (root: ParentNode, name: string): HTMLButtonElement | undefined =>
  [...root.querySelectorAll('button')].find((b) => text(b) === name);

/** Collects every action `el` asks for, in order. */
export function actions(el: EventTarget): TfaAction[] {
  const seen: TfaAction[] = [];
  el.addEventListener(TfaActionEvent.eventName, (e) => seen.push((e as TfaActionEvent).action));
  return seen;
}

/** The next action `el` asks for. */
export async function nextAction(el: EventTarget): Promise<TfaAction> {
  const event = (await oneEvent(el, TfaActionEvent.eventName)) as unknown as TfaActionEvent;
  return event.action;
}

/**
 * How a person would name an element: `button "Retry mobile"`, `h2 "Forgot your device?"`, or
 * `nothing`. Assertions compare these strings, never DOM nodes: a failing chai assertion whose
 * actual value is a DOM node makes @web/test-runner hang while serialising it.
 */
export function describeEl(el: Element | null | undefined): string {
  if (!el) return 'nothing';
  const name = text(el);
  return name ? `${el.localName} "${name}"` : el.localName;
}
