import { escapeHtml } from './escape-html.js';
import { htmlLangTag } from './html-lang-tag.js';
import type { ReviewCell } from './review-types.js';

/**
 * One target-locale cell: status, origin and "changed" badges, the target text (or a visible
 * missing placeholder), QA findings and fuzzy suggestions. The cell carries the locale's `lang`;
 * the report's own words (badges, finding messages, labels) are marked `lang="en"`.
 */
export function reviewCellHtml(cell: ReviewCell, locale: string, sourceLocale: string, where: string): string {
  const badges = [
    `<span class="badge status-${cell.status}">${escapeHtml(cell.status)}</span>`,
    cell.origin === undefined ? '' : `<span class="badge origin" title="origin">${escapeHtml(cell.origin)}</span>`,
    cell.heldBack === undefined ? '' : '<span class="badge held" title="QA holds this key back from the bundles">held back</span>',
    cell.changed ? '<span class="badge changed" title="added or changed since the base">changed</span>' : '',
  ].filter((badge) => badge !== '');
  const text =
    cell.heldBack !== undefined
      ? `<p class="held-label" lang="en">held back by QA — not shipped; the TM has:</p><div class="text held-back">${escapeHtml(cell.heldBack)}</div>`
      : cell.target === undefined
        ? '<div class="text placeholder" lang="en">missing — no translation</div>'
        : `<div class="text">${escapeHtml(cell.target)}</div>`;
  return (
    `<td class="cell cell-${cell.status}" data-locale="${escapeHtml(locale)}" data-status="${cell.status}" lang="${escapeHtml(htmlLangTag(locale))}">` +
    `<div class="badges" lang="en">${badges.join(' ')}</div>` +
    text +
    findingsHtml(cell) +
    suggestionsHtml(cell, sourceLocale, where) +
    '</td>'
  );
}

function findingsHtml(cell: ReviewCell): string {
  if (cell.findings.length === 0) return '';
  const items = cell.findings.map(
    (f) =>
      `<li class="finding" data-severity="${escapeHtml(f.severity)}"><span class="badge severity-${escapeHtml(f.severity)}">${escapeHtml(f.severity)}</span> ` +
      `<code class="check">${escapeHtml(f.check)}</code> <span class="message">${escapeHtml(f.message)}</span></li>`,
  );
  return `<ul class="findings" lang="en">${items.join('')}</ul>`;
}

function suggestionsHtml(cell: ReviewCell, sourceLocale: string, where: string): string {
  if (cell.suggestions.length === 0) return '';
  const items = cell.suggestions.map(
    (s) =>
      `<li class="suggestion"><span class="similarity" lang="en">${similarityPercent(s.similarity, where)}</span>` +
      `<span class="suggestion-target text">${escapeHtml(s.target)}</span>` +
      `<span class="suggestion-source text" lang="${escapeHtml(htmlLangTag(sourceLocale))}">${escapeHtml(s.source)}</span>` +
      `<span class="badge origin" lang="en" title="origin">${escapeHtml(s.origin)}</span></li>`,
  );
  return `<div class="suggestions"><p class="suggestions-label" lang="en">suggestion — not shipped</p><ul>${items.join('')}</ul></div>`;
}

/** Rounded down, so a near match never reads as 100 %. */
function similarityPercent(similarity: number, where: string): string {
  if (!(similarity >= 0 && similarity <= 1)) {
    throw new Error(`review report, ${where}: suggestion similarity ${similarity} is outside [0, 1]`);
  }
  return `${Math.floor(similarity * 100)}%`;
}
