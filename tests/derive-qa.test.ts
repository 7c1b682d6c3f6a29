/**
 * QA on derived text: the script check holds kk-Latn to the 2021 Latin alphabet (no Cyrillic left,
 * Kazakh letters present) and zh-Hant to Traditional characters; numbers with Traditional and Kazakh
 * Latin magnitudes (億, mlrd) compare by value.
 */
import { describe, expect, it } from 'vitest';
import { numbersCheck, scriptCheck } from '../src/qa/checks/index.js';
import { checkInput } from './helpers/qa.js';

const RU = 'Президент Казахстана Касым-Жомарт Токаев назвал Китай надёжным партнёром и предложил довести товарооборот до 40 млрд долларов.';
const KK_LATN = 'Qazaqstan Prezidentı Qasym-Jomart Toqaev Qytaidy senımdı serıktes dep atap, tauar ainalymyn 40 mlrd AQŞ dollaryna jetkızudı ūsyndy.';

describe('script check on derived locales', () => {
  it('passes Kazakh Latin and reports Cyrillic left in it', () => {
    expect(scriptCheck.run(checkInput(RU, KK_LATN, 'kk-Latn'))).toEqual([]);
    expect(scriptCheck.run(checkInput(RU, KK_LATN.replace('Qytaidy', 'Қытайды'), 'kk-Latn'))).toEqual([
      'the kk-Latn target still has Cyrillic letters (Қ ы т а й д): Kazakh Latin has none',
    ]);
  });

  it('reports a long kk-Latn text with none of the Kazakh letters (English or a plain transliteration)', () => {
    const english = 'President Tokayev called China a reliable partner and proposed raising trade to 40 billion dollars.';
    expect(scriptCheck.run(checkInput(RU, english, 'kk-Latn'))[0]).toMatch(/none of ä ğ ı ñ ö q ū ü ş/);
  });

  it('passes Traditional Chinese and reports Simplified characters OpenCC would convert', () => {
    expect(scriptCheck.run(checkInput(RU, '哈薩克斯坦總統托卡耶夫稱中國是可靠的夥伴，並提議將貿易額提高到400億美元。', 'zh-Hant'))).toEqual([]);
    // 皇后 keeps 后 (OpenCC's phrases know it is Traditional there).
    expect(scriptCheck.run(checkInput('Королева', '皇后出席了會議。', 'zh-Hant'))).toEqual([]);
    expect(scriptCheck.run(checkInput(RU, '哈萨克斯坦總統托卡耶夫稱中國是可靠的夥伴。', 'zh-Hant'))).toEqual([
      'the zh-Hant target has Simplified characters with a Traditional form: 萨→薩',
    ]);
    expect(scriptCheck.run(checkInput(RU, '哈萨克斯坦总统', 'zh-Hans'))).toEqual([]);
  });
});

describe('numbers in derived text', () => {
  it('reads 億 and 萬 as 亿 and 万, and Kazakh Latin mlrd, mln, myñ', () => {
    expect(numbersCheck.run(checkInput('Это примерно 3,6 млрд долларов.', '這約合36億美元。', 'zh-Hant'))).toEqual([]);
    expect(numbersCheck.run(checkInput('26 млрд юаней и 15 тыс. человек', '260億元和1.5萬人', 'zh-Hant'))).toEqual([]);
    expect(numbersCheck.run(checkInput('Это примерно 3,6 млрд долларов.', 'Būl şamamen 3,6 mlrd dollar.', 'kk-Latn'))).toEqual([]);
    expect(numbersCheck.run(checkInput('5 млн человек и 40 тыс. туристов', '5 mln adam jäne 40 myñ turist', 'kk-Latn'))).toEqual([]);
    expect(numbersCheck.run(checkInput('Это примерно 3,6 млрд долларов.', 'Būl şamamen 3,6 mln dollar.', 'kk-Latn'))).toHaveLength(1);
  });
});
