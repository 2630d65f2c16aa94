// Jest global setup: bundles the crmLens API (src/crm-lens-api.ts: engine options and the Salesforce adapter, the
// code of the static resource minus the tags) to .jest/crm-lens-api.cjs, which the component's tests install as
// `window.crmLens`: the component is tested against the real adapter, with jsdom stand-ins for the tags.
const path = require('node:path');
const { pathToFileURL } = require('node:url');

module.exports = async function globalSetup() {
  const script = pathToFileURL(path.join(__dirname, '../../scripts/build-static-resource.mjs')).href;
  const { buildApiForTests } = await import(script);
  await buildApiForTests({ outfile: path.join(__dirname, '../../.jest/crm-lens-api.cjs') });
};
