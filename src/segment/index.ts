export { segmentSentences } from './segment-sentences.js';
export { extendRules, type RulesExtension, type SegmentationRules } from './segmentation-rules.js';
export { russianRules } from './rules-ru.js';
