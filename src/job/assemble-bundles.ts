import path from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { escapeIcuText, findI18nextSyntax, formatI18nextJson, formatIcuMessages } from '../write/index.js';
import type { TmLookup } from './plan-job.js';
import type { SourceDocument } from './source-document.js';

export interface BundleFile {
  /** Absolute path. */
  path: string;
  content: string;
}

export interface BundleSet {
  files: BundleFile[];
  /** Per target locale: keys left out (or written in the source language) because a segment is missing. */
  incomplete: Map<string, Array<{ namespace: string; key: string }>>;
  /** Texts that cannot be written as they are (left out of the bundles, reported as errors). */
  problems: Array<{ locale: string; namespace: string; key: string; message: string }>;
}

/**
 * The bundles for the current sources and TM, as file contents. Pure: the job writes them.
 * A block is complete for a locale when the TM has every one of its segments; its target is the
 * segments' translations joined with the locale's sentence joiner (none between Chinese sentences).
 */
export function assembleBundles(config: ResolvedConfig, documents: readonly SourceDocument[], lookup: TmLookup, locales = config.targets): BundleSet {
  const files: BundleFile[] = [];
  const incomplete = new Map<string, Array<{ namespace: string; key: string }>>();
  const problems: BundleSet['problems'] = [];
  const { output } = config;

  const addLocale = (locale: string, entriesOf: (document: SourceDocument) => Array<[string, string]>) => {
    const icu: Array<[string, Array<[string, string]>]> = [];
    for (const document of documents) {
      const entries = entriesOf(document).filter(([key, value]) => {
        // i18next has no escape for its own syntax: such a text would render wrong, so it is refused.
        const syntax = findI18nextSyntax(value);
        if (syntax) problems.push({ locale, namespace: document.namespace, key, message: `contains i18next syntax ${JSON.stringify(syntax)} that cannot be escaped` });
        return !syntax;
      });
      if (output.formats.includes('i18next')) {
        files.push({ path: path.join(output.dir, locale, `${document.namespace}.json`), content: formatI18nextJson(entries) });
      }
      icu.push([document.namespace, entries.map(([key, value]): [string, string] => [key, escapeIcuText(value)])]);
    }
    if (output.formats.includes('icu')) files.push({ path: path.join(output.dir, 'icu', `${locale}.json`), content: formatIcuMessages(icu) });
  };

  if (output.writeSourceLocale) {
    addLocale(config.sourceLocale, (document) => document.blocks.map((block) => [block.key, block.text]));
  }
  for (const target of locales) {
    const missingKeys: Array<{ namespace: string; key: string }> = [];
    incomplete.set(target.locale, missingKeys);
    addLocale(target.locale, (document) => {
      const entries: Array<[string, string]> = [];
      for (const block of document.blocks) {
        const targets = block.segments.map((segment) => lookup(target.locale, segment)?.target);
        if (targets.every((t): t is string => t !== undefined)) {
          entries.push([block.key, targets.join(target.sentenceJoiner)]);
        } else {
          missingKeys.push({ namespace: document.namespace, key: block.key });
          if (output.incomplete === 'source') entries.push([block.key, block.text]);
        }
      }
      return entries;
    });
  }
  return { files, incomplete, problems };
}
