/** What the prompt says about a language, from its engine code (`EN-US`, `KK`, `ZH-HANS`, `RU`). */
export interface LanguageBrief {
  /** `en`, `kk`, `zh`… */
  language: string;
  /** `American English`, `Kazakh`, `Simplified Chinese`. */
  name: string;
  /** A sentence the prompt adds for this target, or ''. */
  notes: string;
  /** The script a translation must be written in, when the adapter checks it. */
  script?: 'Cyrillic' | 'Han' | 'Latin';
}

const NOTES: Record<string, string> = {
  kk: ' Write Kazakh in Cyrillic script with its letters ә ғ қ ң ө ұ ү һ і, never Latin, never Russian.',
  zh: ' Write Simplified Chinese characters (zh-Hans) with full-width punctuation；1 亿 = 10^8 (26 млрд = 260亿).',
  en: '',
};
const SCRIPT: Record<string, LanguageBrief['script']> = { kk: 'Cyrillic', zh: 'Han', en: 'Latin', ru: 'Cyrillic' };

let names: Intl.DisplayNames | undefined;

const briefs = new Map<string, LanguageBrief>();

export function languageBrief(engineCode: string): LanguageBrief {
  let brief = briefs.get(engineCode);
  if (!brief) briefs.set(engineCode, (brief = makeBrief(engineCode)));
  return brief;
}

function makeBrief(engineCode: string): LanguageBrief {
  const parts = engineCode.toLowerCase().split('-');
  const language = parts[0] ?? engineCode.toLowerCase();
  // ZH-HANS → zh-Hans, EN-US → en-US: Intl.DisplayNames wants canonical casing.
  const tag = parts.map((p, i) => (i === 0 ? p : p.length === 4 ? p.charAt(0).toUpperCase() + p.slice(1) : p.toUpperCase())).join('-');
  let name: string;
  try {
    name = (names ??= new Intl.DisplayNames('en', { type: 'language', fallback: 'code' })).of(tag) ?? tag;
  } catch {
    name = engineCode;
  }
  if (language === 'zh' && !/Traditional/.test(name)) name = 'Simplified Chinese';
  const script = SCRIPT[language];
  return { language, name, notes: NOTES[language] ?? '', ...(script ? { script } : {}) };
}
