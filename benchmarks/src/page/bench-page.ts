/** The bench page: puts the suite and the scale run on `window.crmLensBench` for the Node driver. */
import { PAGE_API, type PageApi } from '../shared/bridge.js';
import { runScale } from './scale.js';
import { runSuite } from './suite.js';

const api: PageApi = { runSuite, runScale };
Object.assign(globalThis, { [PAGE_API]: api });
document.title = 'crm-lens bench: ready';
