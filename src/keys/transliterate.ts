/**
 * Cyrillic (Russian + Kazakh) → ASCII transliteration for readable keys.
 *
 * The table is deliberately simple and fixed: keys derived from it are committed in key maps,
 * so changing an entry changes no existing key (kept keys come from the map), only new ones.
 *
 *   а a   б b   в v   г g   д d   е e   ё yo  ж zh  з z   и i   й j   к k   л l   м m
 *   н n   о o   п p   р r   с s   т t   у u   ф f   х h   ц c   ч ch  ш sh  щ shch
 *   ъ ''  ы y   ь ''  э e   ю yu  я ya
 *   Kazakh: ә a   ғ g   қ q   ң n   ө o   ұ u   ү u   һ h   і i
 *
 * Latin letters and digits are kept (lowercased; accents dropped), ъ and ь are dropped inside a
 * word, every other character separates words.
 */

const TABLE: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'j',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'h', ц: 'c', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  ә: 'a', ғ: 'g', қ: 'q', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
};

/** ASCII form of one lowercased character: letters/digits, '' (dropped) or ' ' (separator). */
function transliterateChar(ch: string): string {
  const mapped = TABLE[ch];
  if (mapped !== undefined) return mapped;
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39))) return ch;
  if (code < 0x80) return ' '; // other ASCII: a separator (no regex per character: a 20 MB article has 10^7)
  // Accented Latin (é, ü, ñ…): keep the base letter. Cyrillic never gets here (ё, й are in TABLE).
  const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return /^[a-z]$/.test(base) ? base : ' ';
}

/** Lowercase ASCII text: only `[a-z0-9]` and single spaces between words, trimmed. */
export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC').toLowerCase()) out += transliterateChar(ch);
  return out.replace(/ +/g, ' ').trim();
}

/**
 * The words of `text` after transliteration; each matches `[a-z0-9]+`. With `max`, stops after
 * that many words (a key needs the first few words, not the whole paragraph transliterated).
 * The text is read in windows that end before an ASCII space (a word separator at which NFC and
 * lower-casing of the parts give those of the whole), so only the first window is usually copied.
 */
export function slugWords(text: string, max = Infinity): string[] {
  const words: string[] = [];
  for (let from = 0; from < text.length && words.length < max; ) {
    const cut = from + WINDOW < text.length ? text.indexOf(' ', from + WINDOW) : -1;
    const to = cut < 0 ? text.length : cut;
    windowWords(text.slice(from, to), max, words);
    from = to;
  }
  return words.slice(0, max);
}

/** How many characters a window of `slugWords` holds at least. */
const WINDOW = 256;

function windowWords(text: string, max: number, words: string[]): void {
  let word = '';
  for (const ch of text.normalize('NFC').toLowerCase()) {
    const ascii = transliterateChar(ch);
    if (ascii !== ' ') {
      word += ascii;
      continue;
    }
    if (word !== '') words.push(word);
    word = '';
    if (words.length >= max) return;
  }
  if (word !== '') words.push(word);
}
