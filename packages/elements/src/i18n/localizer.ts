import type { MessageKey } from './en.js';
import { Formats } from './format.js';
import { catalogVersion, closestCatalog, englishMessage, type Messages } from './locale.js';
import { formatMessage, type MessageValues } from './message-format.js';

/** A churn reason as the engine sends it: a code, its figures and the English sentence. */
export interface ReasonLike {
  readonly code: string;
  readonly values: Readonly<Record<string, number>>;
  readonly text: string;
}

/**
 * Everything an element needs to speak one locale: the closest catalog's messages (`t`), Intl formats for the
 * locale itself (`format`: numbers, money, percentages, dates, relative days), and translations of the codes the
 * engine returns (tiers, bands, segments, churn reasons, rejection codes, progress stages).
 *
 * Messages come from the closest catalog (`de-CH` → English), while numbers and dates follow the exact locale
 * (`de-CH` → 1’234.5).
 */
export class Localizer {
  /** The tag of the catalog in use (`en`, `zh-CN`, …). */
  readonly language: string;
  readonly format: Formats;
  /**
   * Set while the catalog for this locale is still loading (a shipped catalog is loaded on first use): messages
   * are English until then. Elements re-render by themselves when it arrives.
   */
  readonly loading: Promise<void> | undefined;
  private readonly catalog: Messages;

  constructor(
    /** The BCP 47 locale for Intl. */
    readonly locale: string,
    /** ISO 4217 currency for money. */
    readonly currency = 'USD',
  ) {
    const { tag, catalog, loading } = closestCatalog(locale);
    this.language = tag;
    this.catalog = catalog;
    this.loading = loading;
    this.format = new Formats(locale, currency, this.message('common.none'));
  }

  /**
   * The catalog's message for a key, else the English one; the key itself when neither has it (an element that
   * did not add its English messages: see en.ts).
   */
  private message(key: MessageKey): string {
    return this.catalog[key] ?? englishMessage(key) ?? key;
  }

  /** The message for a key, its placeholders filled in. */
  t(key: MessageKey, values: MessageValues = {}): string {
    return formatMessage(this.message(key), values, this.format);
  }

  /** Whether there is a message for a key (for codes that may be new, like a segment name from a custom map). */
  has(key: string): key is MessageKey {
    return Object.hasOwn(this.catalog, key) || englishMessage(key as MessageKey) !== undefined;
  }

  /** A value-pyramid tier's name. */
  tier(tier: string): string {
    const key = `tier.${tier}`;
    return this.has(key) ? this.t(key) : tier;
  }

  /** A churn band's name. */
  band(band: string): string {
    const key = `band.${band}`;
    return this.has(key) ? this.t(key) : band;
  }

  /** An RFM segment's name (custom segment names are shown as they are). */
  segment(name: string): string {
    const key = `segment.${name}`;
    return this.has(key) ? this.t(key) : name;
  }

  /** A churn reason in words: the catalog's sentence for its code, else the engine's English text. */
  reason(reason: ReasonLike): string {
    const key = `reason.${reason.code}`;
    return this.has(key) ? this.t(key, reason.values) : reason.text;
  }

  /** Several reasons joined with the locale's separator. */
  reasons(reasons: readonly ReasonLike[] | undefined): string {
    return (reasons ?? []).map((r) => this.reason(r)).join(this.t('reason.separator'));
  }

  /** What a rejection code means. */
  rejectCode(code: string): string {
    const key = `reject.${code}`;
    return this.has(key) ? this.t(key) : code;
  }

  /** A progress stage's name. */
  stage(stage: string | undefined): string {
    const key = `stage.${stage ?? 'other'}`;
    return this.has(key) ? this.t(key) : this.t('stage.other');
  }

  /** The headline of an error code. */
  error(code: string): string {
    const key = `error.${code}`;
    return this.has(key) ? this.t(key) : this.t('error.internal');
  }
}

const cache = new Map<string, Localizer>();

/** A shared Localizer per (locale, currency). */
export function localizer(locale: string, currency = 'USD'): Localizer {
  const key = `${locale}|${currency}|${catalogVersion()}`;
  let l = cache.get(key);
  if (!l) {
    l = new Localizer(locale, currency);
    cache.set(key, l);
  }
  return l;
}
