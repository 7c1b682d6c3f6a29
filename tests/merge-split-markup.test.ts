import { describe, expect, it } from 'vitest';
import { mergeSplitMarkup } from '../src/job/merge-split-markup.js';
import { russianRules, segmentSentences } from '../src/segment/index.js';

const split = (text: string) => mergeSplitMarkup(text, segmentSentences(text, russianRules));

describe('mergeSplitMarkup', () => {
  it('keeps sentences apart when no markup crosses a boundary', () => {
    expect(split('Первое **важное** предложение. Второе со [ссылкой](https://x.kz/a).')).toEqual([
      'Первое **важное** предложение.',
      'Второе со [ссылкой](https://x.kz/a).',
    ]);
  });

  it('merges sentences that a link text or an emphasis spans', () => {
    expect(segmentSentences('Читайте [отчёт. Он важен](https://x.kz) для всех. Конец.', russianRules).length).toBeGreaterThan(2);
    expect(split('Читайте [отчёт. Он важен](https://x.kz) для всех. Конец.')).toEqual(['Читайте [отчёт. Он важен](https://x.kz) для всех.', 'Конец.']);
    expect(segmentSentences('Начало **жирного. Всё ещё жирное** текста. Дальше.', russianRules).length).toBeGreaterThan(2);
    expect(split('Начало **жирного. Всё ещё жирное** текста. Дальше.')).toEqual(['Начало **жирного. Всё ещё жирное** текста.', 'Дальше.']);
  });

  it('leaves a single sentence alone', () => {
    expect(split('Одно **предложение**.')).toEqual(['Одно **предложение**.']);
  });
});
