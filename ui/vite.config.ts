/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The Tauri shell loads `dist/` in release and this dev server in dev (see src-tauri/tauri.conf.json).
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  base: './',
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    host: 'localhost',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  // Tests run the client build of Svelte, as the app does (web transforms and the `browser`
  // export condition; without both, runes and `svelte/reactivity` get their server versions).
  // They run without a DOM, covering state and pure logic, except component specs, which ask
  // for happy-dom with `// @vitest-environment happy-dom` and mount through testing/render.ts.
  // graphql-js ships CommonJS and ES module builds without an exports map; the specs' own imports
  // and the GraphQL editor's packages (inlined below) must all load the ES one, as the app's
  // bundle does, or graphql-js refuses a schema "from another module or realm".
  resolve:
    mode === 'test'
      ? {
          conditions: ['browser'],
          alias: [
            { find: /^graphql$/, replacement: 'graphql/index.mjs' },
            {
              find: /^graphql-language-service$/,
              replacement: 'graphql-language-service/esm/index.js',
            },
          ],
        }
      : undefined,
  test: {
    include: ['src/**/*.spec.ts'],
    environment: 'node',
    testTransformMode: { web: ['**/*.spec.ts'] },
    server: { deps: { inline: ['cm6-graphql', 'graphql-language-service'] } },
  },
}));
