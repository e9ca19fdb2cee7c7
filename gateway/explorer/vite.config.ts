import { defineConfig } from 'vite';

// The offline explorer: GraphiQL and its Monaco editor workers bundled into plain files that the
// gateway serves under /explorer/. Nothing is fetched from elsewhere at run time (the gateway's
// Content-Security-Policy refuses it anyway); the fonts are inlined in GraphiQL's stylesheet.
export default defineConfig({
  root: import.meta.dirname,
  base: '/explorer/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco alone is a few MB; the explorer is a developer tool loaded once and then cached.
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      // React libraries mark modules "use client" for server components; a static bundle has none.
      onLog: (level, log, handler) =>
        log.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : handler(level, log),
    },
  },
  worker: { format: 'es' },
});
