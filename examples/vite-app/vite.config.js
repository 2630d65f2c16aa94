import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    // crm-lens is ES2022 (class fields, top-level await in the worker chunk).
    target: 'es2022',
  },
  worker: {
    // The engine is a module worker (`type: 'module'`): keep its chunk an ES module.
    format: 'es',
  },
});
