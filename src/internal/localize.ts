import { configureLocalization, LOCALE_STATUS_EVENT, str, type LocaleModule, type TemplateMap } from '@lit/localize';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { sourceLocale, targetLocales } from '../generated/locale-codes.js';

export type Locale = 'en' | 'da';

/**
 * The translations of one part of the widget: a loader per target locale. The sign-in's texts
 * (and the error messages every part shares) are always registered; other parts (the settings)
 * bring theirs with {@link LangController}, so a page with only `<tfa-login>` never downloads
 * them. Loaders are static `import()`s so bundlers see every locale module (a template-string
 * `import()` does not resolve). A generated locale module exports `templates(html, str)`, so it
 * imports nothing (see docs/i18n.md).
 */
export type Translations = {
  readonly [L in Exclude<Locale, 'en'>]: () => Promise<{ templates: (tag: typeof html, strTag: typeof str) => object }>;
};

const signInTexts: Translations = { da: () => import('../generated/locales/da.js') };

const parts: Translations[] = [signInTexts];
/** One templates object per locale, handed to @lit/localize, which looks ids up in it at render time. */
const merged: Partial<Record<Locale, TemplateMap>> = {};
const loads = new Map<Translations, Partial<Record<Locale, Promise<void>>>>();
let requested: Locale = sourceLocale;

function load(part: Translations, locale: Exclude<Locale, 'en'>): Promise<void> {
  const cache = loads.get(part) ?? {};
  loads.set(part, cache);
  return (cache[locale] ??= part[locale]().then(
    (mod) => void Object.assign((merged[locale] ??= {}), mod.templates(html, str)),
    (err: unknown) => {
      delete cache[locale]; // a later language change tries again
      throw err;
    },
  ));
}

const localization = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: async (locale) => {
    const target = locale as Exclude<Locale, 'en'>;
    await Promise.all(parts.map((part) => load(part, target)));
    return { templates: merged[target] } as LocaleModule;
  },
});

export const { getLocale } = localization;

export function setLocale(locale: Locale): Promise<void> {
  requested = locale;
  return localization.setLocale(locale);
}

/**
 * Registers the translations of a part of the widget. When a target language is already active
 * (or loading), they are loaded into it at once, and every `@localized` element re-renders.
 */
export function addTranslations(part: Translations): void {
  if (parts.includes(part)) return;
  parts.push(part);
  const locale = requested;
  if (locale === sourceLocale) return;
  load(part, locale).then(
    () => {
      // Loaded after @lit/localize switched: tell the elements (their LocalizeController listens).
      if (getLocale() === locale) window.dispatchEvent(new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: locale } }));
    },
    () => {
      /* offline: these texts stay English until the language changes again */
    },
  );
}

/** Maps any BCP 47 tag to a supported locale: `da`, `da-DK` → `da`; everything else → `en`. */
export function toLocale(tag: string | null | undefined): Locale {
  return tag && tag.trim().toLowerCase().startsWith('da') ? 'da' : 'en';
}

/** The language that applies to `el`: its own or nearest ancestor's `lang`, else the page's. */
export function localeFor(el: Element): Locale {
  const owner = el.closest('[lang]');
  return toLocale(owner?.getAttribute('lang') ?? document.documentElement.lang);
}

/**
 * Keeps the widget's locale equal to the `lang` that applies to its host, and follows changes of
 * `lang` on the host, its ancestors or `<html>` at run time. `@lit/localize` has one locale per
 * page, so two widgets with different `lang` on one page share the last one set. A part with
 * texts of its own registers them with {@link addTranslations} (the settings: `settingsLang`).
 */
export class LangController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #observer?: MutationObserver;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#apply();
    this.#observer = new MutationObserver(() => this.#apply());
    this.#observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  #apply(): void {
    const wanted = localeFor(this.#host);
    if (wanted !== getLocale()) void setLocale(wanted);
  }
}
