/**
 * The elements the settings show only now and then: `<tfa-login>` for "Confirm it's you" and the
 * two enrollment wizards. How they arrive depends on the entry the portal imports:
 *
 * - `tfa-login-widget/settings` and each settings element's own entry register loaders
 *   (`lazy-parts.ts`) that fetch them on first use, so a settings page does not download the
 *   wizards until someone adds a method.
 * - `tfa-login-widget` (the whole widget) defines them up front and registers no loader: one
 *   bundle without extra chunks (`qrcode` and the Danish texts stay lazy either way).
 *
 * No `import()` may appear in this module: a bundler would split the whole widget around it.
 */
export type PartTag = 'tfa-login' | 'tfa-totp-wizard' | 'tfa-app-enroll';

const loaders = new Map<PartTag, () => Promise<unknown>>();

/** Registers how to fetch `tag` when it is needed and not defined yet (the first loader wins). */
export function registerPartLoader(tag: PartTag, load: () => Promise<unknown>): void {
  if (!loaders.has(tag)) loaders.set(tag, load);
}

/** Resolves once `<tag>` is defined, loading it if a loader is registered; rejects otherwise. */
export async function loadPart(tag: PartTag): Promise<void> {
  if (customElements.get(tag)) return;
  const load = loaders.get(tag);
  if (!load) throw new Error(`<${tag}> is not loaded: use the tfa-login-widget/settings entry (or the element's own)`);
  await load();
}
