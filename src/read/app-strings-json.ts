import type { OrderedJsonOptions } from '../messages/ordered-json.js';

/** How app-string sources are parsed (parseOrderedJson): what a syntax error tells the author. */
export const APP_STRINGS_JSON: OrderedJsonOptions = {
  fix: 'Fix the syntax there: app strings are strict JSON (double-quoted keys and strings, no comments, no trailing commas).',
};
