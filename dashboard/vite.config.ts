import { defineConfig } from 'vite';

// The analysts' KPI dashboard, built into plain files that the gateway serves under /dashboard/.
// Everything it needs is in the bundle: no CDN, no web font (the system's Arabic and Latin fonts).
export default defineConfig({
  root: import.meta.dirname,
  base: '/dashboard/',
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
});
