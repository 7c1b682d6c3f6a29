/**
 * The one definition of URLs and e-mail addresses in text, shared by protection (they are kept
 * verbatim through MT) and QA (they must come back unchanged).
 *
 * A URL runs to the next space or character that cannot be part of one in prose: quotes, angle
 * brackets and braces, Han characters and full-width punctuation (`见https://x.cn/a。`), and the
 * private-use marks the tokenizers use for masked spans.
 */
export const URL_PATTERN = /(?<![A-Za-z0-9_@./\-])(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'«»“”„‘’`{}\u0001\uFFFC，。、；：？！（）《》【】\p{Script=Han}]+/giu;
/** ASCII addresses: a Latin local part keeps `请发至info@x.kz` from swallowing the Han before it. */
export const EMAIL_PATTERN = /(?<![A-Za-z0-9._%+\-@])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9\-@])/g;

/** Characters that end a sentence or close markup around a URL rather than belong to it. */
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', '…', '"', '»', '”', ')', ']', '*', '~']);

/**
 * The URL in a match of `URL_PATTERN`: trailing punctuation dropped, a closing bracket kept when
 * the URL opened it (`…/Foo_(bar)`); undefined when only the scheme or `www.` is left (`see https://`).
 */
export function urlIn(match: string): string | undefined {
  const url = trimUrl(match);
  return /^(?:(?:https?|ftp):\/\/|www\.)$/i.test(url) ? undefined : url;
}

function trimUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    const last = url.at(-1);
    if (last === undefined || !TRAILING.has(last)) return url;
    if (last === ')' && count(url, '(') >= count(url, ')')) return url;
    if (last === ']' && count(url, '[') >= count(url, ']')) return url;
    url = url.slice(0, -1);
  }
}

const count = (s: string, c: string): number => s.split(c).length - 1;
