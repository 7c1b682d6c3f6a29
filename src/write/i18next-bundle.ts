/**
 * Nested i18next JSON v4 bundles for app strings (`locales/<lng>/<namespace>.json`): entries'
 * paths become nested objects. Keys keep first-seen order (no JS object is built, so integer-like
 * keys are not moved first); output is byte-identical to `JSON.stringify(tree, null, 2)` plus a
 * trailing newline. Values are written verbatim: app strings mean their `{{var}}` and `$t()`.
 */
import { TilmashError } from '../errors.js';
import type { BundleEntry } from '../messages/message-types.js';

interface Branch {
  children: Map<string, Branch | string>;
}

export function formatI18nextBundle(entries: readonly BundleEntry[]): string {
  const root: Branch = { children: new Map() };
  for (const { path, value } of entries) insert(root, path, value);
  return `${printBranch(root, '')}\n`;
}

function insert(root: Branch, path: readonly string[], value: string): void {
  const shown = (depth: number): string => JSON.stringify(path.slice(0, depth + 1).join('.'));
  if (path.length === 0) throw new TilmashError('badSource', `An i18next bundle entry has an empty key path (value ${JSON.stringify(value)}).`);
  let branch = root;
  path.forEach((key, depth) => {
    const existing = branch.children.get(key);
    if (depth === path.length - 1) {
      if (existing !== undefined) {
        throw new TilmashError(
          'badSource',
          typeof existing === 'string'
            ? `i18next key ${shown(depth)} is written twice. Rename one of the two source keys.`
            : `i18next key ${shown(depth)} is both a text and an object of keys. Rename the text key or the nested keys.`,
        );
      }
      branch.children.set(key, value);
      return;
    }
    if (typeof existing === 'string') {
      throw new TilmashError(
        'badSource',
        `i18next key ${shown(depth)} is both a text and an object of keys (${JSON.stringify(path.join('.'))} is below it). Rename the text key or the nested keys.`,
      );
    }
    const next = existing ?? { children: new Map() };
    branch.children.set(key, next);
    branch = next;
  });
}

function printBranch(branch: Branch, indent: string): string {
  if (branch.children.size === 0) return '{}';
  const inner = `${indent}  `;
  const lines = [...branch.children].map(
    ([key, child]) => `${inner}${JSON.stringify(key)}: ${typeof child === 'string' ? JSON.stringify(child) : printBranch(child, inner)}`,
  );
  return `{\n${lines.join(',\n')}\n${indent}}`;
}
