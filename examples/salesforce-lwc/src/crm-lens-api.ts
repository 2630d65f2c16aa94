// The global API of the Salesforce static resource (`crmLens`, defined by static-resource.ts), without the tags:
// engine options and the Salesforce adapter. Kept apart from the tags so that the component's Jest tests can load
// this same code (test/jest/global-setup.cjs bundles it) while the tags stay out of jsdom.
import {
  beginPkceLogin,
  collectSalesforce,
  completePkceLogin,
  type GraphQLRunner,
  isSalesforcePreset,
  SALESFORCE_PRESETS,
  type SalesforceAdapterOptions,
  type SalesforceObject,
  type SalesforcePreset,
  salesforceGraphQLQuery,
  salesforceObjects,
  type TokenProvider,
} from '@crm-lens/adapter-salesforce';
import type { CreateEngineOptions } from '../../../packages/engine/src/create-engine.js';

/** The tags this build defines (packages/elements/src/define.ts). */
const TAGS = Object.freeze([
  'lens-data',
  'lens-churn-list',
  'lens-rfm-heatmap',
  'lens-value-pyramid',
  'lens-customer-card',
  'lens-cross-sell',
  'lens-kpis',
  'lens-cohort-retention',
  'lens-segments',
  'lens-drilldown',
]);

export interface EngineChoice {
  /** URL of the compute host page (`crm-lens.compute.html` on another origin); empty or absent: in-thread. */
  readonly computeUrl?: string | null;
  /** The origin that page must have (default: the URL's). */
  readonly computeOrigin?: string | null;
  /** Where the hidden compute iframe goes (default: the document's body): give the component's own container. */
  readonly parent?: Element | ShadowRoot;
}

function engineOptions(choice: EngineChoice = {}): CreateEngineOptions {
  const url = typeof choice.computeUrl === 'string' ? choice.computeUrl.trim() : '';
  if (url === '') return { hosts: ['in-thread'] };
  return {
    hosts: ['iframe', 'in-thread'],
    iframeUrl: url,
    ...(choice.computeOrigin ? { iframeOrigin: choice.computeOrigin } : {}),
    ...(choice.parent ? { iframeParent: choice.parent } : {}),
  };
}

/** What the read functions take besides the mode. */
type ReadOptions = Omit<SalesforceAdapterOptions, 'graphql' | 'rest' | 'preset'> & {
  readonly preset?: string | null;
  readonly signal?: AbortSignal;
  /** Called with every page's progress (object, step/steps, records, rows, skipped, total). */
  readonly onProgress?: (progress: Awaited<ReturnType<typeof collectSalesforce>>['objects'][number]) => void;
};

function preset(name: string | null | undefined): SalesforcePreset {
  const value = name ?? 'opportunities';
  if (!isSalesforcePreset(value)) {
    throw new TypeError(
      `unknown preset "${value}"; the presets are: ${Object.keys(SALESFORCE_PRESETS).join(', ')}`,
    );
  }
  return value;
}

function read(options: ReadOptions, mode: Pick<SalesforceAdapterOptions, 'graphql' | 'rest'>) {
  const { onProgress, preset: name, ...rest } = options;
  return collectSalesforce({
    ...rest,
    ...mode,
    preset: preset(name),
    ...(onProgress ? { onPage: (page) => onProgress(page.progress) } : {}),
  });
}

/** The `crmLens` global of this build. */
export function crmLensApi(version: string) {
  return Object.freeze({
    version,
    tags: TAGS,
    engineOptions,
    salesforce: Object.freeze({
      presets: Object.freeze(Object.keys(SALESFORCE_PRESETS)),
      objects: (name?: string | null) => salesforceObjects({ preset: preset(name) }),
      graphqlQuery: (
        object: SalesforceObject,
        options?: { multiCurrency?: boolean; optionalFields?: boolean },
      ) => salesforceGraphQLQuery(object, options),
      readGraphQL: (options: ReadOptions & { readonly runQuery: GraphQLRunner }) => {
        const { runQuery, ...rest } = options;
        return read(rest, { graphql: runQuery });
      },
      readRest: (
        options: ReadOptions & {
          readonly instanceUrl: string;
          readonly token: TokenProvider;
          readonly apiVersion?: string;
          readonly api?: 'soql' | 'graphql';
        },
      ) => {
        const { instanceUrl, token, apiVersion, api: restApi, ...rest } = options;
        return read(rest, {
          rest: {
            instanceUrl,
            token,
            ...(apiVersion ? { apiVersion } : {}),
            ...(restApi ? { api: restApi } : {}),
          },
        });
      },
      beginPkceLogin,
      completePkceLogin,
    }),
  });
}

export type CrmLensGlobal = ReturnType<typeof crmLensApi>;
