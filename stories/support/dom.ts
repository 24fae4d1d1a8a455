/**
 * What the stories' `play` functions do, in plain DOM (the elements render into the light DOM, so
 * a plain query finds every field). They find things by language-independent hooks
 * (`autocomplete`, `part`, `data-*`), because every story also runs in Danish, and they throw an
 * `Error` with a readable message when the state they wait for does not come, which fails the story
 * in Storybook's Interactions panel and in `test/stories/all-stories.test.ts`.
 */

/** Waits until `find` returns something (not null/undefined/false) and returns it. */
export async function waitUntil<T>(find: () => T | null | undefined | false | Promise<T | null | undefined | false>, what: string, timeoutMs = 6000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = await find();
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not there after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Finds `selector` inside `root` once it has rendered. */
export function waitFor<T extends Element>(root: ParentNode, selector: string, timeoutMs = 6000): Promise<T> {
  return waitUntil(() => root.querySelector<T>(selector), selector, timeoutMs);
}

/** Text as a person reads it (whitespace collapsed). */
export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The text of every `role="alert"` in `root`. */
export function alertText(root: ParentNode): string {
  return [...root.querySelectorAll('[role="alert"]')].map(text).filter(Boolean).join(' ');
}

/** Types `value` into `input` as a person would: focus, value, `input` event. */
export function type(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Clicks the button matching `selector` in `root` once it is there and enabled. */
export async function press(root: ParentNode, selector: string, timeoutMs = 6000): Promise<HTMLButtonElement> {
  const button = await waitUntil(() => {
    const b = root.querySelector<HTMLButtonElement>(selector);
    return b && !b.disabled && b.getAttribute('aria-disabled') !== 'true' ? b : null;
  }, `enabled ${selector}`, timeoutMs);
  button.focus();
  button.click();
  return button;
}
