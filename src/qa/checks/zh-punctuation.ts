import { maskUrlsAndEmails } from '../find-urls-emails.js';
import { languageOf } from '../locale-language.js';
import type { QaCheck } from '../qa-types.js';
import { visibleText } from '../visible-text.js';

const FULL_WIDTH: Readonly<Record<string, string>> = { ',': '，', '.': '。', '?': '？', '!': '！', ':': '：', ';': '；', '(': '（', ')': '）' };
const HAN = /\p{Script=Han}/u;
/** Stands for a variable or URL: neither Han nor punctuation, so nothing next to it is reported. */
const NEUTRAL = '\uFFFC';

/**
 * zh only: half-width `,.?!:;()` touching a Han character (`中国,美国`, `合作.`). Numbers (`3.6`),
 * URLs, e-mails and variables are not text, so their punctuation is never reported.
 */
export const zhPunctuationCheck: QaCheck = {
  id: 'zh-punctuation',
  defaultSeverity: 'warn',
  description: 'zh targets use full-width punctuation next to Chinese characters (，。？！：；（）)',
  run({ target, locale, syntax }) {
    if (languageOf(locale) !== 'zh') return [];
    const chars = [...maskUrlsAndEmails(visibleText(target, syntax, NEUTRAL), NEUTRAL)];
    const found = new Map<string, { count: number; excerpt: string }>();
    chars.forEach((char, i) => {
      if (FULL_WIDTH[char] === undefined) return;
      if (!HAN.test(chars[i - 1] ?? '') && !HAN.test(chars[i + 1] ?? '')) return;
      const seen = found.get(char);
      if (seen !== undefined) seen.count += 1;
      else found.set(char, { count: 1, excerpt: chars.slice(Math.max(0, i - 4), i + 5).join('').replaceAll(NEUTRAL, '…').trim() });
    });
    return [...found].map(
      ([char, { count, excerpt }]) =>
        `half-width «${char}» next to Chinese characters${count > 1 ? ` (${count}×)` : ''}, e.g. «${excerpt}»: use «${FULL_WIDTH[char]}»`,
    );
  },
};
