/** Tilmash's version: printed by `--version`, written into TMX/XLIFF headers, part of the QA fingerprint. */
export const VERSION = '0.1.0';
