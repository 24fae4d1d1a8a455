import { configureLocalization } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { sourceLocale, targetLocales } from '../generated/locale-codes.js';

export type Locale = 'en' | 'da';

/* A static map so bundlers see every locale module (a template-string import() does not resolve). */
const loaders: Record<string, () => Promise<any>> = {
  da: () => import('../generated/locales/da.js'),
};

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => loaders[locale](),
});

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
 * page, so two widgets with different `lang` on one page share the last one set.
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
