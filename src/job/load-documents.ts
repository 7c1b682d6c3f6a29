import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { TilmashError } from '../errors.js';
import { assignKeys, formatKeyMap, parseKeyMap } from '../keys/index.js';
import { decodeText, readDocument } from '../read/index.js';
import { describeSourceFile, findSources, type SourceFileFormat } from '../read/find-sources.js';
import { readI18nextJson } from '../read/read-i18next-json.js';
import { readIcuMessages } from '../read/read-icu-messages.js';
import { SINGLE_UNIT_KINDS } from '../read/source-block.js';
import { extendRules, russianRules, segmentSentences } from '../segment/index.js';
import { mergeSplitMarkup } from './merge-split-markup.js';
import type { ArticleUnit, MessageUnit, SourceDocument } from './source-document.js';

/**
 * Reads every source document of the config: articles decode → blocks → keys → segments; app
 * strings decode → messages. Pure of writes:
 * a changed key map is returned (`keyMapChanged`), written later by the job with the bundles.
 */
export function loadDocuments(config: ResolvedConfig): SourceDocument[] {
  const files = findSources(config.rootDir, config.sources);
  if (files.length === 0) {
    throw new TilmashError(
      'badSource',
      `No source documents match ${config.sources.map((g) => `'${g}'`).join(', ')} in ${config.rootDir}. Add a file such as source/<name>.ru.txt or fix \`sources\` in the config.`,
    );
  }
  const rules = extendRules(russianRules, { noBreak: config.extraAbbreviations });
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
    return loadDocument(config, file, described.namespace, described.format, rules);
  });
}

function loadDocument(config: ResolvedConfig, file: string, namespace: string, format: SourceFileFormat, rules: typeof russianRules): SourceDocument {
  const text = decodeText(readFileSync(path.join(config.rootDir, file)), file);
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
  const sourceBlocks = readDocument(text, format, { boilerplate: config.boilerplate, captionPatterns: config.captionPatterns }, file);

  const keyMapFile = file.replace(/\.(txt|md|markdown)$/u, '.keys.json').replace(new RegExp(`\\.${config.sourceLocale}\\.keys\\.json$`, 'u'), '.keys.json');
  const keyMapPath = path.join(config.rootDir, keyMapFile);
  const previousText = existsSync(keyMapPath) ? readFileSync(keyMapPath, 'utf8') : undefined;
  const previous = previousText === undefined ? undefined : parseKeyMap(previousText, keyMapFile);
  const { keys, map } = assignKeys(sourceBlocks, previous);

  const units: ArticleUnit[] = sourceBlocks.map((block, i) => ({
    type: 'block',
    key: keys[i] as string,
    kind: block.kind,
    text: block.text,
    line: block.line,
    syntax: format === 'md' ? 'markdown' : 'plain',
    segments: SINGLE_UNIT_KINDS.has(block.kind) ? [block.text] : sentencesOf(block.text, format, rules),
  }));
  return { namespace, file, format: 'text', units, keyMap: { file: keyMapFile, map, changed: previousText !== formatKeyMap(map) } };
}

function sentencesOf(text: string, format: 'txt' | 'md', rules: typeof russianRules): string[] {
  const sentences = segmentSentences(text, rules);
  return format === 'md' ? mergeSplitMarkup(text, sentences) : sentences;
}
