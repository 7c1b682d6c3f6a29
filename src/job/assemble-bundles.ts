import path from 'node:path';
import type { ResolvedConfig, ResolvedTarget } from '../config/resolved-config.js';
import type { BundleEntry } from '../messages/message-types.js';
import type { Finding } from '../qa/qa-types.js';
import { escapeIcuText, findI18nextSyntax } from '../write/index.js';
import { formatI18nextBundle } from '../write/i18next-bundle.js';
import { formatIcuBundle } from '../write/icu-bundle.js';
import type { TmLookup } from './plan-job.js';
import { planUnit, unitSourceEntries } from './plan-unit.js';
import type { SourceDocument, SourceUnit } from './source-document.js';

export interface BundleFile {
  /** Absolute path. */
  path: string;
  content: string;
}

/** QA of the bundles: one segment pair, and (ICU) a whole rebuilt message. */
export interface BundleQa {
  segment(input: { source: string; target: string; locale: string; syntax: SourceUnit['syntax'] }): Finding[];
  message(input: { source: string; target: string; locale: string }): Finding[];
}

/** A QA finding on a key of one locale: the segment (or message) pair it was found on. */
export interface KeyFinding extends Finding {
  locale: string;
  namespace: string;
  key: string;
  source: string;
  target: string;
}

export interface BundleSet {
  files: BundleFile[];
  /** Per target locale: keys left out (or written in the source language) because a segment is missing or has an error finding. */
  incomplete: Map<string, Array<{ namespace: string; key: string; reason: 'missing' | 'qa' }>>;
  /** Texts that cannot be written as they are (left out of the bundles, reported as errors). */
  problems: Array<{ locale: string; namespace: string; key: string; message: string }>;
  /** Every QA finding, per locale and key, in bundle order. */
  findings: KeyFinding[];
}

/**
 * The bundles for the current sources and TM, as file contents. Pure: the job writes them.
 * A unit is complete for a locale when the TM has every segment its plan needs; it ships when no
 * segment (and, for ICU, the rebuilt message) has an `error` finding — never silently broken.
 * Articles go to i18next and ICU bundles, i18next sources to i18next bundles, ICU sources to ICU.
 */
export function assembleBundles(config: ResolvedConfig, documents: readonly SourceDocument[], lookup: TmLookup, locales: readonly ResolvedTarget[], qa: BundleQa): BundleSet {
  const files: BundleFile[] = [];
  const incomplete: BundleSet['incomplete'] = new Map();
  const problems: BundleSet['problems'] = [];
  const findings: KeyFinding[] = [];
  const { output } = config;

  const addLocale = (locale: string, entriesOf: (document: SourceDocument, unit: SourceUnit) => BundleEntry[]) => {
    const icu: Array<[string, BundleEntry[]]> = [];
    for (const document of documents) {
      const entries = document.units.flatMap((unit) => entriesOf(document, unit));
      if (document.format === 'text') {
        // i18next has no escape for its own syntax: such a text would render wrong, so it is refused.
        const safe = entries.filter((entry) => {
          const syntax = findI18nextSyntax(entry.value);
          if (syntax) problems.push({ locale, namespace: document.namespace, key: entry.path.join('.'), message: `contains i18next syntax ${JSON.stringify(syntax)} that cannot be escaped` });
          return !syntax;
        });
        if (output.formats.includes('i18next')) files.push({ path: path.join(output.dir, locale, `${document.namespace}.json`), content: formatI18nextBundle(safe) });
        icu.push([document.namespace, safe.map((entry) => ({ path: entry.path, value: escapeIcuText(entry.value) }))]);
      } else if (document.format === 'i18next') {
        if (output.formats.includes('i18next')) files.push({ path: path.join(output.dir, locale, `${document.namespace}.json`), content: formatI18nextBundle(entries) });
      } else {
        icu.push([document.namespace, entries]);
      }
    }
    if (output.formats.includes('icu') && icu.length > 0) files.push({ path: path.join(output.dir, 'icu', `${locale}.json`), content: formatIcuBundle(icu) });
  };

  if (output.writeSourceLocale) addLocale(config.sourceLocale, (_, unit) => unitSourceEntries(unit));

  for (const target of locales) {
    const left: Array<{ namespace: string; key: string; reason: 'missing' | 'qa' }> = [];
    incomplete.set(target.locale, left);
    const segmentFindings = new Map<string, Finding[]>(); // a segment used by many keys is checked once
    addLocale(target.locale, (document, unit) => {
      const plan = planUnit(unit, target, config.sourceLocale);
      const translations = plan.segments.map((segment) => lookup(target.locale, segment.text)?.target);
      const where = { locale: target.locale, namespace: document.namespace, key: unit.key };
      const fallback = () => (output.incomplete === 'source' ? unitSourceEntries(unit) : []);
      if (!translations.every((t): t is string => t !== undefined)) {
        left.push({ namespace: document.namespace, key: unit.key, reason: 'missing' });
        return fallback();
      }
      let blocked = false;
      plan.segments.forEach((segment, i) => {
        const targetText = translations[i] as string;
        let found = segmentFindings.get(segment.text);
        if (!found) segmentFindings.set(segment.text, (found = qa.segment({ source: segment.text, target: targetText, locale: target.locale, syntax: unit.syntax })));
        for (const finding of found) findings.push({ ...where, source: segment.text, target: targetText, ...finding });
        blocked ||= found.some((f) => f.severity === 'error');
      });
      const entries = plan.build(translations);
      if (unit.syntax === 'icu') {
        for (const entry of entries) {
          const found = qa.message({ source: unit.text, target: entry.value, locale: target.locale });
          for (const finding of found) findings.push({ ...where, source: unit.text, target: entry.value, ...finding });
          blocked ||= found.some((f) => f.severity === 'error');
        }
      }
      if (blocked) {
        left.push({ namespace: document.namespace, key: unit.key, reason: 'qa' });
        return fallback();
      }
      return entries;
    });
  }
  return { files, incomplete, problems, findings };
}
