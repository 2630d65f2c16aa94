// Registers every crm-lens element. The data source first, so widgets inside it find it at once.
import './lens-data.js';
import './lens-churn-list.js';
import './lens-rfm-heatmap.js';
import './lens-value-pyramid.js';
import './lens-customer-card.js';
import './lens-cross-sell.js';
import './lens-kpis.js';
import './lens-cohort-retention.js';
import './lens-segments.js';
import './lens-drilldown.js';
