export { TranslationMemory } from './translation-memory.js';
export { TM_STATUSES, type TmEntry, type TmStatus } from './tm-entry.js';
export { formatTmLine, tmFileName } from './tm-file.js';
export { journalFileName } from './tm-journal.js';
