/**
 * The real-page corpus in tests/fixtures/pages: scraped Russian pages (SOURCES.json names each
 * page's address) with the blocks a publication would translate, one `kind|text` line each.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './project.js';

export const PAGES_DIR = path.join(REPO, 'tests', 'fixtures', 'pages');

export interface PageFixture {
  name: string;
  text: string;
  expected: Array<{ kind: string; text: string }>;
}

export function loadPages(): PageFixture[] {
  return readdirSync(PAGES_DIR)
    .filter((f) => f.endsWith('.page.txt'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.page.txt'.length);
      const expected = readFileSync(path.join(PAGES_DIR, `${name}.expected.txt`), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => {
          const bar = l.indexOf('|');
          return { kind: l.slice(0, bar), text: l.slice(bar + 1) };
        });
      return { name, text: readFileSync(path.join(PAGES_DIR, f), 'utf8'), expected };
    });
}
