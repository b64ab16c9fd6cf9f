#!/usr/bin/env node
// The CLI. In a checkout with dev dependencies it runs the TypeScript sources with tsx, so a change needs no
// build (tests and the documented commands use it this way). A production install without dev dependencies
// (no tsx) runs the JavaScript `npm run build` compiled into dist/.
let tsx;
try {
  tsx = await import('tsx/esm/api');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
}
if (tsx) {
  tsx.register();
  await import('../adapters/cli/main.ts');
} else await import('../dist/adapters/cli/main.js');
