// @ts-check
// Lightning Web Security lint (@locker/eslint-plugin-locker) over the component's sources and the built static
// resource (`node scripts/build-static-resource.mjs` first). The plugin ships rules only (its configs live in
// @locker/eslint-config-locker, not installed here), so every one of its rules is listed, all as errors.
//
// Two kinds of rules:
//
// - Rules for APIs that Lightning Web Security PROHIBITS or that throw under it (blocked properties, the Worker and
//   SharedWorker constructors, document.all, document.domain, …): errors everywhere, as the plugin defines them.
//   The static resource is clean of them because its build leaves those code paths out (the engine's worker hosts,
//   PapaParse's blob worker, d3-dsv's `new Function`: see scripts/build-static-resource.mjs).
//
// - Rules for APIs that LWS DISTORTS but keeps working: their patterns are syntactic (`*.open` is any method
//   named `open`, `*.setAttribute` any setAttribute, any reference to `setTimeout`), so over the bundled libraries
//   (lit, vega) they fire on code whose behaviour the distortion does not change. In the component's own sources
//   they stay plain errors (it uses none of these APIs). Over the static resource each is narrowed to the
//   condition its own documentation gives for the distortion to change behaviour (`whereDistorted` below, one
//   entry per rule, with that condition); a finding that meets it is an error. The conditions read the code's
//   syntax, so a runtime value they cannot see (a variable URL, a computed attribute name) is not reported:
//   docs/adapters/salesforce.md lists what that leaves to a test in a live org.
import { existsSync } from 'node:fs';
import babelParser from '@babel/eslint-parser';
import locker from '@locker/eslint-plugin-locker';

/** @typedef {import('eslint').Rule.RuleModule} RuleModule */
/** @typedef {import('estree').Node & { parent?: import('estree').Node & { parent?: any } }} Node */

const PREFIX = '@locker/locker/';

/** @param {any} node */
const isStringLike = (node) =>
  (node?.type === 'Literal' && typeof node.value === 'string') ||
  node?.type === 'TemplateLiteral' ||
  (node?.type === 'BinaryExpression' &&
    node.operator === '+' &&
    (isStringLike(node.left) || isStringLike(node.right)));

/** The string a literal or an expression-free template holds, else undefined. @param {any} node */
const staticString = (node) =>
  node?.type === 'Literal' && typeof node.value === 'string'
    ? node.value
    : node?.type === 'TemplateLiteral' && node.expressions.length === 0
      ? node.quasis[0].value.cooked
      : undefined;

/** The call a matched callee belongs to (`x.open(…)` → the CallExpression), if it is one. @param {any} node */
const callOf = (node) =>
  node?.parent?.type === 'CallExpression' && node.parent.callee === node ? node.parent : undefined;

/** The assignment a matched member is the target of (`x.src = …`). @param {any} node */
const assignmentTo = (node) =>
  node?.parent?.type === 'AssignmentExpression' && node.parent.left === node ? node.parent : undefined;

/** The object of a matched member (`a.b.c` → `a.b`), or undefined for a bare global. @param {any} node */
const receiver = (node) => (node?.type === 'MemberExpression' ? node.object : undefined);

/** `this`, or `this.host` (a lit controller's host element). @param {any} node */
const isOwnElement = (node) =>
  node?.type === 'ThisExpression' ||
  (node?.type === 'MemberExpression' &&
    node.object.type === 'ThisExpression' &&
    node.property.name === 'host');

/** `document.body`, `document.head`, `document.documentElement`, `document`, `window`: shared by every sandbox. */
const isSharedNode = (/** @type {any} */ node) =>
  (node?.type === 'Identifier' && (node.name === 'document' || node.name === 'window')) ||
  (node?.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === 'document' &&
    ['body', 'head', 'documentElement'].includes(node.property.name));

/** Endpoints the fetch / XMLHttpRequest / window.open distortions refuse. @param {any} node */
const mayBeFrameworkUrl = (node) => {
  const text = staticString(node);
  return text !== undefined && /\/(aura|webruntime)\b/.test(text);
};

/** A Blob type whose object URL LWS refuses or scans: scripts, HTML, XML, SVG. */
const DISTORTED_BLOB =
  /^(text\/javascript|application\/(x-)?javascript|text\/ecmascript|text\/html|text\/xml|application\/xml|image\/svg\+xml)\b/i;

/** Attribute names that setAttribute routes to another distortion (src, srcdoc, rel, inline event handlers). */
const isDistortedAttribute = (/** @type {any} */ node) => {
  const name = staticString(node);
  return name !== undefined && /^(src|srcdoc|rel|on\w+)$/i.test(name);
};

/**
 * Each distortion rule narrowed to the condition under which, per its documentation (docs/rules/*.md in the
 * plugin), LWS changes what the code does.
 * @type {Record<string, (node: any) => boolean>}
 */
