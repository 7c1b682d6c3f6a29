/**
 * The converters of derived locales on real sentences: Kazakh Cyrillic → the 2021 Latin alphabet
 * (a published transliteration, official names, loan letters щ ц ч ё ю я э ъ ь, capitals), and
 * Simplified → Traditional Chinese through OpenCC; placeholders, tags, URLs, do-not-translate terms
 * and glossary forms kept.
 */
import { describe, expect, it } from 'vitest';
import { converterOf } from '../src/derive/converters.js';
import { deriveSegment, glossaryForms, withDerivedForms } from '../src/derive/derive-segment.js';
import { derivedLookup, derivedStatus } from '../src/derive/derived-lookup.js';
import { kazakhCyrillicToLatin } from '../src/derive/kk-cyrl-latn.js';
import type { Glossary } from '../src/glossary/glossary-types.js';
import type { TmEntry } from '../src/tm/tm-entry.js';

const kk = converterOf('kk-cyrl-latn');
const tw = converterOf('opencc:cn-tw');
const plain = { converter: kk, doNotTranslate: [] as string[], forms: [] };

describe('Kazakh Cyrillic → Latin (2021 alphabet)', () => {
  it('gives the published transliteration of a Kazakh text (Wikipedia, «Kazakh alphabets», 2021 Latin)', () => {
    // The 1902 text in modern orthography and its transliteration in the January 2021 alphabet.
    expect(
      kazakhCyrillicToLatin(
        'Бұрыңғы өткен заманда, бір данышпан кісі, Бағдат шаһарының бір үлкен қазысының үйіне келіп қоныпты. Қазыменен сөйлесіп, қазыны сөзге жеңе беріпті.',
      ),
    ).toBe('Būryñğy ötken zamanda, bır danyşpan kısı, Bağdat şaharynyñ bır ülken qazysynyñ üiıne kelıp qonypty. Qazymenen söilesıp, qazyny sözge jeñe berıptı.');
    expect(kazakhCyrillicToLatin('Сонда қазы қорқып, — „Бұл маған келген бала — менің қазылығымды тартып алса керек!“')).toBe(
      'Sonda qazy qorqyp, — „Būl mağan kelgen bala — menıñ qazylyğymdy tartyp alsa kerek!“',
    );
  });

  it('writes official names and numbers of news sentences', () => {
    expect(kazakhCyrillicToLatin('Қазақстан Республикасы')).toBe('Qazaqstan Respublikasy');
    expect(kazakhCyrillicToLatin('Қазақстан Президенті Қасым-Жомарт Тоқаев 2030 жылға қарай тауар айналымын 40 млрд АҚШ долларына жеткізуді ұсынды.')).toBe(
      'Qazaqstan Prezidentı Qasym-Jomart Toqaev 2030 jylğa qarai tauar ainalymyn 40 mlrd AQŞ dollaryna jetkızudı ūsyndy.',
    );
    expect(kazakhCyrillicToLatin('ҚХР Төрағасы Си Цзиньпин: 3,6 млрд доллар.')).toBe('QHR Törağasy Si Szinpin: 3,6 mlrd dollar.');
  });

  it('writes the loan letters as the 2021 table does: ц s, ч ş, щ ş, ё io, ю iu, я ia, э e, ъ ь dropped', () => {
    expect(kazakhCyrillicToLatin('Щучинск')).toBe('Şuşinsk');
    expect(kazakhCyrillicToLatin('цифрлық экономика')).toBe('sifrlyq ekonomika');
    expect(kazakhCyrillicToLatin('Чехия, Ёлка, юрист, Азия, объект, компьютер')).toBe('Şehiia, İolka, iurist, Aziia, obekt, kompiuter');
    expect(kazakhCyrillicToLatin('Юрий Гагарин, Ярослав')).toBe('İurii Gagarin, İaroslav');
  });

  it('keeps all capitals all capitals (ЮНЕСКО → İUNESKO) and title case title case', () => {
    expect(kazakhCyrillicToLatin('ЮНЕСКО мен ЕАЭО')).toBe('İUNESKO men EAEO');
    expect(kazakhCyrillicToLatin('ИЯ ЁЖ Я')).toBe('İİA İOJ İa');
    expect(kazakhCyrillicToLatin('Ішкі істер, ІІМ, Ыстық көл')).toBe('Işkı ıster, IIM, Ystyq köl');
  });

  it('leaves digits, punctuation, Latin words and letters outside the Kazakh alphabet as they are', () => {
    expect(kazakhCyrillicToLatin('C5+Қытай, 18–19 мамыр, «Орталық Азия – Қытай»')).toBe('C5+Qytai, 18–19 mamyr, «Ortalyq Aziia – Qytai»');
    expect(kazakhCyrillicToLatin('Київ')).toBe('Kiїv');
  });

  it('keeps placeholders, tags, URLs, e-mails and do-not-translate terms byte for byte', () => {
    expect(deriveSegment('Сәлеметсіз бе, {{name}}! <0>Шарттар</0> $t(app.title)', 'i18next', plain)).toBe('Sälemetsız be, {{name}}! <0>Şarttar</0> $t(app.title)');
    expect(deriveSegment('Бізге жазыңыз: news@eurasia-news.example немесе https://мысал.kz/жаңалық.', 'plain', plain)).toBe(
      'Bızge jazyñyz: news@eurasia-news.example nemese https://мысал.kz/жаңалық.',
    );
    expect(deriveSegment('{name} мақаламен бөлісті: {n, number} пікір <b>«Жазылу»</b>', 'icu', plain)).toBe('{name} maqalamen bölıstı: {n, number} pıkır <b>«Jazylu»</b>');
    expect(deriveSegment('Осы {name} мақаласы, '+"'{'жақша'}'", 'icu', plain)).toBe("Osy {name} maqalasy, '{'jaqşa'}'");
    expect(deriveSegment('Ресей Карнеги орталығы мен Алтын Орда', 'plain', { ...plain, doNotTranslate: ['Алтын Орда'] })).toBe('Resei Karnegi ortalyğy men Алтын Орда');
  });

  it('uses the glossary form of a name, with its Kazakh suffix converted', () => {
    const glossary: Glossary = { file: 'g.json', terms: [{ source: 'Си Цзиньпин', targets: { kk: 'Си Цзиньпин', 'kk-Latn': 'Xi Jinping' }, doNotTranslate: false }] };
    const forms = glossaryForms(glossary, 'kk', 'kk-Latn');
    expect(deriveSegment('Си Цзиньпиннің сапары', 'plain', { ...plain, forms })).toBe('Xi Jinpingnıñ sapary');
    // A term without a kk-Latn form gets the converted kk form, for the glossary check.
    const derived = withDerivedForms({ file: 'g.json', terms: [{ source: 'Сиань', targets: { kk: 'Сиань', zh: '西安' }, doNotTranslate: false }] }, [
      { locale: 'kk-Latn', from: 'kk', converter: kk },
    ]);
    expect(derived.terms[0]?.targets['kk-Latn']).toBe('Sian');
  });
});

