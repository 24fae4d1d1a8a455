// Vue 3 example: `npx vite --config examples/vue/vite.config.ts` (dev) or `vite build`.
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { mockBackendPlugin } from '../mock-middleware.js';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  plugins: [
    // #region guide:vue-config
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('tfa-') } } }),
    // #endregion
    mockBackendPlugin(),
  ],
  server: { port: Number(process.env.PORT) || 5175, strictPort: true },
  preview: { port: Number(process.env.PORT) || 5175, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
