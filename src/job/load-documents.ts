import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { TilmashError } from '../errors.js';
import { decodeText } from '../read/index.js';
import { describeSourceFile, findSources, type SourceFileFormat } from '../read/find-sources.js';
import { readI18nextJson } from '../read/read-i18next-json.js';
import { readIcuMessages } from '../read/read-icu-messages.js';
import { guardSourcePaths } from '../read/source-path-guard.js';
import type { SegmentationRules } from '../segment/index.js';
import { loadCached } from './cached-load.js';
import type { DocumentCache } from './document-cache.js';
import { articleRules, loadArticle } from './load-article.js';
import type { MessageUnit, SourceDocument } from './source-document.js';

/**
 * Reads every source document of the config: articles decode → blocks → keys → segments
 * (`loadArticle`); app strings decode → messages. Pure of writes:
 * a changed key map is returned (`keyMapChanged`), written later by the job with the bundles.
 */
export function loadDocuments(config: ResolvedConfig, cache?: DocumentCache): SourceDocument[] {
  const files = findSources(config.rootDir, config.sources);
  if (files.length === 0) {
    throw new TilmashError(
      'badSource',
      `No source documents match ${config.sources.map((g) => `'${g}'`).join(', ')} in ${config.rootDir}. Add a file such as source/<name>.ru.txt or fix \`sources\` in the config.`,
    );
  }
  guardSourcePaths(config.rootDir, files, config.sourceLinks);
  const rules = articleRules(config);
  const byNamespace = new Map<string, string>();
  return files.map((file) => {
    const described = describeSourceFile(file, config.sourceLocale);
    if (!described) {
      throw new TilmashError(
        'badSource',
        `${file}: not a source document name. Name it <name>.${config.sourceLocale}.txt or .md (articles), <name>.${config.sourceLocale}.json (i18next) or <name>.${config.sourceLocale}.icu.json (ICU messages), or narrow \`sources\`.`,
        { file },
      );
    }
    const other = byNamespace.get(described.namespace);
    if (other) {
      throw new TilmashError('badSource', `${file}: namespace '${described.namespace}' is already taken by ${other}. Rename one of the two files.`, { file });
    }
    byNamespace.set(described.namespace, file);
    const bytes = readFileSync(path.join(config.rootDir, file));
    const read = () => loadDocument(config, file, described.namespace, described.format, rules, bytes);
    // With a cache (run, status, check), an unchanged article is not read again (cached-load.ts).
    return cache ? loadCached(config, cache, { file, namespace: described.namespace, bytes, isArticle: described.format === 'txt' || described.format === 'md' }, read) : read();
  });
}

function loadDocument(config: ResolvedConfig, file: string, namespace: string, format: SourceFileFormat, rules: SegmentationRules, bytes: Buffer): SourceDocument {
  const text = decodeText(bytes, file);
  if (format === 'i18next' || format === 'icu') {
    const messages = format === 'i18next' ? readI18nextJson(text, file, config.sourceLocale) : readIcuMessages(text, file);
    const units: MessageUnit[] = messages.map((message) => ({
      type: 'message',
      key: message.path.join('.'),
      line: message.line,
      text: message.text,
      syntax: message.syntax,
      message,
    }));
    return { namespace, file, format, units };
  }
  return { namespace, file, format: 'text', ...loadArticle(config.rootDir, file, text, format, config, rules) };
}
