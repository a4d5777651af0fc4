/**
 * The console's build: a static bundle under console/dist with relative asset paths, so the same
 * files work at `/` on the local stack and under `/console/` behind the deployed API. Nothing about
 * where the API is or how to sign in is baked in: the page reads `config.json` beside it at start.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  resolve: {
    // The CSV checker reads claims with functions/adapters/csv.ts; csv-parse's Node build uses Node's
    // Buffer, its browser build carries its own.
    alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync', 'csv-stringify/sync': 'csv-stringify/browser/esm/sync' },
  },
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1400,
    rollupOptions: {
      output: {
        // antd and React change less often than the pages: one long-cached vendor chunk.
        manualChunks: (id) =>
          /node_modules\/(react|react-dom|scheduler|antd|@ant-design|rc-|@rc-component|dayjs)/.test(id) ? 'vendor' : undefined,
      },
    },
  },
  server: { host: '127.0.0.1' },
});
