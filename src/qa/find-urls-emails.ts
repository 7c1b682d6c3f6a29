import { EMAIL_PATTERN, URL_PATTERN, urlIn } from '../protect/url-email-patterns.js';

export interface UrlOrEmail {
  kind: 'URL' | 'e-mail';
  text: string;
  index: number;
}

/**
 * The URLs (`https://…`, `ftp://…`, `www.…`) and e-mail addresses of a text, in order. Sentence
 * punctuation after a URL is not part of it; a closing parenthesis is only when the URL opened one.
 * A bare `https://` or `www.` is no URL. Protection reads URLs the same way (`urlIn`).
 */
export function findUrlsAndEmails(text: string): UrlOrEmail[] {
  const found: UrlOrEmail[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = urlIn(match[0]);
    if (url !== undefined) found.push({ kind: 'URL', text: url, index: match.index });
  }
  const withoutUrls = maskUrlsAndEmails(text, ' ', found);
  for (const match of withoutUrls.matchAll(EMAIL_PATTERN)) {
    found.push({ kind: 'e-mail', text: match[0], index: match.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The text with every URL and e-mail replaced by `fill` repeated to the same length. */
export function maskUrlsAndEmails(text: string, fill: string, found = findUrlsAndEmails(text)): string {
  let out = text;
  for (const item of found) {
    out = out.slice(0, item.index) + fill.repeat(item.text.length) + out.slice(item.index + item.text.length);
  }
  return out;
}
