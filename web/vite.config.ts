import { defineConfig } from 'vite';
import { precompressPlugin } from './scripts/precompress.mjs';

// Preact through esbuild's automatic JSX runtime: no framework plugin needed.
export default defineConfig({
  // .gz and .br beside each built file, for the server's static handler (src/http/static_files.cpp).
  plugins: [precompressPlugin()],
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // The server's CSP forbids inline scripts and styles: never inline assets as data: modules.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2020',
  },
  server: {
    // `npm run dev` proxies the API to a locally running `kenes serve`.
    proxy: {
      '/api': process.env.KENES_URL ?? 'http://127.0.0.1:8080',
    },
  },
});
