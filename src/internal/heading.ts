import { html, type TemplateResult } from 'lit';

/** Heading levels the elements render at (a property, so they nest in any page outline). */
export type HeadingLevel = 2 | 3 | 4 | 5;

/**
 * A real `<hN>` at `level` (clamped to 2-5), focusable by script (`tabindex="-1"`) so a step
 * change can move focus to it, with `part="heading"` as the styling hook. Four fixed templates:
 * no dynamic tag names, no unsafe directives.
 */
export function heading(level: number, id: string, content: unknown, cls = ''): TemplateResult {
  switch (level <= 2 ? 2 : level >= 5 ? 5 : level) {
    case 2:
      return html`<h2 id=${id} class=${cls} part="heading" tabindex="-1">${content}</h2>`;
    case 3:
      return html`<h3 id=${id} class=${cls} part="heading" tabindex="-1">${content}</h3>`;
    case 4:
      return html`<h4 id=${id} class=${cls} part="heading" tabindex="-1">${content}</h4>`;
    default:
      return html`<h5 id=${id} class=${cls} part="heading" tabindex="-1">${content}</h5>`;
  }
}

let counter = 0;

/** A document-unique id prefix: the elements render into light DOM, so ids must not collide. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
