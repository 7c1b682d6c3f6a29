import { findUrlsAndEmails } from '../find-urls-emails.js';
import type { QaCheck } from '../qa-types.js';

export const urlsEmailsCheck: QaCheck = {
  id: 'urls-emails',
  defaultSeverity: 'error',
  description: 'the URLs and e-mail addresses of the target are exactly those of the source',
  // The one check of URLs and e-mails in QA (the placeholders check leaves them here): a changed
  // one is reported once, as missing; one the source does not have, as added.
  run({ source, target }) {
    const inSource = findUrlsAndEmails(source);
    const inTarget = findUrlsAndEmails(target);
    const sourceTexts = new Set(inSource.map((item) => item.text));
    const targetTexts = new Set(inTarget.map((item) => item.text));
    const messages = new Set<string>();
    for (const item of inSource) if (!targetTexts.has(item.text)) messages.add(`${item.kind} ${item.text} is missing or changed in the target`);
    if (messages.size === 0) for (const item of inTarget) if (!sourceTexts.has(item.text)) messages.add(`${item.kind} ${item.text} is not in the source`);
    return [...messages];
  },
};
