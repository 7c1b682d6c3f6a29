/** One entry of a bundle: a key path (nested i18next keys, or one ICU id) and its value. */
export interface BundleEntry {
  path: string[];
  value: string;
}

/**
 * One message of an app-string source (`source/<name>.ru.json` or `source/<name>.ru.icu.json`).
 * i18next plural keys (`n_one`, `n_few`, `n_many`, `n_other`) are one message with `pluralForms`.
 */
export interface SourceMessage {
  /** Key path: i18next nesting levels (`['menu', 'file']`), for ICU `[id]`. Plural groups: the base key. */
  path: string[];
  /** 1-based line of the key in the source file, for messages. */
  line: number;
  syntax: 'i18next' | 'icu';
  /** The message text; for a plural group the `other` form. */
  text: string;
  /** i18next plural group: text per CLDR category of the source key suffixes, in source order. */
  pluralForms?: ReadonlyArray<{ category: string; text: string }>;
  /** i18next ordinal plural group (`_ordinal_one` …). */
  ordinal?: boolean;
  /** FormatJS `description`: sent to the engine as context (never translated, never billed). */
  description?: string;
}

/**
 * What one message needs from the TM for one target locale, and how its bundle entries are built
 * from the translations. `segments[i].text` is a TM source (Russian, in the message's syntax,
 * with no plural or select left in it); `build` receives one translation per segment, same order.
 */
export interface LocalizedMessagePlan {
  segments: Array<{ text: string; context?: string; /** Which form it is, for translators: `plural: one, other`. */ label?: string }>;
  build(translations: readonly string[]): BundleEntry[];
}
