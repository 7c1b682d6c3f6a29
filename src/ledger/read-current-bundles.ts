import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseOrderedJson, type JsonNode } from '../messages/ordered-json.js';

/** What the bundles on disk hold now, per namespace: flat key (nested paths joined with `.`) → value. */
export type CurrentBundles = Map<string, Map<string, string>>;

/**
 * Reads one target locale's bundles as they are on disk (possibly edited by a person since the
 * last run): i18next files for article and i18next namespaces, the ICU file for ICU namespaces.
 * A missing file is an empty namespace; a file that is not JSON is refused with its position.
 */
export function readCurrentBundles(outputDir: string, locale: string, namespaces: ReadonlyArray<{ namespace: string; format: 'text' | 'i18next' | 'icu' }>, shown: (file: string) => string): CurrentBundles {
  const out: CurrentBundles = new Map();
  let icu: Map<string, string> | undefined;
  for (const { namespace, format } of namespaces) {
    if (format === 'icu') {
      icu ??= readFlat(path.join(outputDir, 'icu', `${locale}.json`), shown);
      const prefix = `${namespace}.`;
      out.set(namespace, new Map([...icu].filter(([id]) => id.startsWith(prefix)).map(([id, value]) => [id.slice(prefix.length), value])));
    } else {
      out.set(namespace, readFlat(path.join(outputDir, locale, `${namespace}.json`), shown));
    }
  }
  return out;
}

function readFlat(file: string, shown: (file: string) => string): Map<string, string> {
  const flat = new Map<string, string>();
  if (!existsSync(file)) return flat;
  const walk = (node: JsonNode, prefix: string) => {
    if (node.kind === 'string') flat.set(prefix, node.value);
    if (node.kind !== 'object') return;
    for (const member of node.members) walk(member.value, prefix === '' ? member.key : `${prefix}.${member.key}`);
  };
  walk(parseOrderedJson(readFileSync(file, 'utf8'), shown(file)), '');
  return flat;
}
