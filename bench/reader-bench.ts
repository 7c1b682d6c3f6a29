/**
 * The reader on the real-page corpus (tests/fixtures/pages): chrome blocks kept, content blocks
 * lost or changed, headlines found. `READER_MODULE` points at another build's `read/index.js` to
 * score it with the same corpus (the "before" column of docs/BENCHMARKS.md).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadPages, scoreCorpus } from './reader-corpus.js';

interface ReadModule {
  readDocument(text: string, format: 'txt', options: unknown, file: string): Array<{ kind: string; text: string }>;
  defaultBoilerplateRules: unknown;
  defaultCaptionPatterns: unknown;
}

export async function runReaderBench(root: string): Promise<{ label: string; score: ReturnType<typeof scoreCorpus> }> {
  const module = process.env.READER_MODULE ?? path.join(root, 'dist', 'src', 'read', 'index.js');
  const read = (await import(pathToFileURL(module).href)) as ReadModule;
  const options = { boilerplate: read.defaultBoilerplateRules, captionPatterns: read.defaultCaptionPatterns };
  const pages = loadPages(path.join(root, 'tests', 'fixtures', 'pages'));
  return { label: process.env.READER_MODULE ? module : 'this build', score: scoreCorpus(pages, (text, name) => read.readDocument(text, 'txt', options, name)) };
}