describe('Simplified → Traditional Chinese (OpenCC)', () => {
  it('converts phrase by phrase, Taiwan and Hong Kong variants', () => {
    expect(tw.convert('中国国家主席习近平在西安举行的首届中国—中亚峰会上宣布，北京将提供总额260亿元的融资支持。')).toBe(
      '中國國家主席習近平在西安舉行的首屆中國—中亞峰會上宣佈，北京將提供總額260億元的融資支持。',
    );
    expect(tw.convert('她的头发后来')).toBe('她的頭髮後來');
    expect(converterOf('opencc:cn-twp').convert('软件和内存')).toBe('軟體和記憶體');
    expect(converterOf('opencc:cn-hk').convert('里面')).toBe('裏面');
  });

  it('keeps placeholders, tags and URLs, and applies the glossary zh-Hant form', () => {
    const options = { converter: tw, doNotTranslate: ['C5'], forms: [['托卡耶夫', '托卡耶夫總統'] as const] };
    expect(deriveSegment('你好，{{name}}！<0>条款</0> https://example.com/fa-xian', 'i18next', options)).toBe('你好，{{name}}！<0>條款</0> https://example.com/fa-xian');
    expect(deriveSegment('托卡耶夫说C5', 'plain', options)).toBe('托卡耶夫總統說C5');
    expect(deriveSegment('总统托卡耶夫说', 'plain', options)).toBe('總統托卡耶夫總統說');
  });
});

describe('derived TM entries', () => {
  const parent: TmEntry = { source: 'Привет', target: 'Сәлем', origin: 'human', status: 'reviewed', created: '2026-01-01T00:00:00.000Z', changed: '2026-01-02T00:00:00.000Z' };
  const tm = new Map<string, TmEntry>([['kk\u0000Привет', parent]]);
  const lookup = derivedLookup({
    derived: [{ locale: 'kk-Latn', from: 'kk', converter: 'kk-cyrl-latn' }],
    base: (locale, source) => tm.get(`${locale}\u0000${source}`),
    glossary: { file: '', terms: [] },
    doNotTranslate: [],
    syntaxOf: () => 'plain',
  });

  it('are made from the parent, origin derived:<converter>, never reviewed by themselves', () => {
    expect(lookup('kk-Latn', 'Привет')).toMatchObject({ target: 'Sälem', origin: 'derived:kk-cyrl-latn', status: 'translated', changed: parent.changed });
    expect(derivedStatus('machine')).toBe('machine');
    expect(derivedStatus('needs-review')).toBe('needs-review');
    expect(lookup('kk-Latn', 'Пока')).toBeUndefined();
  });

  it('follow a change of the parent, and never replace a person’s entry', () => {
    tm.set('kk\u0000Привет', { ...parent, target: 'Сәлеметсіз бе', status: 'machine' });
    expect(lookup('kk-Latn', 'Привет')).toMatchObject({ target: 'Sälemetsız be', status: 'machine' });
    const person: TmEntry = { ...parent, target: 'Salem!', origin: 'human', status: 'translated' };
    tm.set('kk-Latn\u0000Привет', person);
    expect(lookup('kk-Latn', 'Привет')).toBe(person);
  });
});
