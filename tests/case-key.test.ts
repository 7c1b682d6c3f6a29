import { describe, expect, it } from 'vitest';
import { CaseGroups, caseHash } from '../src/read/case-key.js';

describe('caseHash is a function of the lower-cased text', () => {
  it('lower-casing keeps BMP units in the BMP and astral code points astral; only İ grows', () => {
    const wrong: string[] = [];
    for (let code = 0; code < 0x110000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const lower = String.fromCodePoint(code).toLowerCase();
      const units = Array.from({ length: lower.length }, (_, i) => lower.charCodeAt(i));
      const surrogates = units.filter((u) => u >= 0xd800 && u <= 0xdfff).length;
      if (code < 0x10000 ? surrogates > 0 || (lower.length !== 1 && code !== 0x130) : surrogates !== lower.length) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
    expect('İ'.toLowerCase()).toBe('i\u0307');
  });

  it('texts equal lower-cased hash alike (Σ in every position, İ against i + U+0307, Ё, astral capitals)', () => {
    const pieces = ['Σ', 'σ', 'ς', 'İ', 'i\u0307', 'I', 'i', 'Ё', 'ё', 'Ж', 'ж', '𐐀', '𐐨', 'ß', 'ẞ', 'K', '\u212A', 'k', ' ', 'ΑΣ', 'A', '.'];
    let state = 5;
    const random = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const texts = Array.from({ length: 30_000 }, () => Array.from({ length: Math.floor(random() * 5) }, () => pieces[Math.floor(random() * pieces.length)]).join(''));
    const byLower = new Map<string, number>();
    const groups = new CaseGroups(texts);
    texts.forEach((text, i) => {
      const lower = text.toLowerCase();
      const first = byLower.get(lower);
      if (first === undefined) byLower.set(lower, i);
      else expect(caseHash(text), JSON.stringify([text, texts[first]])).toBe(caseHash(texts[first] as string));
      expect(groups.firstOf(i)).toBe(first ?? -1);
      const j = (i * 7919) % texts.length;
      expect(groups.same(i, j)).toBe(lower === (texts[j] as string).toLowerCase());
    });
  });

  it('different texts rarely share a hash', () => {
    const hashes = new Set(Array.from({ length: 50_000 }, (_, i) => caseHash(`Абзац номер ${i} статьи.`)));
    expect(hashes.size).toBeGreaterThan(49_990);
  });
});
