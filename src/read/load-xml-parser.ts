import { createRequire } from 'node:module';
import type * as FastXmlParser from 'fast-xml-parser';

let loaded: typeof FastXmlParser | undefined;

/**
 * fast-xml-parser, loaded on first use: it costs ~40 ms to load, and a run without a TBX glossary
 * never pays for it (startup is a benchmark target). Synchronous, for the synchronous TBX reader
 * (glossary/read-tbx-glossary.ts), its only user.
 */
export function loadXmlParser(): typeof FastXmlParser {
  return (loaded ??= createRequire(import.meta.url)('fast-xml-parser') as typeof FastXmlParser);
}
