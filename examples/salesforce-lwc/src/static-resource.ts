// Build-only (scripts/build-static-resource.mjs): the entry of force-app/main/default/staticresources/crmLens.js,
// crm-lens for Salesforce. One classic script (an IIFE), because `loadScript` from lightning/platformResourceLoader
// injects a classic <script> and Lightning Web Security allows no ES module import() from static resources, no
// `new Worker` and no `blob:` script. So everything a page could need is in this one file: every <lens-…> tag,
// lit, vega and the compiled chart specs, the in-thread engine and the analyses, and the Salesforce adapter. The
// engine runs in an iframe compute host on another origin when one is configured, else in the page's own thread.
//
// It registers the tags and defines one global, `crmLens` (in the namespace's sandboxed window under Lightning
// Web Security), the API the crmLens Lightning Web Component uses:
//
//   crmLens.version                       the crm-lens version of this build
//   crmLens.tags                          the custom elements it defines
//   crmLens.engineOptions({ computeUrl, computeOrigin, parent })
//                                         engine options for <lens-data>.engineOptions: hosts ['iframe',
//                                         'in-thread'] with the compute host page's URL, else ['in-thread']
//   crmLens.salesforce.objects(preset)    the objects a preset reads, in order
//   crmLens.salesforce.graphqlQuery(object)  the query text the component's gql document for `object` must have
//   crmLens.salesforce.readGraphQL({ runQuery, preset, … })  reads the org through the component's GraphQL wire
//   crmLens.salesforce.readRest({ instanceUrl, token, … })  reads the org through the REST API (external pages)
//   crmLens.salesforce.beginPkceLogin / completePkceLogin   OAuth PKCE for external pages
import '../../../packages/elements/src/define.js';
import { type CrmLensGlobal, crmLensApi } from './crm-lens-api.js';

declare const __CRM_LENS_VERSION__: string;

// One copy per window: a second load of the resource (another component) keeps the first API.
const scope = globalThis as { crmLens?: CrmLensGlobal };
if (!scope.crmLens) {
  Object.defineProperty(scope, 'crmLens', {
    value: crmLensApi(__CRM_LENS_VERSION__),
    configurable: true,
    enumerable: false,
    writable: false,
  });
}
