import { BUILT_IN_CHECK_IDS } from '../src/qa/check-ids.js';
import { describe, expect, it } from 'vitest';
import { TilmashError } from '../src/errors.js';
import type { Glossary } from '../src/glossary/glossary-types.js';
import {
  BUILT_IN_CHECKS,
  emptyCheck,
  findUrlsAndEmails,
  icuStructureCheck,
  lengthRatioCheck,
  numbersCheck,
  runChecks,
  scriptCheck,
  untranslatedCheck,
  urlsEmailsCheck,
  validateQaSettings,
  visibleText,
  whitespaceCheck,
  zhPunctuationCheck,
  type CheckInput,
  type QaCheck,
} from '../src/qa/index.js';
import { checkInput } from './helpers/qa.js';

const TOKAYEV_RU =
  'Президент Казахстана Касым-Жомарт Токаев назвал Китай надежным партнером и предложил довести ' +
  'товарооборот до 40 млрд долл. США к 2030 г.';
const TOKAYEV_EN =
  'Kazakh President Kassym-Jomart Tokayev called China a reliable partner and proposed raising trade ' +
  'to $40 billion by 2030.';
const TOKAYEV_ZH = '哈萨克斯坦总统托卡耶夫称中国是可靠的伙伴，并提议到2030年将贸易额提高到400亿美元。';
const TOKAYEV_KK =
  'Қазақстан Президенті Қасым-Жомарт Тоқаев Қытайды сенімді серіктес деп атап, 2030 жылға қарай ' +
  'тауар айналымын 40 млрд АҚШ долларына жеткізуді ұсынды.';

const GLOSSARY: Glossary = {
  file: 'glossary.json',
  terms: [
    { source: 'Си Цзиньпин', targets: { en: 'Xi Jinping', kk: 'Си Цзиньпин', zh: '习近平' }, doNotTranslate: false },
    { source: 'C5', targets: {}, doNotTranslate: true },
    { source: 'Carnegie Russia Eurasia Center', targets: {}, doNotTranslate: true },
    { source: 'Ак Орда', targets: { en: 'Ak Orda' }, doNotTranslate: true },
  ],
};

/** The findings of one check on a pair; a check that does not apply gives []. */
const check = (qa: QaCheck, input: CheckInput) => runChecks(input, [qa]);

describe('runChecks and settings', () => {
  const good = checkInput(TOKAYEV_RU, TOKAYEV_EN, 'en');
  const bad = checkInput(TOKAYEV_RU, '', 'en');
  const checks = [emptyCheck, numbersCheck, whitespaceCheck];

  it('stamps each message with the check id and default severity, in check order', () => {
    expect(runChecks(good, checks)).toEqual([]);
    expect(runChecks({ ...bad, target: ' ' }, checks)).toEqual([
      { check: 'empty', severity: 'error', message: 'the target is empty but the source is not' },
      { check: 'numbers', severity: 'error', message: '40 млрд (40000000000) is not in the target' },
      { check: 'numbers', severity: 'error', message: '2030 is not in the target' },
    ]);
  });

  it('skips a check set off and uses a configured severity', () => {
    const input = checkInput('Итоги саммита', 'Summit results ', 'en');
    expect(runChecks(input, checks).map((f) => [f.check, f.severity])).toEqual([['whitespace', 'warn']]);
    expect(runChecks(input, checks, { whitespace: 'error' }).map((f) => [f.check, f.severity])).toEqual([['whitespace', 'error']]);
    expect(runChecks(input, checks, { whitespace: 'off' })).toEqual([]);
    expect(runChecks(bad, checks, { empty: 'off', numbers: 'info' }).map((f) => [f.check, f.severity])).toEqual([
      ['numbers', 'info'],
      ['numbers', 'info'],
    ]);
  });

  it('turns a throwing check into an error finding and runs the others', () => {
    const broken: QaCheck = {
      id: 'broken',
      defaultSeverity: 'info',
      description: 'always throws',
      run: () => {
        throw new Error('index out of range');
      },
    };
    const findings = runChecks(bad, [broken, emptyCheck]);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ check: 'broken', severity: 'error' });
    expect(findings[0]?.message).toContain('index out of range');
    expect(findings[1]).toMatchObject({ check: 'empty', severity: 'error' });
  });

  it('validates the qa.checks option', () => {
    const ids = ['numbers', 'length-ratio', 'zh-punctuation'];
    const where = 'pipeline.config.ts: qa.checks';
    expect(validateQaSettings({ numbers: 'warn', 'length-ratio': 'off' }, ids, where)).toEqual({ numbers: 'warn', 'length-ratio': 'off' });
    expect(validateQaSettings({}, ids, where)).toEqual({});
    const unknown = (): unknown => validateQaSettings({ 'lenght-ratio': 'off' }, ids, where);
    expect(unknown).toThrow(TilmashError);
    expect(unknown).toThrow(/pipeline\.config\.ts: qa\.checks: unknown check 'lenght-ratio'\. Did you mean 'length-ratio'\?/);
    expect(() => validateQaSettings({ numbers: 'fatal' }, ids, where)).toThrow(
      /pipeline\.config\.ts: qa\.checks\.numbers: expected 'error', 'warn', 'info' or 'off'; found the string "fatal"/,
    );
    expect(() => validateQaSettings(['numbers'], ids, where)).toThrow(/expected an object/);
    expect(unknown).toThrow(expect.objectContaining({ kind: 'config' }));
  });
});

