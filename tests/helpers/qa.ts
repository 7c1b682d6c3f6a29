/** Builders for QA check inputs: a Russian source and its translation. */
import { EMPTY_GLOSSARY, type Glossary } from '../../src/glossary/glossary-types.js';
import type { Syntax } from '../../src/protect/protect-types.js';
import type { CheckInput } from '../../src/qa/qa-types.js';

export function checkInput(source: string, target: string, locale: string, syntax: Syntax = 'plain', glossary: Glossary = EMPTY_GLOSSARY): CheckInput {
  return { source, target, sourceLocale: 'ru', locale, syntax, glossary };
}
