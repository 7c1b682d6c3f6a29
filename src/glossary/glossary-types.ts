/** One glossary entry: a Russian term and what it must become in each target locale. */
export interface GlossaryTerm {
  /** The term as written in Russian sources (nominative; inflected forms are matched too). */
  source: string;
  /** Required translation per target locale (`en`, `kk`, `zh`); a locale without one is not checked. */
  targets: Readonly<Record<string, string>>;
  /** Kept verbatim in every locale (names like `C5`, `Carnegie Russia Eurasia Center`): protected through MT. */
  doNotTranslate: boolean;
  note?: string;
}

export interface Glossary {
  /** Path relative to the project root, or '' for no glossary. */
  file: string;
  terms: readonly GlossaryTerm[];
}

export const EMPTY_GLOSSARY: Glossary = { file: '', terms: [] };
