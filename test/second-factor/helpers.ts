import { oneEvent } from '@open-wc/testing';
import { TfaActionEvent, type TfaAction } from '../../src/events/action-event.js';
import { text } from '../support/dom.js';

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
