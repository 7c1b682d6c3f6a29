export { segmentSentences } from './segment-sentences.js';
export {
  extendRules,
  type AbbreviationClass,
  type BreakRule,
  type RulesExtension,
  type SegmentationRules,
} from './segmentation-rules.js';
export { russianRules } from './rules-ru.js';
