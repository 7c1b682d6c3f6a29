import { pluralPath } from './i18next-plural-key.js';
import type { BundleEntry, SourceMessage } from './message-types.js';

/** The source-locale bundle entries of a message exactly as written; plural groups as their suffixed keys. */
export function sourceEntries(message: SourceMessage): BundleEntry[] {
  if (message.pluralForms === undefined) return [{ path: [...message.path], value: message.text }];
  const ordinal = message.ordinal === true;
  return message.pluralForms.map(({ category, text }) => ({
    path: pluralPath(message.path, category, ordinal),
    value: text,
  }));
}