const whereDistorted = {
  // "If the first argument provided to setTimeout is a string value, this distortion evaluates the string in the
  // sandbox." Only calls with a string-like first argument; references (vega's list of unsafe globals) are not calls.
  'distorted-window-set-timeout': (node) => isStringLike(callOf(node)?.arguments[0]),
  'distorted-window-set-interval': (node) => isStringLike(callOf(node)?.arguments[0]),
  // XMLHttpRequest#open / window.open: "examines the hostname and the pathname of the URL … a disallowed endpoint"
  // (/aura, /webruntime); window.open also enforces the URL of a new window. `*.open` matches every method named
  // open (vega's SVG markup builder, components' `open` state): only window.open and calls with such a URL count.
  'distorted-xml-http-request-window-open': (node) => {
    const call = callOf(node);
    if (!call) return false;
    const object = receiver(node);
    if (object?.type === 'Identifier' && ['window', 'self', 'globalThis'].includes(object.name)) return true;
    if (node.type === 'Identifier') return true; // a bare global open(…)
    return call.arguments.some(mayBeFrameworkUrl);
  },
  // window.fetch: "disallows access to URL endpoints containing /aura and /webruntime".
  'distorted-window-fetch': (node) => (callOf(node)?.arguments ?? []).some(mayBeFrameworkUrl),
  // URL.createObjectURL: refuses script MIME types, scans HTML / XML / SVG. Our own CSV download (text/csv) and
  // vega's image export (not used by the widgets) pass the type in a variable, which is not reported.
  'distorted-url-create-object-url': (node) => {
    const argument = callOf(node)?.arguments[0];
    if (argument?.type !== 'NewExpression' || argument.callee.name !== 'Blob') return false;
    const options = argument.arguments[1];
    const type =
      options?.type === 'ObjectExpression'
        ? options.properties.find((/** @type {any} */ p) => p.key?.name === 'type' || p.key?.value === 'type')
        : undefined;
    const value = staticString(type?.value);
    return value !== undefined && DISTORTED_BLOB.test(value);
  },
  // attachShadow / shadowRoot: "restricts access to the element's shadowRoot … Only code that's running in the same
  // sandbox can access the property." Every element here is defined and created by this file, in the component's
  // sandbox; only access to another object's shadow root counts.
  'distorted-element-attach-shadow': (node) => !isOwnElement(receiver(node)),
  'distorted-element-shadow-root-getter': (node) => !isOwnElement(receiver(node)),
  // textContent / innerHTML setters, insertBefore, removeChild: protect "the shared elements <html>, <head>, and
  // <body>". Only those receivers count.
  'distorted-node-text-content-setter': (node) => isSharedNode(receiver(node)),
  'distorted-element-inner-html-setter': (node) => isSharedNode(receiver(node)),
  'distorted-node-insertbefore': (node) => isSharedNode(receiver(node)),
  'distorted-node-removechild': (node) => isSharedNode(receiver(node)),
  // setAttribute / toggleAttribute: values are sanitized against shape-shifting objects (strings pass unchanged)
  // and some attribute names invoke another distortion; only those names count.
  'distorted-element-set-attribute': (node) => isDistortedAttribute(callOf(node)?.arguments[0]),
  'distorted-element-toggle-attribute': (node) => isDistortedAttribute(callOf(node)?.arguments[0]),
  // iframe/script src setter: throws unless http(s), about:blank or relative. Only assigned literals with another
  // scheme count (the compute host's URL is checked to be http(s) by the engine at run time).
  'distorted-html-iframe-script-element-src-setter': (node) => {
    const value = staticString(assignmentTo(node)?.right);
    return value !== undefined && /^\s*(?!https?:|about:blank)[a-z][a-z0-9+.-]*:/i.test(value);
  },
  // link rel setter: "prevents code from setting the rel property value to import".
  'distorted-html-link-element-rel-setter': (node) =>
    /^\s*import\s*$/i.test(staticString(assignmentTo(node)?.right) ?? ''),
};

/**
 * A rule that reports only what `applies` accepts.
 * @param {RuleModule} rule
 * @param {(node: any) => boolean} applies
 * @returns {RuleModule}
 */
function narrowed(rule, applies) {
  return {
    ...rule,
    create(context) {
      const filtered = Object.create(context, {
        report: {
          value: (/** @type {any} */ descriptor) => {
            if (applies(descriptor.node)) context.report(descriptor);
          },
        },
      });
      return rule.create(filtered);
    },
  };
}

// The static resource is a build output: without it the lint would quietly cover the component only.
if (!existsSync(new URL('./force-app/main/default/staticresources/crmLens.js', import.meta.url))) {
  throw new Error(
    'force-app/main/default/staticresources/crmLens.js is missing: run `node scripts/build-static-resource.mjs` first',
  );
}

const ruleNames = Object.keys(locker.rules);
const unknown = Object.keys(whereDistorted).filter((name) => !ruleNames.includes(name));
if (unknown.length > 0)
  throw new Error(`eslint.config.mjs narrows rules the plugin does not have: ${unknown}`);

/** Every rule as an error. */
const allRules = Object.fromEntries(ruleNames.map((name) => [`${PREFIX}${name}`, 'error']));

/** The plugin as the static resource is linted: the distortion rules narrowed. */
const lockerForBundle = {
  rules: Object.fromEntries(
    ruleNames.map((name) => [
      name,
      whereDistorted[name] ? narrowed(locker.rules[name], whereDistorted[name]) : locker.rules[name],
    ]),
  ),
};

export default [
  {
    // The component: LWC JavaScript with decorators, parsed by Babel; every rule as the plugin defines it.
    files: ['force-app/main/default/lwc/**/*.js'],
    ignores: ['**/__tests__/**'],
    languageOptions: {
      parser: babelParser,
      parserOptions: {
        requireConfigFile: false,
        sourceType: 'module',
        babelOptions: { parserOpts: { plugins: [['decorators', { decoratorsBeforeExport: false }]] } },
      },
    },
    plugins: { '@locker/locker': locker },
    rules: allRules,
  },
  {
    // The built static resource: one classic script.
    files: ['force-app/main/default/staticresources/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'script' },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { '@locker/locker': lockerForBundle },
    rules: allRules,
  },
];
