import { TilmashError } from '../errors.js';
import type { TranslationEngine } from '../engine/translation-engine.js';
import type { JobPlan } from './plan-job.js';

/**
 * Each locale that needs the engine has an `engineLanguage` the engine translates into (DeepL's
 * `/v2/languages?type=target`), checked at plan time: `engineLanguage: 'KZ'` is a config error
 * before anything is sent or billed. Engines that publish no list are not checked.
 */
export async function checkEngineLanguages(engine: TranslationEngine, part: JobPlan): Promise<void> {
  if (!engine.targetLanguages) return;
  const known = await engine.targetLanguages();
  const upper = new Set(known.map((code) => code.toUpperCase()));
  for (const locale of part.locales) {
    const code = locale.engineLanguage.toUpperCase();
    if (upper.has(code)) continue;
    const sameLanguage = known.filter((k) => k.split('-')[0] === code.split('-')[0]);
    const hint = sameLanguage.length > 0 ? `use ${sameLanguage.map((k) => `'${k}'`).join(' or ')}` : `${engine.id} translates into ${known.join(', ')}`;
    throw new TilmashError(
      'config',
      `targets.${locale.locale}.engineLanguage: '${locale.engineLanguage}' is not a target language of ${engine.id} (its list: /v2/languages?type=target); ${hint}. Nothing was sent or billed.`,
    );
  }
}
