/** Whether a text has anything to translate: a letter outside markup and placeholders. */
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

const LETTER = /\p{L}/u;
/** i18next interpolation `{{…}}`, nesting `$t(…)` and Trans component tags `<1>`, `</strong>`, `<br/>`. */
const I18NEXT_MARKUP = /\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?[\w-]+\s*\/?>/g;

export function i18nextHasWords(text: string): boolean {
  return LETTER.test(text.replace(I18NEXT_MARKUP, ''));
}

/** Letters in the literal text of ICU elements (argument names and tag names do not count). */
export function icuHasWords(elements: readonly MessageFormatElement[]): boolean {
  return elements.some((element) => {
    if (element.type === TYPE.literal) return LETTER.test(element.value);
    if (element.type === TYPE.tag) return icuHasWords(element.children);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      return Object.values(element.options).some((option) => icuHasWords(option.value));
    }
    return false;
  });
}