describe('visibleText', () => {
  it('icu: literals, tag children and every plural branch; arguments and # dropped', () => {
    expect(visibleText('Привет, {name}! <b>У вас {count, plural, one {# статья} other {# статей}}</b>', 'icu')).toBe(
      'Привет, ! У вас  статья  статей',
    );
    expect(visibleText("It''s {broken", 'icu')).toBe("It''s {broken");
    expect(visibleText('Сумма {a} и <b>{b}</b> без закрытия {', 'icu', '_')).toBe('Сумма _ и _ без закрытия {');
    expect(visibleText('Сумма {a} и <i>{b}</b>', 'icu', '_')).toBe('Сумма _ и _');
  });

  it('i18next: variables, nesting and tags dropped', () => {
    expect(visibleText('<0>Привет</0>, {{name}}! $t(common.more, {"count": 2}) <br/>', 'i18next')).toBe('Привет, !  ');
  });

  it('markdown: link text kept, URLs, HTML tags and emphasis markers dropped', () => {
    expect(visibleText('**Саммит** в [Сиане](https://example.kz/xian) <sup>1</sup> и _итоги_ <https://x.kz>', 'markdown')).toBe(
      'Саммит в Сиане 1 и итоги ',
    );
  });

  it('plain: unchanged', () => {
    expect(visibleText('<b>{x}</b> **a**', 'plain')).toBe('<b>{x}</b> **a**');
  });
});

describe('icu-structure', () => {
  const ru = '{count, plural, one {# статья} few {# статьи} many {# статей} other {# статьи}} о <b>саммите</b>';

  it('passes en and zh plurals whose category sets differ from Russian', () => {
    expect(check(icuStructureCheck, checkInput(ru, '{count, plural, one {# article} other {# articles}} about the <b>summit</b>', 'en', 'icu'))).toEqual([]);
    expect(check(icuStructureCheck, checkInput(ru, '关于<b>峰会</b>的{count, plural, other {#篇文章}}', 'zh', 'icu'))).toEqual([]);
  });

  it('reports a target that does not parse, naming the parser error', () => {
    const findings = check(icuStructureCheck, checkInput('Привет, {name}!', 'Hello, {name!', 'en', 'icu'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ check: 'icu-structure', severity: 'error' });
    expect(findings[0]?.message).toMatch(/^the target is not a valid ICU message: [A-Z_]+ at 1:8/);
    expect(check(icuStructureCheck, checkInput(ru, '{count, plural, one {# article}}', 'en', 'icu'))[0]?.message).toContain('MISSING_OTHER_CLAUSE');
  });

  it('reports a renamed argument, a changed type and a lost tag', () => {
    const renamed = check(icuStructureCheck, checkInput(ru, '{n, plural, other {#篇文章}}关于<b>峰会</b>', 'zh', 'icu'));
    expect(renamed).toEqual([
      { check: 'icu-structure', severity: 'error', message: "the target's ICU structure differs from the source's: Missing variable count in message" },
    ]);
    expect(check(icuStructureCheck, checkInput('Итого: {sum, number}', 'Total: {sum}', 'en', 'icu'))[0]?.message).toContain('conflicting types');
    expect(check(icuStructureCheck, checkInput('<b>Важно</b>: {x}', 'Important: {x}', 'en', 'icu'))[0]?.message).toContain('Different number of variables');
  });

  it('does not apply to other syntaxes', () => {
    expect(check(icuStructureCheck, checkInput('Привет, {name}!', 'Hello, {name!', 'en', 'plain'))).toEqual([]);
  });
});

