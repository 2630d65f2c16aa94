// Translations and locale-aware formatting shared by every element.
export { type Catalog, en, type MessageKey } from './en.js';
export { Formats } from './format.js';
export {
  addEnglish,
  availableLocales,
  canonicalLocale,
  closestCatalog,
  loadCatalog,
  type Messages,
  onCatalogChange,
  registerCatalog,
  resolveLocale,
} from './locale.js';
export { Localizer, localizer, type ReasonLike } from './localizer.js';
export {
  checkMessage,
  formatMessage,
  type MessageFormats,
  type MessageValues,
  messageArguments,
} from './message-format.js';
