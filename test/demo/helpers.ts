/** Small DOM helpers for the demo tests: find things the way a person would (role-ish and text). */
import { text } from '../support/dom.js';

/** The `<section>` under `root` whose heading reads `heading`. */
export function section(root: ParentNode, heading: string): HTMLElement {
  const found = [...root.querySelectorAll<HTMLElement>('section')].find(
    (s) => text(s.querySelector('h1, h2, h3')) === heading,
  );
  if (!found) throw new Error(`no section headed "${heading}"`);
  return found;
}

/** Buttons under `root` whose visible text (accessible name) matches. */
export function buttons(root: ParentNode, name: string | RegExp): HTMLButtonElement[] {
  return [...root.querySelectorAll<HTMLButtonElement>('button')].filter((b) =>
    typeof name === 'string' ? text(b) === name : name.test(text(b)),
  );
}

export function button(root: ParentNode, name: string | RegExp): HTMLButtonElement {
  const [found, ...more] = buttons(root, name);
  if (!found) throw new Error(`no button named ${name}`);
  if (more.length) throw new Error(`${more.length + 1} buttons named ${name}`);
  return found;
}
