/**
 * The real-page corpus in tests/fixtures/pages: scraped Russian pages (SOURCES.json names each
 * page's address) with the blocks a publication would translate, one `kind|text` line each.
 */
import path from 'node:path';
import { loadPages as load, type PageFixture } from '../../bench/reader-corpus.js';
import { REPO } from './project.js';

export type { PageFixture };
export const PAGES_DIR = path.join(REPO, 'tests', 'fixtures', 'pages');
export const loadPages = (): PageFixture[] => load(PAGES_DIR);
