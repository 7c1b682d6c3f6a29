import { escapeHtml } from './escape-html.js';
import { htmlLangTag } from './html-lang-tag.js';
import { REVIEW_STATUSES, type ReviewSummary } from './review-summary.js';
import type { ReviewData } from './review-types.js';

/** The title, generation time, per-locale cell counts and QA totals. */
export function reviewHeaderHtml(data: ReviewData, summary: ReviewSummary): string {
  const head = REVIEW_STATUSES.map((s) => `<th scope="col"><span class="badge status-${s}">${s}</span></th>`).join('');
  const body = summary.locales
    .map((l) => {
      const counts = REVIEW_STATUSES.map((s) => countCell(`${l.locale}:${s}`, l.counts[s])).join('');
      return `<tr><th scope="row"><span lang="${escapeHtml(htmlLangTag(l.locale))}">${escapeHtml(l.locale)}</span></th>${counts}${countCell(`${l.locale}:held-back`, l.heldBack)}${countCell(`${l.locale}:changed`, l.changed)}</tr>`;
    })
    .join('');
  return (
    '<header>' +
    `<h1>${escapeHtml(data.title)}</h1>` +
    `<p class="meta">Generated <time datetime="${escapeHtml(data.generated)}">${escapeHtml(data.generated)}</time>` +
    ` · source <span lang="${escapeHtml(htmlLangTag(data.sourceLocale))}">${escapeHtml(data.sourceLocale)}</span>` +
    ` · ${data.rows.length} keys · ${data.locales.length} target locales` +
    (data.base === undefined ? '' : ` · changed since <code id="base">${escapeHtml(data.base === 'ledger' ? 'the ledgers on disk (no git commit)' : data.base)}</code>`) +
    '</p>' +
    `<table class="summary"><thead><tr><th scope="col">locale</th>${head}<th scope="col"><span class="badge held">held back</span></th><th scope="col"><span class="badge changed">changed</span></th></tr></thead><tbody>${body}</tbody></table>` +
    '<p class="qa-totals">' +
    `<span class="badge severity-error" id="qa-errors">${plural(summary.errors, 'QA error')}</span>` +
    `<span class="badge severity-warn" id="qa-warnings">${plural(summary.warnings, 'QA warning')}</span>` +
    `<span class="badge severity-info" id="qa-infos">${summary.infos} QA info</span>` +
    '</p>' +
    '</header>'
  );
}

function countCell(id: string, count: number): string {
  return `<td data-count="${escapeHtml(id)}"${count === 0 ? ' class="zero"' : ''}>${count}</td>`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
