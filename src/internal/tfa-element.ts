import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, type CSSResult, type PropertyDeclarations } from 'lit';

/**
 * Base of every widget element. Elements render into their own light DOM so that the
 * username, password and one-time-code inputs sit in a real `<form>` that password managers
 * and one-time-code autofill can reach (they do not look into shadow roots reliably).
 *
 * Styles are constructable stylesheets adopted once into the element's root node (the
 * document, or the integrator's shadow root): no `<style>` tags or `style=""` attributes, so
 * the widget runs under `style-src 'self'`. Selectors are scoped by the element's tag name.
 *
 * Every element re-renders when the language changes (what `@localized()` would add). Reactive
 * properties are declared in `static properties` rather than with decorators, which would ship
 * a decorator helper and one call per field.
 */
export class TfaElement extends LitElement {
  /** Light-DOM styles of this element; adopted into the root node on first connect. */
  static lightStyles: CSSResult[] = [];

  static override properties: PropertyDeclarations = {
    headingLevel: { type: Number, attribute: 'heading-level' },
  };

  /** Level of the step headings (2-5), so the widget fits the page's outline. */
  headingLevel = 2;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  protected override createRenderRoot(): HTMLElement {
    const root = this.getRootNode() as Document | ShadowRoot;
    const ctor = this.constructor as typeof TfaElement;
    adoptInto(root, ctor.lightStyles);
    return this;
  }
}

function adoptInto(root: Document | ShadowRoot, styles: CSSResult[]): void {
  if (!('adoptedStyleSheets' in root)) return;
  const sheets = styles.map((s) => s.styleSheet).filter((s): s is CSSStyleSheet => !!s);
  const missing = sheets.filter((s) => !root.adoptedStyleSheets.includes(s));
  if (missing.length) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...missing];
}
