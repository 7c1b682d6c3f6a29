import { describe, expect, it } from 'vitest';
import { decodeText, isPlainNfcCode } from '../src/read/decode-text.js';

describe('decodeText skips normalize only where the text is NFC already', () => {
  const plain: string[] = [];
  for (let code = 0; code < 0x10000; code++) if (isPlainNfcCode(code)) plain.push(String.fromCharCode(code));

  it('every code unit of the fast set is NFC alone and next to any other of the set', () => {
    expect(plain.length).toBeGreaterThan(1000);
    const wrong: string[] = [];
    for (const a of plain) {
      if (a.normalize('NFC') !== a) wrong.push(a);
      for (const b of plain) if ((a + b).normalize('NFC') !== a + b) wrong.push(a + b);
    }
    expect(wrong).toEqual([]);
  });

  it('the set holds Russian, Kazakh, ASCII and typographic punctuation, and no combining mark', () => {
    for (const char of 'АаЁёЙйӘәҒғҚқҢңӨөҰұҮүҺһІі azAZ09 «»—–…„“№₸₽€') expect(isPlainNfcCode(char.charCodeAt(0)), char).toBe(true);
    for (const char of ['\u0301', '\u0306', '\u0483', '\u3099', 'е\u0308'.charAt(1)]) expect(isPlainNfcCode(char.charCodeAt(0))).toBe(false);
  });

  it('text outside the set is still normalised: и + U+0306 → й, е + U+0308 → ё', () => {
    expect(decodeText(new TextEncoder().encode('Мои\u0306 дом, е\u0308лка'), 'a.ru.txt')).toBe('Мой дом, ёлка');
  });
});
