import type { ObjectMapping, RecordFilter } from '@crm-lens/core';
import { type QueriedField, queriedFields, serverFilters } from './presets.js';

export interface GraphQLQueryOptions {
  /** Leave out `CurrencyIsoCode` (default: asked for, marked `@optional`). */
  readonly multiCurrency?: boolean;
  /** Mark fields that a record can do without `@optional` (default true; needs `lightning/graphql` or API v60+). */
  readonly optionalFields?: boolean;
}

/** The GraphQL operation name of an object's query: `crmLensAccount`. */
export const operationName = (object: string) => `crmLens${object}`;

/** A literal in GraphQL syntax (strings JSON-quoted, which GraphQL string syntax accepts). */
function literal(value: string | number | boolean): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** One filter as a UI API `where` object: `{ Order: { StatusCode: { eq: "Activated" } } }`. */
function whereOf(filter: RecordFilter): string {
  let condition: string;
  if (filter.in && filter.in.length === 1) condition = `{ eq: ${literal(filter.in[0]!)} }`;
  else if (filter.in) condition = `{ in: [${filter.in.map(literal).join(', ')}] }`;
  else if (filter.notIn && filter.notIn.length === 1) condition = `{ ne: ${literal(filter.notIn[0]!)} }`;
  else condition = `{ nin: [${(filter.notIn ?? []).map(literal).join(', ')}] }`;
  return filter.path
    .split('.')
    .reverse()
    .reduce((inner, name) => `{ ${name}: ${inner} }`, condition);
}

interface Tree {
  readonly leaves: Map<string, boolean>;
  readonly parents: Map<string, Tree>;
}

const tree = (): Tree => ({ leaves: new Map(), parents: new Map() });

function selection(node: Tree, indent: string, optional: boolean): string[] {
  const lines: string[] = [];
  for (const [name, required] of node.leaves) {
    // Ids are scalars in the UI API schema; every other field is a value wrapper ({ value displayValue }).
    if (name === 'Id') lines.push(`${indent}Id`);
    else lines.push(`${indent}${name}${optional && !required ? ' @optional' : ''} { value }`);
  }
  for (const [name, child] of node.parents) {
    lines.push(`${indent}${name} {`, ...selection(child, `${indent}  `, optional), `${indent}}`);
  }
  return lines;
}

/**
 * The UI API GraphQL query for one object, built from the fields its mapping reads (`queriedFields`) and its
 * `where` filters (sent as the query's `where`):
 *
 * ```graphql
 * query crmLensOpportunity($first: Int!, $after: String, $upperBound: Int!) {
 *   uiapi {
 *     query {
 *       Opportunity(first: $first, after: $after, upperBound: $upperBound, where: { IsWon: { eq: true } }) {
 *         edges {
 *           node {
 *             Id
 *             AccountId { value }
 *             …
 * ```
 *
 * Paged by `first` / `after` with an `upperBound` (API v59+: `first` between 200 and 2,000, up to `upperBound`
 * records in all); `totalCount` gives the progress total. Fields a record can do without are marked `@optional`, so
 * a field hidden from the user (field-level security) or missing in the org (`CurrencyIsoCode` in single-currency
 * orgs) comes back empty instead of failing the query.
 */
export function graphqlQuery(
  object: string,
  mapping: ObjectMapping,
  options: GraphQLQueryOptions = {},
): string {
  const fields: QueriedField[] = queriedFields(mapping, object, options);
  const root = tree();
  for (const { path, required } of fields) {
    const steps = path.split('.');
    let node = root;
    for (const step of steps.slice(0, -1)) {
      let child = node.parents.get(step);
      if (!child) {
        child = tree();
        node.parents.set(step, child);
      }
      node = child;
    }
    const leaf = steps.at(-1)!;
    node.leaves.set(leaf, (node.leaves.get(leaf) ?? false) || required);
  }
  const filters = serverFilters(mapping);
  const where =
    filters.length === 0
      ? ''
      : filters.length === 1
        ? `, where: ${whereOf(filters[0]!)}`
        : `, where: { and: [${filters.map(whereOf).join(', ')}] }`;
  const optional = options.optionalFields !== false;
  return [
    `query ${operationName(object)}($first: Int!, $after: String, $upperBound: Int!) {`,
    '  uiapi {',
    '    query {',
    `      ${object}(first: $first, after: $after, upperBound: $upperBound${where}) {`,
    '        edges {',
    '          node {',
    ...selection(root, '            ', optional),
    '          }',
    '        }',
    '        totalCount',
    '        pageInfo {',
    '          hasNextPage',
    '          endCursor',
    '        }',
    '      }',
    '    }',
    '  }',
    '}',
  ].join('\n');
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A UI API record node as a flat record, the shape SOQL returns, so one mapping reads both: field wrappers
 * `{ value, displayValue }` become their `value`, parent records (`Order { EffectiveDate { value } }`) are flattened
 * the same way, `Id` and other scalars stay. A wrapper whose `value` is itself an object stays an object (the mapping
 * warns `not-a-value`); a node that is not an object is returned as it is (warned `not-an-object`).
 */
export function flattenNode(node: unknown): unknown {
  if (!isPlainObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (isPlainObject(value)) out[key] = Object.hasOwn(value, 'value') ? value.value : flattenNode(value);
    else out[key] = value;
  }
  return out;
}