describe('urls-emails', () => {
  const ru = 'Подробнее: https://carnegieendowment.org/russia-eurasia?lang=ru (или пишите на press@example.kz).';

  it('passes when every URL and e-mail is kept', () => {
    expect(check(urlsEmailsCheck, checkInput(ru, 'More: https://carnegieendowment.org/russia-eurasia?lang=ru (or write to press@example.kz).', 'en'))).toEqual([]);
    expect(check(urlsEmailsCheck, checkInput(ru, '详情请见https://carnegieendowment.org/russia-eurasia?lang=ru（或发邮件至press@example.kz）。', 'zh'))).toEqual([]);
  });

  it('reports a changed URL and a lost e-mail', () => {
    expect(check(urlsEmailsCheck, checkInput(ru, 'More: https://carnegieendowment.org/russia-eurasia?lang=en.', 'en'))).toEqual([
      { check: 'urls-emails', severity: 'error', message: 'URL https://carnegieendowment.org/russia-eurasia?lang=ru is missing or changed in the target' },
      { check: 'urls-emails', severity: 'error', message: 'e-mail press@example.kz is missing or changed in the target' },
    ]);
  });

  it('reports a URL or e-mail the source does not have', () => {
    expect(check(urlsEmailsCheck, checkInput(ru, 'More: https://carnegieendowment.org/russia-eurasia?lang=ru (or write to press@example.kz, spam@example.com).', 'en'))).toEqual([
      { check: 'urls-emails', severity: 'error', message: 'e-mail spam@example.com is not in the source' },
    ]);
  });

  it('is the only check to report a swapped URL', () => {
    const source = 'Полный текст доклада опубликован на сайте https://carnegie.ru/report.';
    const target = 'The full text of the report is published at https://carnegie.ru/otchet.';
    for (const syntax of ['plain', 'markdown'] as const) {
      expect(runChecks(checkInput(source, target, 'en', syntax), BUILT_IN_CHECKS)).toEqual([
        { check: 'urls-emails', severity: 'error', message: 'URL https://carnegie.ru/report is missing or changed in the target' },
      ]);
    }
  });

  it('reads a bare scheme or www. as no URL, as protection does', () => {
    expect(findUrlsAndEmails('Начните адрес с https:// или www. и вставьте его.')).toEqual([]);
  });
});

