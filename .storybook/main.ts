import type { StorybookConfig } from '@storybook/web-components-vite';
import { mergeConfig, type Plugin } from 'vite';

/**
 * Storybook for designers, testers and reviewers: `npm run storybook` (port 6006),
 * `npm run build-storybook` (static site in `storybook-static/`). Both scripts build the
 * translations and `dist/custom-elements.json` (the docs tables) first. See docs/storybook.md.
 * The mock backend runs in the preview through MSW (see globals.ts), so its service worker script
 * is served from `public/`.
 */
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    return mergeConfig(viteConfig, {
      plugins: [sourceHasSideEffects()],
      // One copy of Lit in the pre-bundle, or Lit warns "Multiple versions of Lit loaded".
      optimizeDeps: { include: ['lit', 'lit/decorators.js', 'lit/directive-helpers.js', '@lit/localize'] },
    });
  },
};

/**
 * package.json's `sideEffects` lists the package's `dist/` entry and define modules only, so a
 * production build tree-shakes `import '../src/components/x/define.js'` away and no element is
 * registered. The stories import the sources: mark the repository's own modules as having side
 * effects (registration) again. Storybook only; the package build is not affected.
 */
function sourceHasSideEffects(): Plugin {
  return {
    name: 'tfa-storybook-source-side-effects',
    transform(code, id) {
      if (/\/(src|stories|mock-server|\.storybook)\//.test(id) && !id.includes('/node_modules/')) {
        return { code, map: null, moduleSideEffects: true };
      }
      return undefined;
    },
  };
}

export default config;
