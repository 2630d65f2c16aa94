#!/usr/bin/env node
// @ts-check
// Checks eslint.config.mjs itself: the Locker rules narrowed for the static resource still report what Lightning
// Web Security changes (a string passed to setTimeout, a Worker, document.write, a script Blob's object URL, writes
// into <body>, …) and stay quiet on the forms it leaves alone; the component's own sources get every rule
// unnarrowed. Run by `npm run lint` after eslint; exits 1 when a rule reports more or less than expected.
import { ESLint } from 'eslint';

const PROBE = `setTimeout("alert(1)", 10);
setTimeout(() => 1, 10);
var w = new Worker('x');
document.write('x');
window.open('https://example.com');
xhr.open('GET', '/aura/foo');
t.open('path', {});
URL.createObjectURL(new Blob(['x'], { type: 'text/javascript' }));
URL.createObjectURL(new Blob(['x'], { type: 'text/csv' }));
document.body.innerHTML = 'x';
template.innerHTML = 'x';
el.setAttribute('src', x);
el.setAttribute('class', x);
a.src = 'javascript:alert(1)';
a.src = url;
document.body.textContent = 'x';
fetch('/aura/foo');
fetch(url);
other.shadowRoot.querySelector('x');
this.shadowRoot;
link.rel = 'import';
`;

/** Lines of PROBE each rule must report in the static resource (and nothing else). */
const EXPECTED_IN_BUNDLE = {
  'distorted-window-set-timeout': [1],
  'distorted-worker-constructor': [3],
  'distorted-document-blocked-properties': [4],
  'distorted-xml-http-request-window-open': [5, 6],
  'distorted-url-create-object-url': [8],
  'distorted-element-inner-html-setter': [10],
  'distorted-element-set-attribute': [12],
  'distorted-html-iframe-script-element-src-setter': [14],
  'distorted-node-text-content-setter': [16],
  'distorted-window-fetch': [17],
  'distorted-element-shadow-root-getter': [19],
  'distorted-html-link-element-rel-setter': [21],
};

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });
/** @param {string} path */
async function lines(path) {
  const [result] = await eslint.lintText(PROBE, { filePath: path });
  /** @type {Record<string, number[]>} */
  const byRule = {};
  for (const m of result?.messages ?? []) {
    const rule = String(m.ruleId).replace('@locker/locker/', '');
    const list = byRule[rule] ?? [];
    list.push(m.line);
    byRule[rule] = list;
  }
  return byRule;
}

let failed = false;
const bundle = await lines('force-app/main/default/staticresources/probe.js');
if (
  JSON.stringify(Object.entries(bundle).sort()) !== JSON.stringify(Object.entries(EXPECTED_IN_BUNDLE).sort())
) {
  console.error('static resource rules: expected', EXPECTED_IN_BUNDLE, 'got', bundle);
  failed = true;
}
const component = await lines('force-app/main/default/lwc/probe/probe.js');
const count = Object.values(component).reduce((n, l) => n + l.length, 0);
// Unnarrowed: every line above uses an API the plugin names.
if (count < 21) {
  console.error(`component rules: expected every probe line reported, got ${count}:`, component);
  failed = true;
}
console.log(
  failed
    ? 'Locker lint configuration: FAILED'
    : 'Locker lint configuration: ok (narrowed rules still catch what LWS changes)',
);
process.exit(failed ? 1 : 0);
