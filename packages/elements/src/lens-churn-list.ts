// Registers <lens-churn-list>. Import this file (or define.js) to use the tag; index.js registers nothing.
import { LensChurnList } from './churn-list/churn-list.js';

export { LensChurnList };

LensChurnList.define('lens-churn-list');

declare global {
  interface HTMLElementTagNameMap {
    'lens-churn-list': LensChurnList;
  }
}
