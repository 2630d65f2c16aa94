/**
 * English messages: the reference catalog, `en`, made of groups (./en/*.ts). Every other catalog has exactly the
 * keys of `en` (the type system checks it, and a test checks that each translation uses the same placeholders).
 * Placeholders follow the small ICU subset of `message-format.ts`: `{n}`, `{n, percent}`, `{n, plural, one {…}
 * other {…}}`, ….
 *
 * English is not loaded as one catalog: `enShared` (./en/shared.ts) always is (i18n/locale.ts), and each element's
 * module adds its own group with `addEnglish(enValuePyramid)`, so a page (a tag file of the script-tag build)
 * carries only the messages of the elements it has. Each group is a module of its own because bundlers split by
 * module. `en` (all of them) is for the types, the tests and translators: no element imports it.
 *
 * To add a string: add it to the group of the element that shows it (or to `enShared` when several do; a group
 * for two elements, like `enPeriods`, is registered by a module both import), add its translation to `zh-cn.ts`
 * (the build fails until you do), then call `this.i18n.t('your.key', { … })` in the element. A new element gets a
 * group of its own in ./en/, added to `en` below and registered with `addEnglish` at the top of its module.
 */

import { enChurnList } from './en/churn-list.js';
import { enCohortRetention } from './en/cohort-retention.js';
import { enCrossSell } from './en/cross-sell.js';
import { enCustomerCard } from './en/customer-card.js';
import { enDrilldown } from './en/drilldown.js';
import { enKpis } from './en/kpis.js';
import { enPeriods } from './en/periods.js';
import { enRfmHeatmap } from './en/rfm-heatmap.js';
import { enSegments } from './en/segments.js';
import { enShared } from './en/shared.js';
import { enValuePyramid } from './en/value-pyramid.js';

/** Every message (the groups together): the reference catalog. Not loaded by the elements themselves. */
export const en = {
  ...enShared,
  ...enChurnList,
  ...enRfmHeatmap,
  ...enValuePyramid,
  ...enCustomerCard,
  ...enCrossSell,
  ...enPeriods,
  ...enKpis,
  ...enCohortRetention,
  ...enSegments,
  ...enDrilldown,
} as const;

/** Every message key. */
export type MessageKey = keyof typeof en;

/** A complete catalog: a message for every key. */
export type Catalog = Readonly<Record<MessageKey, string>>;
