import {
  type CustomerTable,
  type FieldMapping,
  type FieldSource,
  type IngestInput,
  type InteractionTable,
  PRESETS,
  type TransactionTable,
} from '@crm-lens/core';
import {
  type CreateEngineOptions,
  HOST_KINDS,
  type HostKind,
  type ScoreRequest,
  type ThresholdWire,
  type WireIngestOptions,
} from '@crm-lens/engine';
import type { DataInput } from '../internal/data-session.js';

/** The ingestion attributes of `<lens-data>` (strings as written in HTML). */
export interface IngestAttributes {
  readonly preset?: string | undefined;
  readonly format?: string | undefined;
  readonly delimiter?: string | undefined;
  readonly noHeader?: boolean;
  readonly decimalComma?: boolean;
  readonly dateFormat?: string | undefined;
  readonly encoding?: string | undefined;
  readonly returns?: string | undefined;
  readonly cancellationPrefix?: string | undefined;
  readonly integerIds?: boolean;
  /** Canonical field → the attribute value naming its column (or `=expression`, or `"constant"`). */
  readonly fields: Readonly<Record<string, string | undefined>>;
  readonly mapping?: FieldMapping | undefined;
  readonly ingestOptions?: WireIngestOptions | undefined;
}

/** The analysis attributes of `<lens-data>`. */
export interface AnalysisAttributes {
  readonly asOf?: string | undefined;
  readonly unit?: string | undefined;
  readonly horizonMonths?: number | undefined;
  readonly model?: string | undefined;
  readonly discountRate?: number | undefined;
  readonly currentMonths?: number | undefined;
  readonly currentThreshold?: string | undefined;
  readonly potentialThreshold?: string | undefined;
  readonly request?: ScoreRequest | undefined;
}

/** A configuration mistake, reported as the data source's error (code `invalid-request`). */
export class ConfigError extends Error {}

const DELIMITERS: Readonly<Record<string, string>> = {
  tab: '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
  space: ' ',
};

const FORMATS = new Set(['auto', 'csv', 'tsv', 'whitespace', 'json', 'arrow']);

/** A field attribute's value: `Column`, `=A * B` (an expression) or `"USD"` (a constant). */
function fieldSource(value: string, integer: boolean): FieldSource {
  const text = value.trim();
  if (text.startsWith('=')) return { expr: text.slice(1).trim() };
  const constant = /^"(.*)"$/.exec(text) ?? /^'(.*)'$/.exec(text);
  if (constant) return { value: constant[1]! };
  return integer ? { column: text, integer: true } : text;
}

/** `<lens-data>`'s ingestion attributes as the engine's ingestion options. */
export function ingestOptions(attributes: IngestAttributes): WireIngestOptions {
  let base: WireIngestOptions = {};
  if (attributes.preset) {
    const preset = PRESETS[attributes.preset];
    if (!preset) {
      throw new ConfigError(
        `unknown preset "${attributes.preset}"; the presets are: ${Object.keys(PRESETS).join(', ')}`,
      );
    }
    const { signal: _, onProgress: __, pause: ___, ...options } = preset.options;
    base = options;
  }
  const mapping: Record<string, FieldSource | undefined> = { ...(base.mapping ?? {}) };
  for (const [field, value] of Object.entries(attributes.fields)) {
    if (value) mapping[field] = fieldSource(value, field === 'customerId' && attributes.integerIds === true);
  }
  if (attributes.integerIds && !attributes.fields.customerId) {
    const current = mapping.customerId;
    if (typeof current === 'string') mapping.customerId = { column: current, integer: true };
    else if (current === undefined) mapping.customerId = { column: 'customerId', integer: true };
  }
  Object.assign(mapping, attributes.mapping ?? {});

  const options: Record<string, unknown> = { ...base };
  if (attributes.format) {
    if (!FORMATS.has(attributes.format)) {
      throw new ConfigError(`format must be one of ${[...FORMATS].join(', ')}, got "${attributes.format}"`);
    }
    options.format = attributes.format;
  }
  if (attributes.delimiter) {
    const named = DELIMITERS[attributes.delimiter.toLowerCase()];
    if (attributes.delimiter.toLowerCase() === 'whitespace') options.format = 'whitespace';
    else options.delimiter = named ?? attributes.delimiter;
  }
  if (attributes.noHeader) options.header = false;
  if (attributes.decimalComma) options.decimalComma = true;
  if (attributes.dateFormat) options.dateFormat = attributes.dateFormat;
  if (attributes.encoding) options.encoding = attributes.encoding;
  if (attributes.returns) {
    if (attributes.returns !== 'net' && attributes.returns !== 'exclude') {
      throw new ConfigError(`returns must be "net" or "exclude", got "${attributes.returns}"`);
    }
    options.returns = attributes.returns;
  }
  if (attributes.cancellationPrefix) options.cancellationPrefix = attributes.cancellationPrefix;
  if (Object.keys(mapping).length > 0) options.mapping = mapping;
  return { ...(options as WireIngestOptions), ...(attributes.ingestOptions ?? {}) };
}

