// crm-lens in a Lightning page: loads the crm-lens static resource (one classic script that defines the <lens-…>
// tags and the `crmLens` global), reads the org through the GraphQL wire adapter with the user's own access
// (cursor paging: each page re-issues the wire with the previous page's endCursor), and hands the canonical rows to
// a <lens-data> element it creates, with the chosen widgets inside, in its lwc:dom="manual" container.

import CRM_LENS from '@salesforce/resourceUrl/crmLens';
import { graphql } from 'lightning/graphql';
import { loadScript } from 'lightning/platformResourceLoader';
import { api, LightningElement, wire } from 'lwc';
import { QUERIES } from './queries';

/** Widget names of the `widgets` property → their tags. */
const WIDGETS = {
  'value-pyramid': 'lens-value-pyramid',
  'rfm-heatmap': 'lens-rfm-heatmap',
  'churn-list': 'lens-churn-list',
  kpis: 'lens-kpis',
  segments: 'lens-segments',
  'cohort-retention': 'lens-cohort-retention',
  'cross-sell': 'lens-cross-sell',
  drilldown: 'lens-drilldown',
};

/** Each component gets an engine of its own (its compute iframe lives in its own container). */
let instances = 0;

const plural = (n, word) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

export default class CrmLens extends LightningElement {
  /** What counts as a purchase: `opportunities` (won), `orders` or `order-items` (activated orders). */
  @api preset = 'opportunities';
  /** ISO 4217 code the widgets show amounts in (mixed currencies are passed through unconverted). */
  @api currency = '';
  /** Comma-separated widget names (see WIDGETS). */
  @api widgets = 'value-pyramid,rfm-heatmap,churn-list';
  /** Optional URL of the crm-lens compute host page on another origin; empty: compute in this page. */
  @api computeUrl = '';
  /** Records per GraphQL page (200–2,000). */
  @api pageSize = 2000;

  /** loading | ready | empty | error (also `data-state` of the status line). */
  state = 'loading';
  message = 'Loading crm-lens…';

  /** The query and variables the wire runs; undefined until the adapter asks for a page (the wire waits). */
  graphqlQuery;
  graphqlVariables;

  /** The page the adapter waits for: { object, resolve, reject }. */
  pending;
  started = false;
  controller;
  lensData;

  @wire(graphql, { query: '$graphqlQuery', variables: '$graphqlVariables' })
  wiredPage(result) {
    const pending = this.pending;
    if (!pending || !result) return;
    const { data, errors } = result;
    if (data === undefined && errors === undefined) return; // nothing yet
    const hasErrors = Array.isArray(errors) && errors.length > 0;
    const connection = data?.uiapi?.query ? data.uiapi.query[pending.object] : undefined;
    // A value for another object's query (the wire re-emitting the previous one) is not our page.
    if (!connection && !hasErrors) return;
    this.pending = undefined;
    pending.resolve({ data, errors });
  }

  /** The adapter's GraphQL runner: re-issue the wire for `object` with these variables; resolve with its value. */
  runQuery = (request) =>
    new Promise((resolve, reject) => {
      if (!Object.hasOwn(QUERIES, request.object)) {
        reject(new Error(`crmLens has no GraphQL query for ${request.object}`));
        return;
      }
      if (this.pending) this.pending.reject(new Error('superseded by another query'));
      this.pending = { object: request.object, resolve, reject };
      this.graphqlQuery = QUERIES[request.object];
      // A new object every time, so the wire sees a change even for the same cursor.
      this.graphqlVariables = {
        first: request.variables.first,
        after: request.variables.after,
        upperBound: request.variables.upperBound,
      };
    });

  renderedCallback() {
    if (this.started) return;
    this.started = true;
    this.start();
  }

  disconnectedCallback() {
    if (this.controller) this.controller.abort();
    if (this.pending) {
      this.pending.reject(new Error('the component was removed'));
      this.pending = undefined;
    }
  }

  say(state, message) {
    this.state = state;
    this.message = message;
  }

  async start() {
    try {
      await loadScript(this, CRM_LENS);
    } catch (_error) {
      this.say(
        'error',
        'crm-lens could not load its static resource (crmLens). Ask your administrator to deploy it.',
      );
      return;
    }
    const crmLens = window.crmLens;
    if (!crmLens?.salesforce) {
      this.say(
        'error',
        'The crmLens static resource loaded but did not start (is it the crm-lens build for Salesforce?).',
      );
      return;
    }
    this.controller = new AbortController();
    const signal = this.controller.signal;
    const container = this.template.querySelector('.crm-lens-container');
    try {
      this.lensData = this.createWidgets(crmLens, container);
      this.say('loading', 'Reading Salesforce…');
      const collected = await crmLens.salesforce.readGraphQL({
        runQuery: this.runQuery,
        preset: this.preset,
        pageSize: Number(this.pageSize) || 2000,
        signal,
        onProgress: (progress) => {
          this.say(
            'loading',
            `Reading ${progress.object} (${progress.step + 1}/${progress.steps}): ${plural(progress.records, 'record')}…`,
          );
        },
      });
      if (signal.aborted) return;
      this.handOver(collected);
    } catch (error) {
      if (signal.aborted) return;
      const detail = error && error.name === 'AdapterError' ? error.message : 'the data could not be read';
      this.say('error', `Salesforce: ${detail}`);
    }
  }

  /** <lens-data> with the widgets inside, in the manual container. */
  createWidgets(crmLens, container) {
    const data = document.createElement('lens-data');
    data.engineOptions = crmLens.engineOptions({ computeUrl: this.computeUrl, parent: container });
    instances += 1;
    data.engineKey = `crm-lens-salesforce-${instances}`;
    if (this.currency) data.currency = this.currency;
    data.addEventListener('lens-data-error', (event) => {
      const code = event.detail?.code ? ` (${event.detail.code})` : '';
      this.say('error', `crm-lens could not analyse the data${code}.`);
    });
    const names = String(this.widgets || '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => Object.hasOwn(WIDGETS, name));
    for (const name of names) data.appendChild(document.createElement(WIDGETS[name]));
    container.appendChild(data);
    return data;
  }

  /** The canonical rows to <lens-data>; the counts (never record values) to the status line. */
  handOver(collected) {
    const { input, objects } = collected;
    const data = this.lensData;
    if (input.transactions.length === 0) {
      this.say('empty', 'No purchases were found in Salesforce that you can read: nothing to analyse yet.');
      return;
    }
    data.customers = input.customers || [];
    data.interactions = input.interactions || [];
    data.transactions = input.transactions;
    const skipped = objects.reduce((n, o) => n + o.skipped, 0);
    this.say(
      'ready',
      `Read ${plural(input.transactions.length, 'purchase')}, ${plural((input.customers || []).length, 'customer')} and ${plural((input.interactions || []).length, 'interaction')} from Salesforce` +
        (skipped > 0 ? ` · ${plural(skipped, 'record')} left out (a required field was empty)` : ''),
    );
  }
}
