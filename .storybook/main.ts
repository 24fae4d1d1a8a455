import type { StorybookConfig } from '@storybook/web-components-vite';
import { createRequire } from 'node:module';
import { mergeConfig } from 'vite';

/** MDX pages need @storybook/addon-docs; without it an `.mdx` file fails the build, so look for it. */
const hasDocsAddon = (() => {
  try {
    createRequire(import.meta.url).resolve('@storybook/addon-docs/package.json');
    return true;
  } catch {
    return false;
  }
})();

/**
 * Storybook for designers and reviewers: `npm run storybook` (port 6006), `npm run build-storybook`.
 * The mock backend runs in the preview through MSW (see preview.ts), so its service worker script
 * is served from `public/`.
 */
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: [...(hasDocsAddon ? ['../stories/**/*.mdx'] : []), '../stories/**/*.stories.ts'],
  addons: [...(hasDocsAddon ? ['@storybook/addon-docs'] : []), '@storybook/addon-a11y'],
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    return mergeConfig(viteConfig, {
      // One copy of Lit in the pre-bundle, or Lit warns "Multiple versions of Lit loaded".
      optimizeDeps: { include: ['lit', 'lit/decorators.js', 'lit/directive-helpers.js', '@lit/localize'] },
    });
  },
};

export default config;
