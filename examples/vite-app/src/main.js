// The npm route: import the packages, let Vite bundle them. `define.js` registers every <lens-…> tag; the engine's
// worker (`new Worker(new URL('./engine.worker.js', import.meta.url), …)` inside @crm-lens/engine) and the lazily
// loaded vega runtime become chunks of their own. The theme file gives the page the same tokens as the widgets.
import '@crm-lens/elements/define.js';
import '@crm-lens/elements/themes/light.css';
import './style.css';

const data = document.getElementById('data');
const status = document.getElementById('status');

data.addEventListener('lens-data-load', (event) => {
  const { accepted, rejected, host } = event.detail;
  status.textContent = `${accepted.toLocaleString()} transactions loaded (${rejected} rejected), scored in the ${host.replace('-', ' ')}.`;
});
data.addEventListener('lens-data-error', (event) => {
  status.textContent = `Could not load the data: ${event.detail.message}`;
});