/** `2024-06-30` or any ISO 8601 date → epoch ms (a date without time is its UTC day). */
export function parseAsOf(text: string): number {
  const t = /^\d{4}-\d{2}-\d{2}$/.test(text.trim())
    ? Date.parse(`${text.trim()}T00:00:00Z`)
    : Date.parse(text);
  if (Number.isNaN(t)) throw new ConfigError(`as-of must be a date such as 2024-06-30, got "${text}"`);
  return t;
}

/** `median`, `p80` / `80%` (a percentile) or a number (an absolute value). */
export function parseThreshold(text: string, name: string): ThresholdWire {
  const value = text.trim().toLowerCase();
  if (value === 'median') return { kind: 'median' };
  const percentile = /^p(\d+(?:\.\d+)?)$/.exec(value) ?? /^(\d+(?:\.\d+)?)%$/.exec(value);
  if (percentile) {
    const p = Number(percentile[1]) / 100;
    if (p < 0 || p > 1) throw new ConfigError(`${name}: a percentile must be within 0…100`);
    return { kind: 'percentile', p };
  }
  const absolute = Number(value);
  if (value !== '' && Number.isFinite(absolute)) return { kind: 'absolute', value: absolute };
  throw new ConfigError(`${name} must be "median", a percentile such as "p80", or a number; got "${text}"`);
}

const positive = (value: number | undefined, name: string) => {
  if (value === undefined || Number.isNaN(value)) return undefined;
  if (!(value > 0)) throw new ConfigError(`${name} must be a positive number, got ${value}`);
  return value;
};

