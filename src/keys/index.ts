export type { KeyMap, KeyMapEntry } from './key-map.js';
export { KEY_MAP_VERSION } from './key-map.js';
export { transliterate, slugWords } from './transliterate.js';
export { slugKey, uniqueSlugKey, KEY_PATTERN, MAX_KEY_LENGTH, KIND_PREFIX } from './slug-key.js';
export { assignKeys, SIMILARITY_THRESHOLD } from './assign-keys.js';
export type { AssignedKeys } from './assign-keys.js';
export { parseKeyMap, formatKeyMap } from './key-map-file.js';
