// English messages: one group of the reference catalog (i18n/en.ts explains the groups).
/** `<lens-cross-sell>` (cross-sell/cross-sell.ts). */
export const enCrossSell = {
  // <lens-cross-sell>.
  'crossSell.label': 'Cross-selling',
  'crossSell.rules': 'Association rules',
  'crossSell.caption':
    '{shown, integer} of {total, plural, one {# rule} other {# rules}} from {baskets, plural, one {# order} other {# orders}} (support ≥ {minSupport}, confidence ≥ {minConfidence}, lift ≥ {minLift}). Arrow keys move, Enter selects a rule.',
  'crossSell.col.antecedent': 'If bought',
  'crossSell.col.consequent': 'Then also',
  'crossSell.col.support': 'Support',
  'crossSell.col.confidence': 'Confidence',
  'crossSell.col.lift': 'Lift',
  'crossSell.sort': 'Sort by {column}',
  'crossSell.loading': 'Finding association rules',
  'crossSell.noRules': 'No rules at these thresholds. Try a lower minimum support or confidence.',
  'crossSell.noBaskets': 'Cross-selling needs order ids and products, and this data has none.',
  'crossSell.suggestions': 'Suggestions',
  'crossSell.suggestionsFor': 'Suggestions for {customer}',
  'crossSell.hint': 'Select a customer to see the products to suggest to them, and the rule behind each.',
  'crossSell.suggestionsLoading': 'Finding suggestions for {customer}…',
  'crossSell.noSuggestions': 'No rule applies to the purchases of {customer}.',
  'crossSell.notFound': 'Customer not found: the data has no customer with the id "{id}".',
  'crossSell.because':
    'because of {antecedent} ⇒ {consequent}: confidence {confidence, percent}, lift {lift, decimal}',
  'crossSell.score': 'score {score, decimal}',
  'crossSell.clear': 'Clear customer',
  'crossSell.itemSeparator': ' + ',
} as const;
