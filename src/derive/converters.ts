import { kazakhCyrillicToLatin } from './kk-cyrl-latn.js';
import { simplifiedToTraditional } from './opencc-convert.js';

/** A deterministic converter from one target's text to a derived locale's (no engine, no network). */
export interface Converter {
  id: ConverterId;
  /** The language of the parent locale it reads (`kk`, `zh`). */
  from: string;
  /** What it does, for messages and docs. */
  description: string;
  convert(text: string): string;
}

export const CONVERTER_IDS = ['kk-cyrl-latn', 'opencc:cn-tw', 'opencc:cn-twp', 'opencc:cn-hk'] as const;
export type ConverterId = (typeof CONVERTER_IDS)[number];

const CONVERTERS: Readonly<Record<ConverterId, Converter>> = {
  'kk-cyrl-latn': { id: 'kk-cyrl-latn', from: 'kk', description: 'Kazakh Cyrillic → the 2021 Latin alphabet', convert: kazakhCyrillicToLatin },
  'opencc:cn-tw': { id: 'opencc:cn-tw', from: 'zh', description: 'Simplified → Traditional Chinese (Taiwan characters, OpenCC)', convert: (t) => simplifiedToTraditional(t, 'tw') },
  'opencc:cn-twp': { id: 'opencc:cn-twp', from: 'zh', description: 'Simplified → Traditional Chinese (Taiwan characters and phrases, OpenCC)', convert: (t) => simplifiedToTraditional(t, 'twp') },
  'opencc:cn-hk': { id: 'opencc:cn-hk', from: 'zh', description: 'Simplified → Traditional Chinese (Hong Kong, OpenCC)', convert: (t) => simplifiedToTraditional(t, 'hk') },
};

export function isConverterId(id: unknown): id is ConverterId {
  return typeof id === 'string' && (CONVERTER_IDS as readonly string[]).includes(id);
}

export function converterOf(id: ConverterId): Converter {
  return CONVERTERS[id];
}

/** The TM and ledger origin of a derived translation. */
export const derivedOrigin = (id: ConverterId): string => `derived:${id}`;

export const isDerivedOrigin = (origin: string): boolean => origin.startsWith('derived:');