describe('untranslated', () => {
  it('passes real translations and Cyrillic that the glossary keeps', () => {
    expect(check(untranslatedCheck, checkInput(TOKAYEV_RU, TOKAYEV_EN, 'en'))).toEqual([]);
    expect(check(untranslatedCheck, checkInput(TOKAYEV_RU, TOKAYEV_ZH, 'zh'))).toEqual([]);
    expect(check(untranslatedCheck, checkInput(TOKAYEV_RU, TOKAYEV_KK, 'kk'))).toEqual([]);
    expect(check(untranslatedCheck, checkInput('Си Цзиньпин', 'Си Цзиньпин', 'kk', 'plain', GLOSSARY))).toEqual([]);
    expect(check(untranslatedCheck, checkInput('Встреча в Ак Орда', 'A meeting in Ак Орда', 'en', 'plain', GLOSSARY))).toEqual([]);
  });

  it('reports a copied Russian source and Cyrillic left in en and zh', () => {
    expect(check(untranslatedCheck, checkInput('Си Цзиньпин', 'Си Цзиньпин', 'kk'))).toEqual([
      {
        check: 'untranslated',
        severity: 'error',
        message: 'the target is the Russian source unchanged (add the term to the glossary if it is meant to stay)',
      },
    ]);
    expect(check(untranslatedCheck, checkInput(TOKAYEV_RU, 'Kazakh President Касым-Жомарт Токаев called China a reliable partner.', 'en'))).toEqual([
      { check: 'untranslated', severity: 'error', message: 'Cyrillic words are left in the en target: «Касым», «Жомарт», «Токаев»' },
    ]);
    expect(check(untranslatedCheck, checkInput(TOKAYEV_RU, '哈萨克斯坦总统Токаев称中国是可靠的伙伴。', 'zh'))[0]).toMatchObject({ check: 'untranslated', severity: 'error' });
  });

  it('skips pseudo-locales and text without Russian letters', () => {
    expect(check(untranslatedCheck, checkInput(TOKAYEV_RU, TOKAYEV_RU, 'en-XA'))).toEqual([]);
    expect(check(untranslatedCheck, checkInput('C5', 'C5', 'kk'))).toEqual([]);
  });
});

describe('script', () => {
  it('passes zh, kk and en targets in their script, not counting kept Latin terms', () => {
    expect(check(scriptCheck, checkInput(TOKAYEV_RU, TOKAYEV_ZH, 'zh'))).toEqual([]);
    expect(check(scriptCheck, checkInput(TOKAYEV_RU, TOKAYEV_KK, 'kk'))).toEqual([]);
    expect(check(scriptCheck, checkInput(TOKAYEV_RU, TOKAYEV_EN, 'en'))).toEqual([]);
    const carnegie = 'Carnegie Russia Eurasia Center认为C5机制重要。';
    expect(check(scriptCheck, checkInput('…', carnegie, 'zh', 'plain', GLOSSARY))).toEqual([]);
    expect(check(scriptCheck, checkInput('…', carnegie, 'zh'))).toHaveLength(1);
  });

  it('does not count the required form of the primary language in a zh-Hans target', () => {
    const apec: Glossary = { file: 'glossary.json', terms: [{ source: 'АТЭС', targets: { zh: 'APEC' }, doNotTranslate: false }] };
    expect(check(scriptCheck, checkInput('Саммит АТЭС', 'APEC峰会', 'zh-Hans', 'plain', apec))).toEqual([]);
    expect(check(scriptCheck, checkInput('Саммит АТЭС', 'APEC峰会', 'zh-Hans'))).toHaveLength(1);
  });

  it('reports a zh target that is mostly Latin', () => {
    expect(check(scriptCheck, checkInput(TOKAYEV_RU, TOKAYEV_EN, 'zh'))).toEqual([
      { check: 'script', severity: 'error', message: 'only 0 % of the letters of the zh target are Chinese (Han) (expected at least 50 %)' },
    ]);
  });

  it('reports a kk target that is Russian', () => {
    expect(check(scriptCheck, checkInput(TOKAYEV_RU, TOKAYEV_RU, 'kk'))).toEqual([
      {
        check: 'script',
        severity: 'error',
        message: 'the kk target has 108 letters and none of ә ғ қ ң ө ұ ү һ і: it looks Russian, not Kazakh',
      },
    ]);
    expect(check(scriptCheck, checkInput('Саммит', 'Саммит', 'kk'))).toEqual([]);
  });

  it('reports an en target in Cyrillic and skips other locales', () => {
    expect(check(scriptCheck, checkInput(TOKAYEV_RU, TOKAYEV_KK, 'en'))[0]).toMatchObject({ check: 'script', severity: 'error' });
    expect(check(scriptCheck, checkInput(TOKAYEV_RU, TOKAYEV_KK, 'de'))).toEqual([]);
  });
});

