export { formatFlatJson } from './flat-json.js';
export { findI18nextSyntax } from './i18next-json.js';
export { escapeIcuText, type IcuEscapeOptions } from './icu-messages.js';
export { writeFileIfChanged, writeFilesAtomically, type FileToWrite } from './write-file-atomic.js';
