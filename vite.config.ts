import { defineConfig } from 'vite';

// The demo portal (`npm start`): index.html hosts the widget as an integrator would, with the
// MSW mock backend in the page. PORT picks the port (default 5173).
const port = Number(process.env.PORT) || 5173;

export default defineConfig({
  server: { port, strictPort: true, host: process.env.HOST || 'localhost' },
  preview: { port, strictPort: true },
  build: { target: 'es2022', sourcemap: true },
  // Pre-bundle what the demo imports; without this Vite also crawls examples/ (which import the
  // built package, absent until `npm run build:package`) and gives up pre-bundling altogether.
  optimizeDeps: { entries: ['index.html'] },
});
