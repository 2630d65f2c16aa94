/** An association rule as the widgets hand it out: `antecedent ⇒ consequent` and its measures. */
export interface LensRule {
  /** Product ids bought together (the "if" side). */
  readonly antecedent: readonly string[];
  /** The product ids suggested by it (one item: core's rules have single-item consequents). */
  readonly consequent: readonly string[];
  /** Share of all orders holding antecedent and consequent together, in [0, 1]. */
  readonly support: number;
  /** Share of the orders with the antecedent that also hold the consequent, in [0, 1]. */
  readonly confidence: number;
  /** Confidence over the consequent's own share of orders (1 = no association). */
  readonly lift: number;
}

/** The rule a person chose in `<lens-cross-sell>`'s table. */
export interface LensRuleSelectDetail {
  /** The rule, or null when the selection was cleared (Escape). */
  readonly rule: LensRule | null;
  /** Position of the rule in the engine's order (lift, confidence, support), 0-based; −1 when cleared. */
  readonly index: number;
}

/** A rule of `<lens-cross-sell>` was selected (Enter, Space, click) or the selection cleared (Escape). */
export class LensRuleSelectEvent extends Event {
  static readonly eventName = 'lens-rule-select';
  constructor(readonly detail: LensRuleSelectDetail) {
    super(LensRuleSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The suggestion a person chose to act on. */
export interface LensSuggestionOpenDetail {
  /** The customer the suggestion is for. */
  readonly customerId: string;
  /** The suggested product id. */
  readonly item: string;
  /** The engine's score: the rule's confidence × lift. */
  readonly score: number;
  /** The rule behind the suggestion. */
  readonly rule: LensRule;
  /** Position of the suggestion in the customer's list (best first), 0-based. */
  readonly index: number;
}

/** A cross-sell suggestion was activated (click, Enter, Space) in `<lens-cross-sell>` or `<lens-customer-card>`. */
export class LensSuggestionOpenEvent extends Event {
  static readonly eventName = 'lens-suggestion-open';
  constructor(readonly detail: LensSuggestionOpenDetail) {
    super(LensSuggestionOpenEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'lens-rule-select': LensRuleSelectEvent;
    'lens-suggestion-open': LensSuggestionOpenEvent;
  }
}