describe('empty', () => {
  it('reports an empty or blank target for a non-empty source only', () => {
    expect(check(emptyCheck, checkInput(TOKAYEV_RU, TOKAYEV_KK, 'kk'))).toEqual([]);
    expect(check(emptyCheck, checkInput(' ', '', 'kk'))).toEqual([]);
    expect(check(emptyCheck, checkInput(TOKAYEV_RU, ' \n', 'kk'))).toEqual([
      { check: 'empty', severity: 'error', message: 'the target is empty but the source is not' },
    ]);
  });
});

describe('length-ratio', () => {
  it('passes ordinary translations', () => {
    expect(check(lengthRatioCheck, checkInput(TOKAYEV_RU, TOKAYEV_EN, 'en'))).toEqual([]);
    expect(check(lengthRatioCheck, checkInput(TOKAYEV_RU, TOKAYEV_ZH, 'zh'))).toEqual([]);
    expect(check(lengthRatioCheck, checkInput(TOKAYEV_RU, TOKAYEV_KK, 'kk'))).toEqual([]);
  });

  it('reports a truncated target with the ratio and the range', () => {
    expect(check(lengthRatioCheck, checkInput(TOKAYEV_RU, 'Kazakh President Tokayev.', 'en'))).toEqual([
      { check: 'length-ratio', severity: 'warn', message: "the target is shorter than expected: 0.18 × the source's length (expected 0.5–2 for en)" },
    ]);
    expect(check(lengthRatioCheck, checkInput(TOKAYEV_RU, `${TOKAYEV_ZH} ${TOKAYEV_EN}`, 'zh'))[0]?.message).toMatch(/longer than expected: .* \(expected 0\.15–1 for zh\)/);
  });

  it('ignores short sources', () => {
    expect(check(lengthRatioCheck, checkInput('Итоги саммита', 'Summit results and everything that followed it', 'en'))).toEqual([]);
  });
});

describe('whitespace', () => {
  it('passes matching leading and trailing whitespace', () => {
    expect(check(whitespaceCheck, checkInput(' Итоги саммита\n', ' Summit results\n', 'en'))).toEqual([]);
  });

  it('reports each side that differs', () => {
    expect(check(whitespaceCheck, checkInput(' Итоги саммита', 'Summit results ', 'en'))).toEqual([
      { check: 'whitespace', severity: 'warn', message: 'leading whitespace differs: the source has " ", the target none' },
      { check: 'whitespace', severity: 'warn', message: 'trailing whitespace differs: the source has none, the target " "' },
    ]);
  });
});

describe('zh-punctuation', () => {
  it('passes full-width punctuation, numbers, URLs and variables', () => {
    expect(check(zhPunctuationCheck, checkInput(TOKAYEV_RU, TOKAYEV_ZH, 'zh'))).toEqual([]);
    expect(check(zhPunctuationCheck, checkInput('…', '增长3.6%，约合36亿美元（见https://example.kz/a,b.html）。', 'zh'))).toEqual([]);
    expect(check(zhPunctuationCheck, checkInput('…', '你好，{{name}}, 欢迎！', 'zh', 'i18next'))).toEqual([]);
  });

  it('reports half-width punctuation next to Han with the full-width replacement', () => {
    expect(check(zhPunctuationCheck, checkInput('…', '中国,美国,俄罗斯加强合作.', 'zh'))).toEqual([
      { check: 'zh-punctuation', severity: 'warn', message: 'half-width «,» next to Chinese characters (2×), e.g. «中国,美国,俄»: use «，»' },
      { check: 'zh-punctuation', severity: 'warn', message: 'half-width «.» next to Chinese characters, e.g. «加强合作.»: use «。»' },
    ]);
    expect(check(zhPunctuationCheck, checkInput('…', '托卡耶夫(Tokayev)说', 'zh'))).toHaveLength(2);
  });

  it('applies to zh only', () => {
    expect(check(zhPunctuationCheck, checkInput('…', '中国,美国', 'en'))).toEqual([]);
  });
});

