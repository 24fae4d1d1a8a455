/**
 * Registers a custom element unless the name is taken already, so a portal that loads the
 * widget twice (two bundles, or a script tag plus a module) does not crash.
 */
export function define(name: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, ctor);
}
