// React 19 example: `npx vite --config examples/react/vite.config.ts` (dev) or `vite build`.
// JSX goes through Vite 8's built-in oxc transform (no React plugin needed for this example).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { mockBackendPlugin } from '../mock-middleware.js';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  plugins: [mockBackendPlugin()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  server: { port: Number(process.env.PORT) || 5174, strictPort: true },
  preview: { port: Number(process.env.PORT) || 5174, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
