import type { LocalizedMessagePlan, SourceMessage } from './message-types.js';
import { planI18nextMessage } from './plan-i18next-message.js';
import { planIcuMessage } from './plan-icu-message.js';

/**
 * What one source message needs from the TM for `targetLocale` and how its bundle entries are
 * built from the translations. Pure: plural categories come from `Intl.PluralRules`.
 */
export function planMessage(message: SourceMessage, sourceLocale: string, targetLocale: string): LocalizedMessagePlan {
  return message.syntax === 'icu'
    ? planIcuMessage(message, sourceLocale, targetLocale)
    : planI18nextMessage(message, sourceLocale, targetLocale);
}
