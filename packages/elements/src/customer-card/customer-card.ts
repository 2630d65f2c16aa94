import type { CustomerCard, CustomerCardQuery, Progress, SuggestionWire } from '@crm-lens/engine';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LensSuggestionOpenEvent } from '../cross-sell/cross-sell-events.js';
import { enCustomerCard } from '../i18n/en/customer-card.js';
import type { MessageKey } from '../i18n/en.js';
import { addEnglish } from '../i18n/locale.js';
import { DataController } from '../internal/data-controller.js';
import type { DataProvider } from '../internal/data-state.js';
import { LensElement } from '../internal/lens-element.js';
import { loadingState, StatesController, stateStyles } from '../internal/states.js';
import { customerCardStyles } from './customer-card.styles.js';
import { isCustomerNotFound } from './not-found.js';

// The English messages of this element (a page carries only those of the elements it has: i18n/en.ts).
addEnglish(enCustomerCard);

/** What the card shows besides the shared data states. */
export type CardView = 'choose' | 'loading' | 'not-found' | 'ready';

/**
 * @summary One customer's 360° card for a CRM record page: value tier, RFM cell and segment, lifetime value,
 * P(alive), churn risk and its reasons, usual purchase interval and the expected window of the next order, and
 * the top cross-sell suggestions with the rule behind each.
 *
 * The figures are the engine's `customerCard` for the scoring of the data source. The lifetime value comes with
 * its 90 % interval from the uncertainty of the fitted model parameters ("£1,234 (90% interval £900–£1,700)"),
 * or "no interval" when the engine gives none (e.g. a customer outside the models' calibration).
 *
 * Accessibility: a region labelled with the customer's name, the figures as a definition list, the suggestions
 * as a list of buttons (Enter or Space opens one).
 *
 * @event lens-suggestion-open - A cross-sell suggestion was activated; detail: { customerId, item, score, rule,
 *   index }.
 * @event lens-data-load - Only with its own `src`: the data was loaded and scored (see `<lens-data>`).
 * @event lens-data-error - Only with its own `src`: loading or scoring failed.
 * @event lens-progress - Only with its own `src`: progress of loading and scoring.
 *
 * @csspart base - The card (a labelled region).
 * @csspart header - Name, id and tier badge.
 * @csspart name - The customer's name (or id).
 * @csspart tier - The tier badge.
 * @csspart note - The "no purchase before the analysis date" note.
 * @csspart figures - The definition list of figures.
 * @csspart figure - One term + value pair (`data-figure` names it: tier, rfm, segment, clv, …).
 * @csspart band - The churn-band badge.
 * @csspart reasons - The list of churn reasons.
 * @csspart cross-sell - The suggestions section.
 * @csspart suggestions - The list of suggestions.
 * @csspart suggestion - One suggestion button.
 * @csspart state - The shared loading / idle / empty / error states, and the card's own: `state-choose` (no
 *   customer-id), `state-loading` (the card is being computed) and `state-not-found`.
 *
 * @cssproperty --customer-card-padding - Padding of the card (default var(--lens-space-m)).
 * @cssproperty --customer-card-columns - Minimum width of a figure column (default 14rem).
 * @cssproperty --customer-card-accent - Colour of the header rule and suggestion marker (default
 *   var(--lens-color-accent)).
 * @cssproperty --customer-card-band-high - Colour of the high band (default var(--lens-color-danger)).
 * @cssproperty --customer-card-band-medium - Colour of the medium band (default var(--lens-color-warning)).
 * @cssproperty --customer-card-band-low - Colour of the low band (default var(--lens-color-success)).
 */
export class LensCustomerCard extends LensElement {
  static override styles = [...LensElement.styles, stateStyles, customerCardStyles];

  /** The data source, given directly (wins over `source` and the enclosing `<lens-data>`). */
  @property({ attribute: false }) accessor provider: DataProvider | undefined = undefined;
  /** Id of the `<lens-data>` to use when the card is not inside it. */
  @property({ type: String, attribute: 'source' }) accessor source: string | undefined = undefined;
  /** An orders file for this card alone, when there is no `<lens-data>` (it then loads its own data). */
  @property({ type: String, attribute: 'src' }) accessor src: string | undefined = undefined;
  /** Core's preset for `src` (`cdnow-master`, `cdnow-sample`, `online-retail`). */
  @property({ type: String, attribute: 'preset' }) accessor preset: string | undefined = undefined;
  /** The customer to show, as in the data's customer id column. */
  @property({ type: String, attribute: 'customer-id' }) accessor customerId: string | undefined = undefined;
  /** Currency for money (ISO 4217); default: the data's currency, else USD. */
  @property({ type: String, attribute: 'currency' }) accessor currency: string | undefined = undefined;
  /** Cross-sell suggestions shown (0 … 100; 0 hides the section). */
  @property({ type: Number, attribute: 'cross-sell-limit' }) accessor crossSellLimit = 3;
  /** Minimum support of the rules behind the suggestions, a fraction of the orders in (0, 1]. */
  @property({ type: Number, attribute: 'min-support' }) accessor minSupport = 0.01;
  /** Minimum confidence of the rules behind the suggestions, in [0, 1]. */
  @property({ type: Number, attribute: 'min-confidence' }) accessor minConfidence = 0.2;

