/**
 * How a text marks what must survive translation untouched. `plain`: article text (URLs, e-mails,
 * do-not-translate terms); `markdown`: plus inline Markdown and HTML tags; `i18next`: `{{var}}`,
 * `$t(key)`, `<0>…</0>`/`<b>…</b>` tags; `icu`: one plural/select-free ICU message (`{name}`, `#`,
 * `{n, number}`, rich-text tags, `'` escapes).
 */
export type Syntax = 'plain' | 'markdown' | 'i18next' | 'icu';

/**
 * A segment cut into what is translated (`text`) and what is kept verbatim. `joinPieces` gives back
 * the segment (canonical input); plain concatenation does not in `icu`, where texts and the URL,
 * e-mail and term placeholders hold unescaped visible text.
 */
export type Piece =
  | { type: 'text'; text: string }
  /** Opaque and kept verbatim: a variable, a nesting call, a self-closing tag, a Markdown code span, a URL, an e-mail, a do-not-translate term. */
  | { type: 'placeholder'; raw: string; kind: PlaceholderKind }
  /** The opening half of a paired tag; the text up to its `close` (same `pair`) is translated. */
  | { type: 'open'; raw: string; pair: number }
  | { type: 'close'; raw: string; pair: number };

export type PlaceholderKind = 'variable' | 'nesting' | 'tag' | 'url' | 'email' | 'term' | 'code';

/**
 * How protected pieces travel through an engine:
 * - `none`: nothing to protect, the text is sent as it is;
 * - `xml`: pieces become `<x id="N"/>` and `<g id="N">…</g>` and the engine's XML tag handling keeps them (DeepL en, zh);
 * - `sentinel`: pieces become `⟦N⟧` markers in plain text (no tag handling needed: DeepL kk);
 * - `split`: only the text runs between pieces are sent, each on its own; pieces never leave Tilmash.
 */
export type ProtectionMethod = 'none' | 'xml' | 'sentinel' | 'split';

/** A segment ready for an engine: the texts to send and how to turn the answers back into a target. */
export interface ProtectedSegment {
  method: ProtectionMethod;
  /** Texts to send, in order (one for every method but `split`). Empty for `split` when there is no text to translate. */
  wire: string[];
  /** `format: 'xml'` requests need the engine's XML tag handling. */
  format: 'text' | 'xml';
  /** The engine's answers to `wire`, same order → the target in the source's syntax, verified. */
  restore(translated: readonly string[]): RestoreResult;
}

export interface RestoreResult {
  /** The target with every protected piece put back (best effort when `problems` is not empty). */
  text: string;
  /** Empty when every placeholder and tag of the source is present exactly once and tags nest. */
  problems: string[];
}
