/**
 * The preview's project annotations that matter for rendering a story (shared by `preview.ts` and
 * `test/stories/all-stories.test.ts`, which renders every story the way Storybook does):
 * - the Language and Theme toolbar globals;
 * - the global loader: the MSW mock backend (started once, reset before every story) and the locale;
 * - the decorator that renders the story inside the theme root and keeps `<html lang>` in step.
 * Nothing here imports CSS, so it also loads in @web/test-runner.
 */
import { html, type TemplateResult } from 'lit';
import { startMockWorker, type MockWorker } from '../mock-server/browser.js';
import { mockControl } from '../mock-server/control-client.js';
import { setLocale, toLocale, type Locale } from '../src/internal/localize.js';
import { toTheme } from './themes.js';

export const globalTypes = {
  locale: {
    description: 'Language of the widget (sets <html lang> and the @lit/localize locale)',
    toolbar: {
      title: 'Language',
      icon: 'globe',
      items: [
        { value: 'en', title: 'English', right: 'en' },
        { value: 'da', title: 'Dansk', right: 'da' },
      ],
      dynamicTitle: true,
    },
  },
  theme: {
    description: 'Theme: examples/themes/*.css (only the documented --tfa-* tokens and [part~=…] hooks)',
    toolbar: {
      title: 'Theme',
      icon: 'paintbrush',
      items: [
        { value: 'default', title: 'Default' },
        { value: 'dark', title: 'Dark' },
        { value: 'customer', title: 'Customer (Nordlys Energi)' },
      ],
      dynamicTitle: true,
    },
  },
};

export const initialGlobals = { locale: 'en', theme: 'default' };

type Globals = Record<string, unknown>;

let worker: Promise<MockWorker> | undefined;

/**
 * The mock backend behind `/api` and `/__mock/*` in the page (MSW service worker), for stories
 * that use the global `fetch` (the Playground and the simulated phone). Started once; reset to the
 * demo users before every story. Most stories use their own in-process mock (stories/support/mock.ts).
 */
export async function resetMockWorker(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    worker ??= startMockWorker({ persist: false });
    const started = await worker;
    try {
      await mockControl().reset();
      return;
    } catch (err) {
      // Not answered by the mock: the service worker went away (MSW unregisters it when its last
      // client closes, which can race a reload). Start it again once.
      if (attempt > 1) throw new Error(`${(err as Error).message} (is the MSW worker in public/?)`);
    }
    worker = undefined;
    await started.stop().catch(() => {});
  }
}

/** Sets `<html lang>` (which every element's LangController follows) and the @lit/localize locale. */
export function applyLocale(globals: Globals): Promise<void> {
  const locale: Locale = toLocale(String(globals.locale ?? 'en'));
  if (document.documentElement.lang !== locale) document.documentElement.lang = locale;
  return setLocale(locale);
}

/** Project-level loader: mock reset and language, before the component's and story's loaders. */
export async function globalLoader(context: { globals: Globals }): Promise<Record<string, never>> {
  await Promise.all([resetMockWorker(), applyLocale(context.globals)]);
  return {};
}

/** Project-level decorator: the story inside the theme root. */
export function themeDecorator(story: () => unknown, context: { globals: Globals }): TemplateResult {
  // Globals can change without the loaders running again: keep the language in step.
  void applyLocale(context.globals);
  return html`<div class="tfa-story" data-tfa-theme=${toTheme(context.globals.theme)}>${story()}</div>`;
}
