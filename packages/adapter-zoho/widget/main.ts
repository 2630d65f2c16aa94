// The widget page's script (bundled to zoho-widget.js by scripts/build-widget.mjs): the SDK's global ZOHO is there
// already (a classic script in widget.html); read the org and hand the rows to <lens-data>.
import { startZohoWidget, type ZohoGlobal } from '../src/index.js';

const zoho = (globalThis as { ZOHO?: ZohoGlobal }).ZOHO;
const status = document.getElementById('crm-lens-status');
if (!zoho) {
  if (status) {
    status.textContent = 'The Zoho CRM SDK did not load: open this page as a widget inside Zoho CRM.';
    status.dataset.state = 'error';
  }
} else {
  // Failures are shown in the status line by startZohoWidget itself.
  startZohoWidget({ zoho, document }).catch(() => undefined);
}
