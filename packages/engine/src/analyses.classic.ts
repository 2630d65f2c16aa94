// The entry of the classic-script build of the analyses (dist/engine.analyses.classic.js, and
// crm-lens.analyses.classic.js in the script-tag build): an IIFE that a classic worker loads with importScripts()
// on its first issue-6 call (./load-analyses.classic.ts), and that hands the module over on a global.
import * as analyses from './analyses.js';
import { CLASSIC_ANALYSES_GLOBAL } from './classic-globals.js';

(globalThis as Record<string, unknown>)[CLASSIC_ANALYSES_GLOBAL] = analyses;
