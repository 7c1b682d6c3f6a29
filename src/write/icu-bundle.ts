/**
 * ICU bundles of app strings for @formatjs/intl: one flat `{ "<namespace>.<key path joined by .>":
 * message }` object per locale, namespaces in the given order, then entry order; same style as
 * `formatIcuMessages`. Messages are complete ICU messages and are written as they are.
 */
import { TilmashError } from '../errors.js';
import type { BundleEntry } from '../messages/message-types.js';
import { formatIcuMessages } from './icu-messages.js';

export function formatIcuBundle(namespaces: ReadonlyArray<readonly [namespace: string, entries: readonly BundleEntry[]]>): string {
  const seen = new Set<string>();
  for (const [namespace, entries] of namespaces) {
    for (const { path } of entries) {
      const id = `${namespace}.${path.join('.')}`;
      if (seen.has(id)) throw new TilmashError('badSource', `ICU message id ${JSON.stringify(id)} is written twice. Rename one of the two source messages.`);
      seen.add(id);
    }
  }
  return formatIcuMessages(namespaces.map(([namespace, entries]) => [namespace, entries.map(({ path, value }) => [path.join('.'), value] as const)] as const));
}
