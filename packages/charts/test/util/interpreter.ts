// The elements parse with `ast: true` and evaluate with vega-interpreter (no `unsafe-eval`); the tests do the same.
export { expressionInterpreter } from 'vega-interpreter';
