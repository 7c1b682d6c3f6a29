export { formatFlatJson } from './flat-json.js';
export { escapeI18nextValue, findI18nextSyntax, formatI18nextJson } from './i18next-json.js';
export { escapeIcuText, formatIcuMessages, type IcuEscapeOptions } from './icu-messages.js';
export { writeFileIfChanged, writeFilesAtomically, type FileToWrite } from './write-file-atomic.js';
