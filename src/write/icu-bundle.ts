/**
 * ICU bundles of app strings for @formatjs/intl: one flat `{ "<namespace>.<key path joined by .>":
 * message }` object per locale, namespaces in the given order, then entry order. Messages are
 * complete ICU messages and are written as they are (`escapeIcuText` makes one of plain prose).
 */
import { TilmashError } from '../errors.js';
import type { BundleEntry } from '../messages/message-types.js';
import { formatFlatJson } from './flat-json.js';

export function formatIcuBundle(namespaces: ReadonlyArray<readonly [namespace: string, entries: readonly BundleEntry[]]>): string {
  const seen = new Set<string>();
  const messages = namespaces.flatMap(([namespace, entries]) =>
    entries.map(({ path, value }) => {
      const id = `${namespace}.${path.join('.')}`;
      if (seen.has(id)) throw new TilmashError('badSource', `ICU message id ${JSON.stringify(id)} is written twice. Rename one of the two source messages.`);
      seen.add(id);
      return [id, value] as const;
    }),
  );
  return formatFlatJson(messages);
}
