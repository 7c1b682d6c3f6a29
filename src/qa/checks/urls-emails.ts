import { findUrlsAndEmails } from '../find-urls-emails.js';
import type { QaCheck } from '../qa-types.js';

export const urlsEmailsCheck: QaCheck = {
  id: 'urls-emails',
  defaultSeverity: 'error',
  description: 'every URL and e-mail address of the source is in the target unchanged',
  run({ source, target }) {
    const inTarget = new Set(findUrlsAndEmails(target).map((item) => item.text));
    const missing = new Map<string, string>();
    for (const item of findUrlsAndEmails(source)) {
      if (!inTarget.has(item.text)) missing.set(item.text, `${item.kind} ${item.text} is missing or changed in the target`);
    }
    return [...missing.values()];
  },
};
