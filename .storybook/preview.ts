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
const manifest = Object.values(manifests)[0] as Manifest | undefined;
if (manifest) setCustomElementsManifest(publicApi(manifest));
else console.warn('dist/custom-elements.json is missing: run `npm run storybook` (it runs the analyzer first).');

interface Manifest {
  modules: { declarations?: { members?: { name: string; privacy?: string; static?: boolean; kind?: string }[] }[] }[];
}

/**
 * The docs tables show the public API only: the manifest also lists private (`#x`, `_x`),
 * protected and static members (`lightStyles`), which are not part of an element's interface.
 */
function publicApi(m: Manifest): Manifest {
  return {
    ...m,
    modules: m.modules.map((mod) => ({
      ...mod,
      declarations: mod.declarations?.map((d) => ({
        ...d,
        members: d.members?.filter((x) => !x.static && !x.privacy && !/^[#_]/.test(x.name)),
      })),
    })),
  };
}

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