describe('failures seen in CAT-tool round trips and with engines (issue 15)', () => {
  it('placeholder-spacing: a space lost beside a placeholder or tag, compared with the source', async () => {
    const { placeholderSpacingCheck } = await import('../src/qa/checks/placeholder-spacing.js');
    expect(check(placeholderSpacingCheck, checkInput('{{count}} людям понравилось', '{{count}}адам ұнатты', 'kk', 'i18next'))).toEqual([
      { check: 'placeholder-spacing', severity: 'error', message: 'no space after {{count}} in the target (the source has one): «{{count}}а…»' },
    ]);
    expect(check(placeholderSpacingCheck, checkInput('Общая сумма {total, number, ::currency/KZT}', 'Жалпы сомасы{total, number, ::currency/KZT}', 'kk', 'icu'))).toEqual([
      { check: 'placeholder-spacing', severity: 'error', message: 'no space before {total, number, ::currency/KZT} in the target (the source has one): «…ы{total, number, ::currency/KZT}»' },
    ]);
    expect(check(placeholderSpacingCheck, checkInput('Прочитайте <1>условия</1> сервиса.', 'Қызметтің<1>шарттарын</1> оқыңыз.', 'kk', 'i18next'))).toHaveLength(1);
    // Kept spaces, punctuation beside a code, and Chinese (written without spaces) pass.
    expect(check(placeholderSpacingCheck, checkInput('{{count}} людям понравилось', '{{count}} адам ұнатты', 'kk', 'i18next'))).toEqual([]);
    expect(check(placeholderSpacingCheck, checkInput('Привет, {{name}}!', 'Сәлем, {{name}}!', 'kk', 'i18next'))).toEqual([]);
    expect(check(placeholderSpacingCheck, checkInput('{{count}} комментариев', '{{count}}条评论', 'zh', 'i18next'))).toEqual([]);
    expect(BUILT_IN_CHECKS.map((c) => c.id)).toEqual(BUILT_IN_CHECK_IDS); // the config validates against the light list
    expect(BUILT_IN_CHECKS.map((c) => c.id)).toContain('placeholder-spacing');
  });

  it('script: short Russian text in kk, at any length, when it has a Russian function word or ё/ъ and no Kazakh letter', () => {
    expect(check(scriptCheck, checkInput('Поиск по новостям', '[KK] Поиск по новостям', 'kk'))).toEqual([
      { check: 'script', severity: 'error', message: 'the kk target has no Kazakh letter (ә ғ қ ң ө ұ ү һ і) and Russian words: «по»: it looks Russian, not Kazakh' },
    ]);
    expect(check(scriptCheck, checkInput('Ещё', 'Ещё', 'kk'))).toHaveLength(1);
    // Kazakh without Kazakh-specific letters, and Russian loans Kazakh writes, pass.
    expect(check(scriptCheck, checkInput('Главная страница', 'Басты бет', 'kk'))).toEqual([]);
    expect(check(scriptCheck, checkInput('Экономика', 'Экономика', 'kk'))).toEqual([]);
    expect(check(scriptCheck, checkInput('Поиск по новостям', 'Жаңалықтардан іздеу', 'kk'))).toEqual([]);
  });

  it('inline code and URLs are not judged by the language checks', () => {
    expect(check(untranslatedCheck, checkInput('Запустите `26 млрд` в консоли.', 'Run `26 млрд` in the console.', 'en', 'markdown'))).toEqual([]);
    expect(check(untranslatedCheck, checkInput('`26 млрд`', '`26 млрд`', 'kk', 'markdown'))).toEqual([]);
    expect(check(untranslatedCheck, checkInput('См. https://пример.рф/новости', 'See https://пример.рф/новости', 'en'))).toEqual([]);
    expect(check(scriptCheck, checkInput('Запустите `по данным` здесь.', 'Мұнда `по данным` іске қосыңыз.', 'kk', 'markdown'))).toEqual([]);
    // Cyrillic outside code is still found.
    expect(check(untranslatedCheck, checkInput('Запустите `x` в консоли.', 'Run `x` in консоли.', 'en', 'markdown'))).toHaveLength(1);
  });
});
