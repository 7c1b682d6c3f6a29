import { readExistingFile } from '../text/read-existing-file.js';
import path from 'node:path';
import type { ResolvedConfig } from '../config/resolved-config.js';
import { assignKeys, keyMapFileOf, keyMapFormatsAs, parseKeyMap } from '../keys/index.js';
import { readDocumentExplained, SINGLE_UNIT_KINDS, type ReaderDecision, type SourceFormat } from '../read/index.js';
import { extendRules, russianRules, segmentSentences, type SegmentationRules } from '../segment/index.js';
import { mergeSplitMarkup } from './merge-split-markup.js';
import type { ArticleUnit, SourceDocument } from './source-document.js';

/** The config settings an article is read with. */
export type ArticleConfig = Pick<ResolvedConfig, 'sourceLocale' | 'boilerplate' | 'captionPatterns' | 'extraAbbreviations'>;

/** The Russian segmentation rules with the config's extra abbreviations; build once per run. */
export function articleRules(config: ArticleConfig): SegmentationRules {
  return extendRules(russianRules, { noBreak: config.extraAbbreviations });
}

/**
 * A decoded article (`file`, relative to `rootDir`) → blocks → keys, reusing the key map beside
 * it → segments: a block's sentences, in Markdown merged where a break would cut inline markup.
 * Writes nothing: the key map it should hold now is returned with `changed`, and the reader's
 * decisions (what it dropped, cut or joined) for `tilmash segment --explain`.
 */
export function loadArticle(
  rootDir: string,
  file: string,
  text: string,
  format: SourceFormat,
  config: ArticleConfig,
  rules: SegmentationRules = articleRules(config),
): { units: ArticleUnit[]; keyMap: NonNullable<SourceDocument['keyMap']>; decisions: ReaderDecision[] } {
  const { blocks, decisions } = readDocumentExplained(text, format, { boilerplate: config.boilerplate, captionPatterns: config.captionPatterns }, file);
  const keyMapFile = keyMapFileOf(file, config.sourceLocale);
  const keyMapPath = path.resolve(rootDir, keyMapFile);
  const previousText = keyMapFile !== file ? readExistingFile(keyMapPath, keyMapFile, 'key map') : undefined;
  const previous = previousText === undefined ? undefined : parseKeyMap(previousText, keyMapFile);
  const { keys, map } = assignKeys(blocks, previous);

  const units = blocks.map(
    (block, i): ArticleUnit => ({
      type: 'block',
      key: keys[i] as string,
      kind: block.kind,
      text: block.text,
      line: block.line,
      syntax: format === 'md' ? 'markdown' : 'plain',
      segments: block.template ? block.template.pieces : SINGLE_UNIT_KINDS.has(block.kind) ? [block.text] : sentencesOf(block.text, format, rules),
      ...(block.template ? { glue: block.template.glue } : {}),
    }),
  );
  return { units, keyMap: { file: keyMapFile, map, changed: previousText === undefined || !keyMapFormatsAs(map, previousText) }, decisions };
}

function sentencesOf(text: string, format: SourceFormat, rules: SegmentationRules): string[] {
  const sentences = segmentSentences(text, rules);
  return format === 'md' ? mergeSplitMarkup(text, sentences) : sentences;
}