/** `<lens-data>`'s analysis attributes as the engine's scoring request. */
export function scoreRequest(attributes: AnalysisAttributes): ScoreRequest {
  const request: Record<string, unknown> = {};
  if (attributes.asOf) request.asOf = parseAsOf(attributes.asOf);
  if (attributes.unit) {
    if (!['day', 'week', 'month'].includes(attributes.unit)) {
      throw new ConfigError(`unit must be day, week or month, got "${attributes.unit}"`);
    }
    request.unit = attributes.unit;
  }
  const months = positive(attributes.horizonMonths, 'horizon-months');
  if (months !== undefined) request.horizon = { months };
  if (attributes.model) {
    if (attributes.model !== 'bg-nbd' && attributes.model !== 'pareto-nbd') {
      throw new ConfigError(`model must be bg-nbd or pareto-nbd, got "${attributes.model}"`);
    }
    request.model = attributes.model;
  }
  if (attributes.discountRate !== undefined && !Number.isNaN(attributes.discountRate)) {
    if (!(attributes.discountRate > -1)) throw new ConfigError('discount-rate must be above −1');
    request.annualDiscountRate = attributes.discountRate;
  }
  const current = positive(attributes.currentMonths, 'current-months');
  if (current !== undefined) {
    if (!Number.isInteger(current)) throw new ConfigError('current-months must be a whole number');
    request.currentMonths = current;
  }
  const thresholds: Record<string, ThresholdWire> = {};
  if (attributes.currentThreshold) {
    thresholds.current = parseThreshold(attributes.currentThreshold, 'current-threshold');
  }
  if (attributes.potentialThreshold) {
    thresholds.potential = parseThreshold(attributes.potentialThreshold, 'potential-threshold');
  }
  if (Object.keys(thresholds).length > 0) request.thresholds = thresholds;
  return { ...(request as ScoreRequest), ...(attributes.request ?? {}) };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function isCanonical(value: unknown, kind: string): boolean {
  return isObject(value) && value.kind === kind && typeof value.length === 'number';
}

/** The data properties of `<lens-data>`. */
export interface DataProperties {
  readonly src?: string | undefined;
  readonly transactions?: unknown;
  readonly customers?: unknown;
  readonly interactions?: unknown;
}

/**
 * What to load: the `.transactions` property wins over `src`. Canonical tables go to the engine as they are;
 * row objects and columns are ingested in the engine (`rows`, `columns`), unless customers or interactions
 * that still need ingesting come with them (then all three are ingested on the page first).
 */
export function dataInput(data: DataProperties, options: WireIngestOptions): DataInput | undefined {
  const { transactions, customers, interactions } = data;
  if (transactions !== undefined && transactions !== null) {
    if (isCanonical(transactions, 'transactions')) {
      const extra = (value: unknown, kind: string) => {
        if (value === undefined || value === null) return undefined;
        if (!isCanonical(value, kind)) {
          throw new ConfigError(
            `.${kind} must be a canonical ${kind} table when .transactions is one (ingest them together as rows or columns instead)`,
          );
        }
        return value;
      };
      const c = extra(customers, 'customers') as CustomerTable | undefined;
      const i = extra(interactions, 'interactions') as InteractionTable | undefined;
      return {
        kind: 'engine',
        input: {
          kind: 'tables',
          transactions: transactions as TransactionTable,
          ...(c ? { customers: c } : {}),
          ...(i ? { interactions: i } : {}),
        },
      };
    }
    if (!isObject(transactions)) {
      throw new ConfigError('.transactions must be an array of row objects, columns or a canonical table');
    }
    if ((customers ?? undefined) !== undefined || (interactions ?? undefined) !== undefined) {
      return {
        kind: 'local',
        transactions: transactions as IngestInput,
        ...(customers ? { customers: customers as IngestInput } : {}),
        ...(interactions ? { interactions: interactions as IngestInput } : {}),
        options: { transactions: options },
      };
    }
    if (Array.isArray(transactions)) {
      return { kind: 'engine', input: { kind: 'rows', rows: transactions, options } };
    }
    return {
      kind: 'engine',
      input: { kind: 'columns', columns: transactions as Record<string, ArrayLike<unknown>>, options },
    };
  }
  if (data.src) {
    const url = new URL(data.src, globalThis.document?.baseURI ?? globalThis.location?.href).href;
    return { kind: 'engine', input: { kind: 'url', url, options } };
  }
  return undefined;
}

/** The engine attributes of `<lens-data>`, and what they are merged with. */
export interface EngineAttributes {
  /** `hosts`: host kinds separated by spaces, in the order to try them. */
  readonly hosts?: string | undefined;
  /** `compute-url`: the iframe compute host page (`iframeUrl`). */
  readonly computeUrl?: string | undefined;
  /** `.engineOptions`, merged last. */
  readonly engineOptions?: Partial<CreateEngineOptions> | undefined;
  /** `LensData.defaultEngineOptions`, merged first. */
  readonly defaults?: CreateEngineOptions | undefined;
}

/** `hosts="blob-worker iframe in-thread"` → the host kinds, each known, in order, without repeats. */
export function parseHosts(text: string): HostKind[] {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const valid = HOST_KINDS.join(', ');
  if (words.length === 0) throw new ConfigError(`hosts must name at least one host of: ${valid}`);
  const hosts: HostKind[] = [];
  for (const word of words) {
    if (!(HOST_KINDS as readonly string[]).includes(word)) {
      throw new ConfigError(`hosts: unknown host "${word}"; the hosts are ${valid}`);
    }
    if (!hosts.includes(word as HostKind)) hosts.push(word as HostKind);
  }
  return hosts;
}

/**
 * The options `<lens-data>` creates its shared engine with: `LensData.defaultEngineOptions`, then the `hosts` and
 * `compute-url` attributes, then `.engineOptions`. Without either attribute it is `.engineOptions` as given
 * (undefined: the session's defaults), as before the attributes existed.
 */
export function engineOptions(attributes: EngineAttributes): CreateEngineOptions | undefined {
  const fromAttributes: { hosts?: HostKind[]; iframeUrl?: string } = {};
  if (attributes.hosts !== undefined && attributes.hosts !== null) {
    fromAttributes.hosts = parseHosts(attributes.hosts);
  }
  if (attributes.computeUrl) {
    try {
      fromAttributes.iframeUrl = new URL(
        attributes.computeUrl,
        globalThis.document?.baseURI ?? globalThis.location?.href,
      ).href;
    } catch {
      throw new ConfigError(`compute-url must be a URL, got "${attributes.computeUrl}"`);
    }
  }
  if (Object.keys(fromAttributes).length === 0) return attributes.engineOptions;
  const options: CreateEngineOptions = {
    ...attributes.defaults,
    ...fromAttributes,
    ...attributes.engineOptions,
  };
  if (options.hosts?.includes('iframe') && options.iframeUrl === undefined) {
    throw new ConfigError(
      'hosts names iframe, but no compute-url says where the iframe compute host page is',
    );
  }
  return options;
}
