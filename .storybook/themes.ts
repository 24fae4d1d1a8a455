/**
 * The Theme toolbar's themes. The customer and dark themes are the integrator examples in
 * `examples/themes/*.css`, built only from the documented `--tfa-*` tokens and `[part~=…]` hooks,
 * and written for a portal page (`tfa-login, tfa-settings { … }`, `tfa-login [part~='heading']`).
 * In Storybook each story shows one element (often a step element without `<tfa-login>` around
 * it), so the theme is applied to the story root instead: the file is wrapped in
 * `@scope ([data-tfa-theme="…"])` and its `tfa-login` / `tfa-settings` selectors become `:scope`,
 * the root `<div>` the theme decorator renders around every story. Nothing else is rewritten, so
 * what a designer sees is what the example file does in a portal.
 */
export const THEMES = ['default', 'dark', 'customer'] as const;
export type ThemeName = (typeof THEMES)[number];

export function toTheme(value: unknown): ThemeName {
  return (THEMES as readonly unknown[]).includes(value) ? (value as ThemeName) : 'default';
}

/** `examples/themes/<name>.css` scoped to `[data-tfa-theme="<name>"]`. */
export function scopeTheme(name: Exclude<ThemeName, 'default'>, cssText: string): string {
  const body = cssText.replace(/\btfa-(?:login|settings)\b(?![-\w])/g, ':scope');
  // The page the theme is made for ("put it on a dark page"): its surface behind the story.
  const page = ':scope { background: var(--tfa-color-surface); color: var(--tfa-color-text); }';
  return `@scope ([data-tfa-theme="${name}"]) {\n${page}\n${body}\n}\n`;
}

/** Adopts the scoped themes into `doc` once (constructable sheets: nothing inline). */
export function adoptThemes(themes: Partial<Record<Exclude<ThemeName, 'default'>, string>>, doc: Document = document): void {
  const sheets = Object.entries(themes).map(([name, cssText]) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(scopeTheme(name as Exclude<ThemeName, 'default'>, cssText ?? ''));
    return sheet;
  });
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, ...sheets];
}
