import { createRequire } from 'node:module';

/** How tokens are counted: a real BPE (OpenAI's encodings, from gpt-tokenizer) or an estimate. */
export type TokenizerName = 'o200k_base' | 'cl100k_base' | 'estimate';

export interface TokenCounter {
  readonly name: TokenizerName;
  /** True when the count is an estimate (a model family without a bundled tokenizer). */
  readonly estimated: boolean;
  count(text: string): number;
}

/**
 * The tokenizer of a model family: o200k_base for gpt-4o, gpt-4.1, gpt-5, o1/o3/o4; cl100k_base
 * for gpt-4 and gpt-3.5; anything else (Llama, Qwen, Mistral on a local server) is estimated.
 */
export function tokenizerForModel(model: string): TokenizerName {
  const m = model.toLowerCase().replace(/^.*\//, '');
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o[1-9]|chatgpt-4o|gpt-oss)/.test(m)) return 'o200k_base';
  if (/^(gpt-4|gpt-3\.5)/.test(m)) return 'cl100k_base';
  return 'estimate';
}

const require = createRequire(import.meta.url);

/**
 * A counter for `name`. The BPE tables are loaded on the first count (about 0.25 s), so a run that
 * sends nothing never pays for them; they ship inside the npm package (nothing is downloaded).
 * The estimate: a token per 2.5 Cyrillic, Kazakh or other non-Latin letters, per 4 Latin characters, and one per Han
 * character or symbol — close to BPE counts for Russian, Kazakh and Chinese, on the safe side.
 */
export function createTokenCounter(name: TokenizerName): TokenCounter {
  if (name === 'estimate') return { name, estimated: true, count: estimateTokens };
  let encode: ((text: string) => number) | undefined;
  return {
    name,
    estimated: false,
    count(text) {
      encode ??= (require(`gpt-tokenizer/cjs/encoding/${name}`) as { countTokens: (text: string) => number }).countTokens;
      return text === '' ? 0 : encode(text);
    },
  };
}

export function estimateTokens(text: string): number {
  let latin = 0;
  let other = 0;
  let wide = 0;
  for (const c of text) {
    const code = c.codePointAt(0) as number;
    if (code < 0x80) latin++;
    else if (code >= 0x2e80) wide++;
    else other++;
  }
  return Math.ceil(latin / 4 + other / 2.5 + wide);
}

/**
 * `counter.count` remembered per text: segment texts are counted when batched and again for each
 * request, the fixed prompt for every request. Texts over 4,000 characters are not kept.
 */
export function memoizedCount(counter: TokenCounter): (text: string) => number {
  const memo = new Map<string, number>();
  return (text) => {
    if (text.length > 4000) return counter.count(text);
    let n = memo.get(text);
    if (n === undefined) {
      if (memo.size > 100_000) memo.clear();
      memo.set(text, (n = counter.count(text)));
    }
    return n;
  };
}
