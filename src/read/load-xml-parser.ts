import { createRequire } from 'node:module';
import type * as FastXmlParser from 'fast-xml-parser';

let loaded: typeof FastXmlParser | undefined;

/**
 * fast-xml-parser, loaded on first use: it costs ~40 ms to load, and a run that reads no TBX, TMX
 * or XLIFF never pays for it (startup is a benchmark target). Synchronous, for synchronous readers.
 */
export function loadXmlParser(): typeof FastXmlParser {
  return (loaded ??= createRequire(import.meta.url)('fast-xml-parser') as typeof FastXmlParser);
}
