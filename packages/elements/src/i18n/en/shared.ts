// English messages: one group of the reference catalog (i18n/en.ts explains the groups).
/** The messages every element may show: the engine's codes (tiers, bands, segments, churn reasons, stages,
 * errors, rejections), the loading/empty/error states and the data-quality report, shared words, and `<lens-data>`'s
 * status line. Always loaded (i18n/locale.ts). */
export const enShared = {
  // Tiers of the customer value pyramid.
  'tier.platinum': 'Platinum',
  'tier.gold': 'Gold',
  'tier.iron': 'Iron',
  'tier.lead': 'Lead',
  'tier.customers': '{tier} customers',

  // Churn-risk bands.
  'band.low': 'Low',
  'band.medium': 'Medium',
  'band.high': 'High',
  'band.risk': '{band} risk',

  // RFM segments (core's default segment map).
  'segment.Champions': 'Champions',
  'segment.Potential Loyalist': 'Potential Loyalist',
  'segment.Loyal Customers': 'Loyal Customers',
  'segment.Promising': 'Promising',
  'segment.New Customers': 'New Customers',
  "segment.Can't Lose Them": "Can't Lose Them",
  'segment.At Risk': 'At Risk',
  'segment.Need Attention': 'Need Attention',
  'segment.About To Sleep': 'About To Sleep',
  'segment.Lost': 'Lost',
  'segment.Others': 'Others',

  // Churn reasons, by core's reason code; the values are the reason's figures.
  'reason.overdue': 'usually buys every {usualDays, integer} days, silent for {silentDays, integer}',
  'reason.one-time-overdue':
    'bought once, {silentDays, integer} days ago; repeat buyers usually buy again within {usualDays, integer} days',
  'reason.not-alive': 'only a {pAlive, percent} chance of still being an active customer',
  'reason.spend-decline':
    'spend down {drop, percent} in the last {months, integer} months against the {months, integer} before',
  'reason.frequency-decline':
    '{recent, plural, one {# purchase} other {# purchases}} in the last {months, integer} months, down from {previous, integer}',
  'reason.complaints':
    '{complaints, plural, one {# complaint} other {# complaints}} in the last {days, integer} days',
  'reason.low-satisfaction': 'low satisfaction: {mean, decimal} on a {min, integer}–{max, integer} scale',
  'reason.separator': '; ',

  // Stages of loading and scoring (progress).
  'stage.engine': 'Starting the analysis engine',
  'stage.ingest': 'Reading the data',
  'stage.summary': 'Summarising customers',
  'stage.rfm': 'Scoring recency, frequency and spend',
  'stage.abc': 'Ranking customers by value',
  'stage.occasions': 'Collecting purchase occasions',
  'stage.purchase-model': 'Fitting the purchase model',
  'stage.spend-model': 'Fitting the spend model',
  'stage.clv': 'Computing lifetime value',
  'stage.pyramid': 'Placing customers in tiers',
  'stage.churn': 'Assessing churn risk',
  'stage.done': 'Finishing',
  'stage.other': 'Analysing',

  // Loading, empty and error states shared by every widget.
  'state.loading': 'Loading customer data',
  'state.progress': '{stage}: {fraction, percent}',
  'state.rowsRead': '{rows, plural, one {# row read} other {# rows read}}',
  'state.idle': 'No data yet.',
  'state.idleHint': 'Place this widget inside a <lens-data> element, or link it with source="…".',
  'state.waitingFor': 'Waiting for the data source "{id}".',
  'state.empty': 'There is no data to show.',
  'state.emptyHint': 'The data source has no transactions.',
  'state.error': 'The data could not be analysed.',
  'state.retry': 'Try again',

  // Error codes (the engine's, and the widgets' own).
  'error.aborted': 'The analysis was cancelled.',
  'error.ingest': 'The data could not be read.',
  'error.unknown-dataset': 'The data is no longer loaded.',
  'error.invalid-request': 'The data or an analysis option cannot be used.',
  'error.host-unavailable': 'The analysis engine could not start.',
  'error.disposed': 'The analysis engine was shut down.',
  'error.internal': 'Something went wrong in the analysis.',
  'error.no-valid-rows': 'Every row of the data was rejected.',
  'error.details': 'Details: {message}',

  // The data-quality report.
  'quality.summary':
    '{accepted, plural, one {# row accepted} other {# rows accepted}}, {rejected, plural, one {# rejected} other {# rejected}}',
  'quality.reasons': 'Rejected because:',
  'quality.reasonCount': '{reason}: {count, number}',
  'quality.show': 'Show rejected rows',
  'quality.hide': 'Hide rejected rows',
  'quality.panel': 'Rejected rows',
  'quality.col.row': 'Row',
  'quality.col.line': 'Line',
  'quality.col.field': 'Field',
  'quality.col.value': 'Value',
  'quality.col.problem': 'Problem',
  'quality.page': 'Rows {from, integer}–{to, integer} of {total, integer}',
  'quality.previous': 'Previous rows',
  'quality.next': 'Next rows',
  'quality.loading': 'Loading rejected rows…',
  'quality.none': 'No rejected rows were kept.',
  'reject.missing-value': 'a required field is empty',
  'reject.invalid-number': 'a number could not be read',
  'reject.invalid-date': 'a date could not be read or is out of range',
  'reject.invalid-id': 'an id is not in the declared format',
  'reject.field-count': 'the row has more or fewer fields than the header',
  'reject.unterminated-quote': 'a quote opens and never closes',
  'reject.malformed-quotes': 'text follows a closing quote, or the line is not a record',
  'reject.duplicate-id': 'the same customer id appears again',
  'reject.excluded-return': 'a return or refund, excluded by the returns policy',
  'reject.excluded-cancellation': 'a cancellation, excluded by the returns policy',

  // <lens-data>'s optional status line.
  'data.label': 'Customer data',
  'data.ready':
    '{customers, plural, one {# customer} other {# customers}} from {transactions, plural, one {# transaction} other {# transactions}}',
  'data.rejected': '{rejected, plural, one {# row rejected} other {# rows rejected}}',
  'host.module-worker': 'computed in a background worker',
  'host.blob-worker': 'computed in a background worker',
  'host.iframe': 'computed in a separate compute page',
  'host.in-thread': 'computed in the page',

  // Shared words.
  'common.none': '—',
  'common.close': 'Close',
} as const;
