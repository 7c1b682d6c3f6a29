import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSuggester } from '../src/job/fuzzy-suggestions.js';
import { similarity } from '../src/tm/fuzzy-match.js';
import { TranslationMemory } from '../src/tm/index.js';
import { sameSegmentFamily } from '../src/tm/segment-family.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const ASHGABAT = 'Указ № 1 подписан в Ашхабаде 12 мая.';
const XIAN = 'Указ № 121 подписан в Сиане 12 мая.';

describe('same segment family', () => {
  it('a sentence with other numbers or names is another segment, however similar', () => {
    expect(similarity(ASHGABAT, XIAN)).toBeGreaterThan(0.75);
    expect(sameSegmentFamily(ASHGABAT, XIAN)).toBe(false);
    expect(sameSegmentFamily('Указ № 1 подписан в Ашхабаде.', 'Указ № 121 подписан в Ашхабаде.')).toBe(false); // a number differs
    expect(sameSegmentFamily('Указ № 1 подписан в Ашхабаде.', 'Указ № 1 подписан в Сиане.')).toBe(false); // a name differs
    expect(sameSegmentFamily('Рост составил 3,6 процента.', 'Рост составил 3.5 процента.')).toBe(false);
  });

  it('a reworded sentence with the same numbers and names (inflected) is the same family', () => {
    expect(sameSegmentFamily('Токаев прибыл в Сиань 12 мая.', 'Токаев прилетел в Сиань 12 мая.')).toBe(true);
    expect(sameSegmentFamily('Встреча Токаева в Сиане.', 'Встречи Токаеву в Сиань.')).toBe(true);
    expect(sameSegmentFamily('Рост составил 3,6 процента.', 'Рост был 3.6 процента.')).toBe(true);
    expect(sameSegmentFamily('Поиск по всем статьям', 'Поиск по статьям')).toBe(true);
    expect(sameSegmentFamily('Цена 12 и 7 рублей', 'Цена 7 и 12 рублей')).toBe(true); // the order of numbers may change
  });

  it('the suggester offers only matches of the same family above the threshold', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tilmash-family-'));
    dirs.push(dir);
    const tm = await TranslationMemory.open(dir, 'ru');
    const at = '2026-11-26T00:00:00.000Z';
    const entry = (source: string, target: string) => ({ source, target, origin: 'human', status: 'translated' as const, created: at, changed: at });
    await tm.record('kk', [entry(XIAN, '№ 121 жарлыққа 12 мамырда Сианьда қол қойылды.'), entry('Указ № 1 подписали в Ашхабаде 12 мая.', '№ 1 жарлыққа 12 мамырда Ашхабадта қол қойды.')]);
    const suggestions = createSuggester(tm, 0.75, 3, { sameFamily: true })('kk', ASHGABAT);
    expect(createSuggester(tm, 0.75)('kk', ASHGABAT)).toHaveLength(2); // XLIFF alt-trans: every match above the threshold
    expect(suggestions.map((s) => s.source)).toEqual(['Указ № 1 подписали в Ашхабаде 12 мая.']);
    expect(suggestions[0]?.similarity).toBeGreaterThanOrEqual(0.75);
    expect(createSuggester(tm, 0.99, 3, { sameFamily: true })('kk', ASHGABAT)).toEqual([]);
  });
});
