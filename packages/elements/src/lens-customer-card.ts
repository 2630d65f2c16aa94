// Registers <lens-customer-card>. Import this file (or define.js) to use the tag; index.js registers nothing.
import { LensCustomerCard } from './customer-card/customer-card.js';

export { LensCustomerCard };

LensCustomerCard.define('lens-customer-card');

declare global {
  interface HTMLElementTagNameMap {
    'lens-customer-card': LensCustomerCard;
  }
}