  /** The card of the current customer, once computed. */
  @state() private accessor card: CustomerCard | undefined = undefined;
  /** The id the data turned out not to have. */
  @state() private accessor missingId: string | undefined = undefined;
  @state() private accessor cardProgress: Progress | undefined = undefined;

  /** The data: provider, status, and the card's engine call. */
  protected readonly data = new DataController(this, { onData: () => void this.fetch() });
  protected readonly states = new StatesController(this, this.data);
  /** Bumped by every fetch: answers for an older customer are dropped. */
  private generation = 0;

  protected override get displayCurrency(): string {
    return this.currency?.toUpperCase() || this.data.currency || 'USD';
  }

  /** The engine's card currently shown (undefined while loading, without a customer, or not found). */
  get result(): CustomerCard | undefined {
    return this.card;
  }

  /** What the card shows once the data is ready. */
  get view(): CardView {
    const id = this.wantedId;
    if (!id) return 'choose';
    if (this.missingId === id) return 'not-found';
    return this.card?.id === id ? 'ready' : 'loading';
  }

  /** The query the card passes to `engine.customerCard`. */
  get cardQuery(): CustomerCardQuery {
    const limit = Math.round(this.crossSellLimit);
    if (!(limit > 0)) return { crossSell: false };
    return {
      crossSell: {
        limit: Math.min(100, limit),
        minSupport: this.minSupport,
        minConfidence: this.minConfidence,
      },
    };
  }

