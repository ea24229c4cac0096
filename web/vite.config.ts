// Vite configuration for the rrma web UI: sources and index.html live in web/,
// the build goes to web/dist (served by `rrma serve`), and the dev server
// forwards /api to a local `rrma serve` on port 8080.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Rolldown warns when plugins take « significant time », which depends on the machine's
    // load (a C++ build beside it), not on the code: that warning is left out.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
