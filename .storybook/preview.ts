/// <reference types="vite/client" />
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import customerTheme from '../examples/themes/customer.css?raw';
import darkTheme from '../examples/themes/dark.css?raw';
import { globalLoader, globalTypes, initialGlobals, themeDecorator } from './globals.js';
import { adoptThemes } from './themes.js';
import './preview.css';

/*
 * Docs pages: the attributes, properties, events, slots, CSS parts and custom properties of each
 * element come from `dist/custom-elements.json`, which `npm run storybook` / `build-storybook`
 * generate first (`cem analyze --config custom-elements-manifest.config.mjs`, from the elements'
 * JSDoc). A glob, not an import, so the preview still loads (without tables) when it is missing.
 */
const manifests = import.meta.glob<unknown>('../dist/custom-elements.json', { eager: true, import: 'default' });
const manifest = Object.values(manifests)[0];
// It lists the public API only: custom-elements-manifest.config.mjs drops private, protected and static members.
if (manifest) setCustomElementsManifest(manifest);
else console.warn('dist/custom-elements.json is missing: run `npm run storybook` (it runs the analyzer first).');

adoptThemes({ dark: darkTheme, customer: customerTheme });

/*
 * The mock backend runs in the preview iframe (MSW service worker from `public/`), started once by
 * our own loader (msw-storybook-addon 3.0.3 starts the worker with an msw 2 option name, so it is
 * not used) and reset to the demo users before every story. Most stories bring their own
 * in-process mock through their loaders (stories/support/mock.ts), which run after this one.
 */
const preview: Preview = {
  globalTypes,
  initialGlobals,
  loaders: [globalLoader],
  decorators: [themeDecorator],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    a11y: { test: 'error' },
    docs: { toc: true },
    options: {
      storySort: { order: ['Overview', 'Sign-in', 'Settings', 'Demo'] },
    },
  },
};

export default preview;