  private get wantedId(): string {
    return this.customerId?.trim() ?? '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.generation++;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (
      this.hasUpdated &&
      (changed.has('customerId') ||
        changed.has('crossSellLimit') ||
        changed.has('minSupport') ||
        changed.has('minConfidence'))
    ) {
      void this.fetch();
    }
  }

  private async fetch(): Promise<void> {
    const generation = ++this.generation;
    const id = this.wantedId;
    this.cardProgress = undefined;
    if (!id) {
      this.data.abort('card');
      this.card = undefined;
      return;
    }
    const query = this.cardQuery;
    const result = await this.data.run(async ({ engine, dataset, request, signal }) => {
      try {
        const onProgress = (progress: Progress) => {
          if (generation === this.generation) this.cardProgress = progress;
        };
        return { card: await engine.customerCard(dataset, request, id, query, { signal, onProgress }) };
      } catch (error) {
        if (isCustomerNotFound(error)) return { missing: id };
        throw error;
      }
    }, 'card');
    if (generation !== this.generation || !result) return;
    if ('missing' in result) {
      this.missingId = result.missing;
      this.card = undefined;
    } else {
      this.missingId = undefined;
      this.card = result.card;
    }
  }

  // ---- Rendering ------------------------------------------------------------------------------------------

  protected override render() {
    if (this.data.status !== 'ready') return this.states.render(this.i18n);
    const i18n = this.i18n;
    switch (this.view) {
      case 'choose':
        return html`<div part="state state-choose" class="state choose">
          <p class="headline">${i18n.t('card.choose')}</p>
          <p class="hint">${i18n.t('card.chooseHint')}</p>
        </div>`;
      case 'not-found':
        return html`<div part="state state-not-found" class="state not-found" role="alert">
          <p class="headline">${i18n.t('card.notFound')}</p>
          <p class="hint">${i18n.t('card.notFoundHint', { id: this.wantedId })}</p>
        </div>`;
      case 'loading':
        return this.renderLoading();
      default:
        return this.renderCard(this.card!);
    }
  }

  private renderLoading() {
    const i18n = this.i18n;
    const fraction = this.cardProgress?.fraction;
    const stage = i18n.stage(this.cardProgress?.stage);
    const text = fraction === undefined ? stage : i18n.t('state.progress', { stage, fraction });
    return loadingState(i18n.t('card.loading'), text, fraction);
  }

  private renderCard(card: CustomerCard) {
    const i18n = this.i18n;
    const f = i18n.format;
    const name = card.name ?? card.id;
    const none = i18n.t('common.none');
    const usual = card.usualIntervalDays;
    return html`<section part="base" class="base" aria-label=${i18n.t('card.label', { name })}>
      <header part="header" class="header">
        <h2 part="name" class="name">${name}</h2>
        ${card.name !== null ? html`<span class="id">${i18n.t('card.id', { id: card.id })}</span>` : nothing}
        ${
          card.tier
            ? html`<span part="tier" class=${`tier tier-${card.tier}`}>
              <span class="dot" aria-hidden="true"></span>${i18n.tier(card.tier)}
            </span>`
            : nothing
        }
      </header>
      ${
        card.scored
          ? nothing
          : html`<p part="note" class="note">${i18n.t('card.unscored', { asOf: card.asOf })}</p>`
      }
      <dl part="figures" class="figures" aria-label=${i18n.t('card.figures', { name })}>
        ${this.figure('tier', 'card.tier', card.tier ? i18n.tier(card.tier) : i18n.t('card.noTier'))}
        ${this.figure(
          'rfm',
          'card.rfm',
          card.rfm.cell
            ? i18n.t('card.rfmValue', { cell: card.rfm.cell, r: card.rfm.r, f: card.rfm.f, m: card.rfm.m })
            : none,
        )}
        ${this.figure('segment', 'card.segment', card.rfm.segment ? i18n.segment(card.rfm.segment) : none)}
        ${this.figure(
          'clv',
          'card.clv',
          html`${f.currency(card.clv)} <span class="qualifier">(${
            card.clvInterval
              ? i18n.t('card.clvInterval', {
                  level: card.clvInterval.level,
                  low: f.currency(card.clvInterval.low),
                  high: f.currency(card.clvInterval.high),
                })
              : i18n.t('card.noInterval')
          })</span>`,
        )}
        ${this.figure('current-value', 'card.currentValue', f.currency(card.currentValue))}
        ${this.figure('p-alive', 'card.pAlive', f.percent(card.pAlive))}
        ${this.figure(
          'churn',
          'card.churn',
          card.churn.band
            ? html`<span part="band" class=${`band band-${card.churn.band}`}>
              <span class="dot" aria-hidden="true"></span>${i18n.t('card.churnValue', {
                score: card.churn.score,
                band: i18n.band(card.churn.band),
              })}
            </span>`
            : none,
        )}
        ${this.figure(
          'reasons',
          'card.reasons',
          card.churn.reasons.length > 0
            ? html`<ul part="reasons" class="reasons">
              ${card.churn.reasons.map((reason) => html`<li>${i18n.reason(reason)}</li>`)}
            </ul>`
            : i18n.t('card.noReasons'),
        )}
        ${this.figure('value-at-risk', 'card.valueAtRisk', f.currency(card.churn.valueAtRisk))}
        ${this.figure(
          'purchases',
          'card.purchases',
          card.scored
            ? i18n.t('card.purchasesValue', {
                count: card.rfm.frequency,
                last: card.lastPurchase,
                silence: card.silenceDays,
              })
            : none,
        )}
        ${this.figure(
          'interval',
          'card.interval',
          Number.isFinite(usual)
            ? i18n.t('card.intervalValue', { days: Math.max(1, Math.round(usual)) })
            : none,
        )}
        ${this.figure('next-order', 'card.nextOrder', this.renderNextOrder(card))}
      </dl>
      ${this.renderCrossSell(card)}
    </section>`;
  }

  private figure(key: string, label: MessageKey, value: string | TemplateResult) {
    return html`<div part="figure" class="figure" data-figure=${key}>
      <dt>${this.i18n.t(label)}</dt>
      <dd>${value}</dd>
    </div>`;
  }

  private renderNextOrder(card: CustomerCard) {
    const next = card.nextOrder;
    if (!next) return this.i18n.t('card.noNextOrder');
    const overdue = Math.floor(next.overdueDays);
    return html`${this.i18n.t('card.nextOrderWindow', { from: next.from, to: next.to })}${
      overdue > 0
        ? html` <span class="overdue">(${this.i18n.t('card.overdue', { days: overdue })})</span>`
        : nothing
    }`;
  }

  private renderCrossSell(card: CustomerCard) {
    if (!(this.crossSellLimit > 0)) return nothing;
    const i18n = this.i18n;
    const suggestions = card.crossSell;
    return html`<section part="cross-sell" class="cross-sell" aria-labelledby="cross-sell-title">
      <h3 id="cross-sell-title" class="section-title">${i18n.t('card.crossSell')}</h3>
      ${
        suggestions === null
          ? html`<p class="muted">${i18n.t('card.noBaskets')}</p>`
          : suggestions.length === 0
            ? html`<p class="muted">${i18n.t('card.noSuggestions')}</p>`
            : html`<ol part="suggestions" class="suggestions">
              ${suggestions.map(
                (s, index) => html`<li>
                  <button
                    type="button"
                    part="suggestion"
                    class="suggestion"
                    data-item=${s.item}
                    @click=${() => this.openSuggestion(card, s, index)}
                  >
                    <span class="item">${s.item}</span>
                    <span class="because">
                      ${i18n.t('card.because', {
                        antecedent: s.rule.antecedent.join(i18n.t('card.itemSeparator')),
                        confidence: s.rule.confidence,
                        lift: s.rule.lift,
                      })}
                    </span>
                  </button>
                </li>`,
              )}
            </ol>`
      }
    </section>`;
  }

  private openSuggestion(card: CustomerCard, suggestion: SuggestionWire, index: number): void {
    const { antecedent, consequent, support, confidence, lift } = suggestion.rule;
    this.dispatchEvent(
      new LensSuggestionOpenEvent({
        customerId: card.id,
        item: suggestion.item,
        score: suggestion.score,
        rule: { antecedent: [...antecedent], consequent: [...consequent], support, confidence, lift },
        index,
      }),
    );
  }
}
