/** DOM queries of the browser tests, by what a person reads or hears. */
import { expect } from '@open-wc/testing';

/** The text a person reads in `node`, whitespace collapsed. */
export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The input the `<label>` reading exactly `label` is for. */
export function byLabel(root: ParentNode, label: string): HTMLInputElement {
  const found = [...root.querySelectorAll('label')].find((l) => text(l) === label);
  expect(found, `label "${label}"`).to.exist;
  const input = document.getElementById(found!.htmlFor) as HTMLInputElement | null;
  expect(input, `input for "${label}"`).to.exist;
  return input!;
}

/** The button whose text is exactly `label`, if any. */
export function queryButton(root: ParentNode, label: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll('button')].find((b) => text(b) === label);
}

/** Like {@link queryButton}, failing the test when there is none. */
export function button(root: ParentNode, label: string): HTMLButtonElement {
  const found = queryButton(root, label);
  expect(found, `button "${label}"`).to.exist;
  return found!;
}

/** The texts an input's `aria-describedby` points to. */
export function description(input: Element): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => text(document.getElementById(id)))
    .join(' ');
}

/** The text of every `role="alert"` under `root`. */
export function alertText(root: ParentNode): string {
  return [...root.querySelectorAll('[role="alert"]')].map(text).join(' ').trim();
}
