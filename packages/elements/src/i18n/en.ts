/**
 * English messages: the reference catalog. Every other catalog has exactly these keys (the type system checks
 * it, and a test checks that each translation uses the same placeholders). Placeholders follow the small ICU
 * subset of `message-format.ts`: `{n}`, `{n, percent}`, `{n, plural, one {…} other {…}}`, ….
 *
 * To add a string: add it here, add its translation to `zh-cn.ts` (the build fails until you do), then call
 * `this.i18n.t('your.key', { … })` in the element.
 */
export const en = {
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
  'host.in-thread': 'computed in the page',

  // <lens-churn-list>.
  'churn.label': 'Customers at risk of leaving',
  'churn.count': '{total, plural, =0 {No customers} one {# customer} other {# customers}}',
  'churn.filters': 'Filters',
  'churn.bands': 'Risk band',
  'churn.tiers': 'Tier',
  'churn.allTiers': 'All tiers',
  'churn.someTiers': '{count, plural, one {# tier} other {# tiers}}',
  'churn.search': 'Search customers',
  'churn.searchPlaceholder': 'Name or id',
  'churn.sort': 'Sort by {column}',
  'churn.export': 'Export CSV',
  'churn.exporting': 'Exporting…',
  'churn.col.customer': 'Customer',
  'churn.col.tier': 'Tier',
  'churn.col.risk': 'Risk',
  'churn.col.reasons': 'Reasons',
  'churn.col.lastPurchase': 'Last purchase',
  'churn.col.interval': 'Usual interval',
  'churn.col.valueAtRisk': 'Value at risk',
  'churn.col.clv': 'Lifetime value',
  'churn.csv.id': 'Customer id',
  'churn.csv.name': 'Name',
  'churn.csv.score': 'Risk score',
  'churn.csv.band': 'Risk band',
  'churn.csv.intervalDays': 'Usual interval (days)',
  'churn.csv.silenceDays': 'Days since last purchase',
  'churn.csv.currency': 'Currency',
  'churn.interval': '{days, plural, one {every day} other {every # days}}',
  'churn.silence': '{days, days}',
  'churn.risk': '{score, percent} · {band}',
  'churn.noMatch': 'No customers match these filters.',
  'churn.noReasons': 'No single reason stands out',
  'churn.loadingRow': 'Loading…',
  'churn.filename': 'customers-at-risk',

  // <lens-rfm-heatmap>.
  'heatmap.label': 'RFM heatmap',
  'heatmap.chart': 'RFM heatmap: {measure} by recency score and frequency score',
  'heatmap.options': 'Heatmap options',
  'heatmap.measure': 'Colour by',
  'heatmap.measure.monetary': 'Mean spend',
  'heatmap.measure.customers': 'Customers',
  'heatmap.measure.revenue-share': 'Share of revenue',
  'heatmap.showSegments': 'Segments',
  'heatmap.showTable': 'Table',
  'heatmap.recency': 'Recency score',
  'heatmap.frequency': 'Frequency score',
  'heatmap.col': 'R {r, integer}',
  'heatmap.colLabel': 'Recency score {r, integer}',
  'heatmap.row': 'F {f, integer}',
  'heatmap.rowLabel': 'Frequency score {f, integer}',
  'heatmap.corner': 'F \\ R',
  'heatmap.cornerLabel': 'Frequency score by recency score',
  'heatmap.caption':
    '{measure} of the customers in each cell, by recency score R (columns, {n, integer} = most recent) and frequency score F (rows, {n, integer} = most frequent). Arrow keys move, Enter selects a cell, Escape clears the selection.',
  'heatmap.cell': 'R {r, integer} · F {f, integer}',
  'heatmap.customers': '{count, plural, =0 {No customers} one {# customer} other {# customers}}',
  'heatmap.pair': '{label}: {value}',
  'heatmap.hint': 'Select a cell to list its customers.',
  'heatmap.finding': 'Finding the customers in {cell}…',
  'heatmap.selected': 'Selected {cell}: {customers} · {segments}',
  'heatmap.rescoring': 'Applying the segment map',
  'heatmap.legendSegments': 'Outlined: RFM segments',
  'heatmap.separator': ', ',

  // <lens-value-pyramid>.
  'pyramid.label': 'Customer value pyramid',
  'pyramid.views': 'Chart',
  'pyramid.view.pyramid': 'Pyramid',
  'pyramid.view.quadrant': 'Quadrant',
  'pyramid.tableToggle': 'Table',
  'pyramid.thresholds':
    'High current value: above {current, currency} · high potential value: above {potential, currency}',
  'pyramid.tiers': 'Tiers',
  'pyramid.count': '{count, plural, one {# customer} other {# customers}}',
  'pyramid.valueShare': '{share, percent} of value',
  'pyramid.tooltip':
    '{tier}: {customers, plural, one {# customer} other {# customers}} ({customerShare, percent})\nCurrent value: {current, currency} ({currentShare, percent} of all)\nPotential value: {potential, currency} ({potentialShare, percent} of all)',
  'pyramid.chartLabel': 'Value pyramid: Platinum, Gold, Iron and Lead customers',
  'pyramid.noTiers': 'No customer could be placed in a tier (no purchases up to the analysis date).',
  'pyramid.table.caption': 'Customers and value by tier',
  'pyramid.col.tier': 'Tier',
  'pyramid.col.customers': 'Customers',
  'pyramid.col.customerShare': 'Share of customers',
  'pyramid.col.current': 'Current value',
  'pyramid.col.currentShare': 'Share of current value',
  'pyramid.col.potential': 'Potential value',
  'pyramid.col.potentialShare': 'Share of potential value',
  'pyramid.col.quadrant': 'Quadrant',
  'pyramid.col.customer': 'Customer',
  'pyramid.col.gap': 'Gap to next tier',
  'pyramid.col.target': 'Next tier',
  'pyramid.above': 'above {value, currency}',
  'pyramid.atOrBelow': 'at or below {value, currency}',
  'pyramid.quadrant.caption': 'Value quadrant: customers by current and potential value',
  'pyramid.quadrant.chartLabel':
    'Value quadrant: current value against potential value, one point per customer',
  'pyramid.axis.current': 'Current value ({currency})',
  'pyramid.axis.potential': 'Potential value ({currency})',
  'pyramid.sample': 'Showing {shown, integer} of {total, integer} customers.',
  'pyramid.sampleNote': 'An even sample, plus the upgrade candidates of the selected tier.',
  'pyramid.quadrantLoading': 'Loading customers…',
  'pyramid.candidates.title': 'Upgrade candidates',
  'pyramid.candidates.caption': '{tier}: the customers closest to the next tier',
  'pyramid.candidates.hint': 'Select a tier to see its customers closest to moving up.',
  'pyramid.candidates.top': '{tier} is the top tier: there is no tier to move up to.',
  'pyramid.candidates.none': 'No customers in this tier.',
  'pyramid.candidates.loading': 'Loading upgrade candidates…',
  'pyramid.gap': '{gap, currency} more {via, select, current {current value} other {potential value}}',

  // Shared words.
  'common.none': '—',
  'common.close': 'Close',
} as const;

/** Every message key. */
export type MessageKey = keyof typeof en;

/** A complete catalog: a message for every key. */
export type Catalog = Readonly<Record<MessageKey, string>>;
