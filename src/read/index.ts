export { decodeText } from './decode-text.js';
export { defaultBoilerplateRules, defaultCaptionPatterns } from './default-reader-rules.js';
export { reduceInline } from './markdown-inline.js';
export { readDocument, readDocumentExplained, type BoilerplateRule, type ReadResult, type ReaderDecision, type ReaderOptions, type SourceFormat } from './read-document.js';
export { SINGLE_UNIT_KINDS, type BlockKind, type SourceBlock } from './source-block.js';
