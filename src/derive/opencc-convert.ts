import { createRequire } from 'node:module';

// Loaded on first use (its dictionaries are large): a run that converts nothing never pays for them.
let opencc: typeof import('opencc-js') | undefined;

/** The OpenCC targets Tilmash offers: Taiwan (characters), Taiwan with phrases (软件 → 軟體), Hong Kong. */
export type OpenccVariant = 'tw' | 'twp' | 'hk';

const converters = new Map<OpenccVariant, (text: string) => string>();

/**
 * Simplified Chinese (mainland) → Traditional, phrase-level (OpenCC's segmentation and phrase
 * dictionaries: 头发 → 頭髮, 后来 → 後來). Each converter is built on first use (its dictionaries
 * take a few hundred milliseconds) and kept.
 */
export function simplifiedToTraditional(text: string, variant: OpenccVariant): string {
  const known = converters.get(variant);
  if (known) return known(text);
  opencc ??= createRequire(import.meta.url)('opencc-js') as typeof import('opencc-js');
  const made = opencc.Converter({ from: 'cn', to: variant }) as (text: string) => string;
  converters.set(variant, made);
  return made(text);
}
