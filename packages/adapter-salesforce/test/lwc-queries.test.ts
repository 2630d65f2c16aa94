// The crmLens Lightning Web Component (examples/salesforce-lwc) keeps one static `gql` document per object, as the
// GraphQL wire adapter needs; their text must be what this adapter generates, or the wire would return fields the
// mappings do not read (or miss ones they do). UPDATE_LWC_QUERIES=1 rewrites the component's queries.js.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type SalesforceObject, salesforceGraphQLQuery } from '../src/index.js';

const FILE = new URL(
  '../../../examples/salesforce-lwc/force-app/main/default/lwc/crmLens/queries.js',
  import.meta.url,
);
const OBJECTS: SalesforceObject[] = [
  'Account',
  'Contact',
  'Opportunity',
  'Order',
  'OrderItem',
  'Task',
  'Event',
  'Case',
];

/** `Name: gql\`…\`` entries of the file, their text without the common indentation. */
function staticQueries(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of source.matchAll(/^\s*(\w+): gql`([^`]*)`/gm)) {
    const lines = match[2]!.split('\n').filter((line) => line.trim() !== '');
    const indent = Math.min(...lines.map((line) => /^ */.exec(line)![0].length));
    out[match[1]!] = lines.map((line) => line.slice(indent)).join('\n');
  }
  return out;
}

function render(): string {
  const header = readFileSync(FILE, 'utf8').split('export const QUERIES')[0]!;
  const entries = OBJECTS.map((object) => {
    const body = salesforceGraphQLQuery(object)
      .split('\n')
      .map((line) => `    ${line}`)
      .join('\n');
    return `  ${object}: gql\`\n${body}\n  \`,\n`;
  });
  return `${header}export const QUERIES = {\n${entries.join('')}};\n`;
}

describe('the crmLens component queries', () => {
  if (process.env.UPDATE_LWC_QUERIES) writeFileSync(FILE, render());

  it('has one static gql document per object, with the text the adapter generates', () => {
    const queries = staticQueries(readFileSync(FILE, 'utf8'));
    expect(Object.keys(queries)).toEqual(OBJECTS);
    for (const object of OBJECTS) expect(queries[object], object).toBe(salesforceGraphQLQuery(object));
  });
});
