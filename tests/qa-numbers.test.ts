import { describe, expect, it } from 'vitest';
import { extractNumbers, findNumbers, numbersCheck, runChecks } from '../src/qa/index.js';
import type { Syntax } from '../src/protect/protect-types.js';
import { checkInput } from './helpers/qa.js';

const numberFindings = (source: string, target: string, locale: string, syntax: Syntax = 'plain') =>
  runChecks(checkInput(source, target, locale, syntax), [numbersCheck]);

const XI_RU =
  'Председатель КНР Си Цзиньпин объявил, что Пекин предоставит странам региона финансовую поддержку ' +
  'и безвозмездную помощь на общую сумму 26 млрд юаней.';
const XI_EN =
  'Chinese President Xi Jinping announced that Beijing would provide the countries of the region ' +
  'with financial support and grants totalling 26 billion yuan.';
const XI_ZH = '中国国家主席习近平宣布，北京将向该地区国家提供总额260亿元的财政支持和无偿援助。';
const XI_KK =
  'ҚХР Төрағасы Си Цзиньпин Пекин өңір елдеріне жалпы сомасы 26 млрд юань қаржылай қолдау мен ' +
  'өтеусіз көмек көрсететінін мәлімдеді.';

describe('extractNumbers', () => {
  it.each([
    ['26 млрд юаней', 'ru', [26e9]],
    ['3,6 млрд долларов', 'ru', [3.6e9]],
    ['26 миллиардов и 15 тысячами, 2,5 трлн, 7 млн., 1 тыс. руб.', 'ru', [26e9, 15e3, 2.5e12, 7e6, 1e3]],
    ['1 500 человек, 1\u00A0500 и 1\u202F500 000', 'ru', [1500, 1500, 1_500_000]],
    ['1 500,25 и 1,500', 'ru', [1500.25, 1.5]],
    ['15-го мая 2023 г., 15.05.2023, в 10:30', 'ru', [15, 2023, 15, 5, 2023, 10, 30]],
    ['рост на 12,5 %', 'ru', [12.5]],
    ['Бұл шамамен 3,6 млрд доллар, 5 мың адам, 2 миллиардқа', 'kk', [3.6e9, 5e3, 2e9]],
    ['260亿元', 'zh', [2.6e10]],
    ['36亿美元', 'zh', [3.6e9]],
    ['3.6万人，1.5万亿元，500万，３０%', 'zh', [3.6e4, 1.5e12, 5e6, 30]],
    ['3千米 and 5千元', 'zh', [3, 5e3]],
    ['2023年5月15日', 'zh', [2023, 5, 15]],
    ['$3.6 billion, 26 billion yuan, $3.6bn, 7 mn, 2 trillion, 4 thousand', 'en', [3.6e9, 26e9, 3.6e9, 7e6, 2e12, 4e3]],
    ['1,500 people and 1,500,000.5 tonnes on the 15th', 'en', [1500, 1_500_000.5, 15]],
    ['in 2020 100 people, 3,6', 'en', [2020, 100, 3, 6]],
  ])('%s (%s)', (text, locale, expected) => {
    const values = extractNumbers(text, locale);
    expect(values).toHaveLength(expected.length);
    values.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 3));
  });

  it('keeps the text of each number with its magnitude word', () => {
    expect(findNumbers('Это примерно 3,6 млрд долларов, или 1 500 человек.', 'ru').map((n) => n.text)).toEqual(['3,6 млрд', '1 500']);
  });
});

describe('numbers check', () => {
  it('passes when magnitudes agree across ru, en, zh and kk', () => {
    expect(numberFindings(XI_RU, XI_EN, 'en')).toEqual([]);
    expect(numberFindings(XI_RU, XI_ZH, 'zh')).toEqual([]);
    expect(numberFindings(XI_RU, XI_KK, 'kk')).toEqual([]);
    expect(numberFindings('26 млрд юаней', '260亿元', 'zh')).toEqual([]);
    expect(numberFindings('26 млрд юаней', '26 billion yuan', 'en')).toEqual([]);
    expect(numberFindings('Это примерно 3,6 млрд долларов.', '约合36亿美元。', 'zh')).toEqual([]);
    expect(numberFindings('Это примерно 3,6 млрд долларов.', 'That is about $3.6 billion.', 'en')).toEqual([]);
    expect(numberFindings('Это примерно 3,6 млрд долларов.', 'Бұл шамамен 3,6 млрд доллар.', 'kk')).toEqual([]);
    expect(numberFindings('В саммите участвовали 1 500 человек.', '1,500 people attended the summit.', 'en')).toEqual([]);
  });

  it('reports a source value missing in the target with its text and value', () => {
    expect(numberFindings('26 млрд юаней', '26亿元', 'zh')).toEqual([
      { check: 'numbers', severity: 'error', message: '26 млрд (26000000000) is not in the target' },
    ]);
    expect(numberFindings(XI_RU, XI_ZH.replace('260亿', '26亿'), 'zh')).toHaveLength(1);
    expect(numberFindings('к 2030 г.', 'by 2013', 'en')).toEqual([{ check: 'numbers', severity: 'error', message: '2030 is not in the target' }]);
  });

  it('prints values without float noise: 32,2 млрд is 32200000000, not 32200000000.000004', () => {
    expect(extractNumbers('32,2 млрд', 'ru')).toEqual([32_200_000_000]);
    expect(extractNumbers('3,6 млрд и 0,7 млн', 'ru')).toEqual([3_600_000_000, 700_000]);
    expect(numberFindings('Рост составил 32,2 млрд рублей.', 'Growth was 32 billion roubles.', 'en')).toEqual([
      { check: 'numbers', severity: 'error', message: '32,2 млрд (32200000000) is not in the target' },
    ]);
    expect(numberFindings('Доля 0,3 млн человек', 'Share 0.2 million people', 'en')[0]?.message).toBe('0,3 млн (300000) is not in the target');
  });

  it('compares multisets: a number written twice must be there twice', () => {
    expect(numberFindings('5 стран и ещё 5 стран', 'five countries and 5 more', 'en').map((f) => f.message)).toEqual([
      '5 is not in the target',
    ]);
  });

  it('ignores numbers inside placeholders, tags and URLs', () => {
    expect(numberFindings('<0>Всего</0> {{count2}} статей', '<1>In total</1> {{count2}} articles', 'en', 'i18next')).toEqual([]);
    expect(numberFindings('См. https://example.kz/2024/news', 'See https://example.kz/2024/news', 'en')).toEqual([]);
    expect(numberFindings('{n2, number} статей, 3 из них новые', '{n2, number} articles, 3 of them new', 'en', 'icu')).toEqual([]);
  });

  it('skips pseudo-locales, whose magnitude words are transliterated', () => {
    expect(numberFindings('26 млрд', '⟦26 ɱĺŕð ···⟧', 'en-XA')).toEqual([]);
  });
});
