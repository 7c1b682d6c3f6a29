export type { KeyMap, KeyMapEntry } from './key-map.js';
export { KEY_MAP_VERSION } from './key-map.js';
export { uniqueSlugKey, KEY_PATTERN } from './slug-key.js';
export { assignKeys } from './assign-keys.js';
export type { AssignedKeys } from './assign-keys.js';
export { parseKeyMap, formatKeyMap, keyMapFileOf, keyMapFormatsAs } from './key-map-file.js';
