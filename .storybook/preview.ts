import type { Preview } from '@storybook/web-components-vite';
import { startMockWorker } from '../mock-server/browser.js';
import { setLocale, toLocale } from '../src/internal/localize.js';
import './preview.css';

/*
 * The mock backend runs in the preview iframe (MSW service worker from `public/`), started once by
 * our own loader (msw-storybook-addon 3.0.3 starts the worker with an msw 2 option name, so it is
 * not used). Each story starts from the demo users: the loader resets the mock before it renders.
 * Stories that need the mock in a particular state prepare it in their own `loaders`, which run
 * after this one.
 */
let worker: ReturnType<typeof startMockWorker> | undefined;

async function mockBackend(): Promise<void> {
  worker ??= startMockWorker({ persist: false });
  await worker;
  await fetch('/__mock/reset', { method: 'POST' });
}

function applyGlobals(globals: Record<string, unknown>): Promise<void> {
  const locale = toLocale(String(globals.locale ?? 'en'));
  const root = document.documentElement;
  root.lang = locale;
  if (globals.theme === 'dark') root.dataset.tfaTheme = 'dark';
  else delete root.dataset.tfaTheme;
  return setLocale(locale);
}

const preview: Preview = {
  globalTypes: {
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
      description: 'Theme applied through the --tfa-* custom properties',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: 'default', title: 'Default' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: 'default' },
  loaders: [
    async (context) => {
      await Promise.all([mockBackend(), applyGlobals(context.globals)]);
      return {};
    },
  ],
  decorators: [
    (story, context) => {
      // Globals can change without the loaders running again: keep lang and theme in step.
      void applyGlobals(context.globals);
      return story();
    },
  ],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
};

export default preview;
