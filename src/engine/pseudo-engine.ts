import type { TranslatedSegment, TranslationEngine, TranslationRequest } from './translation-engine.js';

const ACCENTED: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ĺ', m: 'ɱ',
  n: 'ñ', o: 'ó', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ĺ', M: 'Ṁ',
  N: 'Ñ', O: 'Ó', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};
const CYRILLIC = 'а:a б:b в:v г:g д:d е:e ё:yo ж:zh з:z и:i й:j к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:h ц:c ч:ch ш:sh щ:shch ъ: ы:y ь: э:e ю:yu я:ya';
const LATIN_OF = new Map(CYRILLIC.split(' ').map((pair) => pair.split(':') as [string, string]));

/** Pseudo-locales only: a pseudo engine must never write into a real locale. */
export const isPseudoLocale = (locale: string): boolean => /-(XA|XB)$/i.test(locale) || /^qps/i.test(locale);

/**
 * Pseudo-localization: every letter accented (Cyrillic transliterated first), the text padded by
 * about 40 % (translations run longer than the source) and bracketed, so truncation, hard-coded
 * strings and encoding faults show at a glance. Deterministic, free, needs no credentials.
 */
export function pseudoLocalize(text: string, format: 'text' | 'xml' = 'text'): string {
  // With XML tag handling, tags and entities are kept as they are, like a real engine does.
  const parts = format === 'xml' ? text.split(/(<[^<>]*>|&[A-Za-z0-9#]+;)/) : [text];
  const out = parts.map((part, i) => (i % 2 === 1 ? part : accent(part))).join('');
  const padding = '·'.repeat(Math.max(1, Math.round([...text].length * 0.4)));
  return `[${out} ${padding}]`;
}

function accent(text: string): string {
  let out = '';
  for (const c of text) {
    const lower = c.toLowerCase();
    const latin = LATIN_OF.get(lower);
    const base = latin === undefined ? c : c === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
    for (const b of base) out += ACCENTED[b] ?? b;
  }
  return out;
}

export function createPseudoEngine(): TranslationEngine {
  return {
    id: 'pseudo',
    limits: { maxSegmentsPerRequest: 50, maxRequestBytes: Number.POSITIVE_INFINITY },
    capabilities: () => ({ context: false, tagHandling: true, glossary: false, formality: false }),
    async translate(request: TranslationRequest): Promise<TranslatedSegment[]> {
      return request.segments.map((s) => ({ text: pseudoLocalize(s.text, request.format), billedCharacters: 0 }));
    },
  };
}
