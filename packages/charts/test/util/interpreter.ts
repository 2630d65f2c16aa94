// vega-interpreter is a dependency of @crm-lens/elements, the package that runs vega in pages, and not of
// charts; rather than install a second copy, the tests load the elements package's own.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const requireFromElements = createRequire(new URL('../../../elements/package.json', import.meta.url));
const modulePath = requireFromElements.resolve('vega-interpreter');

/** vega-interpreter's `expressionInterpreter`: evaluates parsed expression ASTs without `Function`. */
export const { expressionInterpreter } = (await import(pathToFileURL(modulePath).href)) as {
  expressionInterpreter: object;
};
