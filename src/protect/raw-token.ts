import type { PlaceholderKind } from './protect-types.js';

/**
 * What a syntax scanner finds before tags are paired. `match` ties a closing half to its opening
 * half: `tag:b` for tags matched by name, a unique key for delimiters a scanner pairs itself
 * (Markdown emphasis, links).
 */
export type RawToken =
  | { type: 'text'; text: string }
  | { type: 'placeholder'; raw: string; kind: PlaceholderKind }
  | { type: 'open' | 'close'; raw: string; match: string };
