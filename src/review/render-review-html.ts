import { createHash } from 'node:crypto';
import { escapeHtml } from './escape-html.js';
import { htmlLangTag } from './html-lang-tag.js';
import { reviewCellHtml } from './review-cell-html.js';
import { reviewHeaderHtml } from './review-header-html.js';
import { reviewRowId } from './review-row-id.js';
import { REVIEW_SCRIPT } from './review-script.js';
import { REVIEW_STYLES } from './review-styles.js';
import { cellOf, rowFlags, summarizeReview } from './review-summary.js';
import type { ReviewData, ReviewRow } from './review-types.js';

/**
 * The review report: one self-contained static HTML page (inline CSS and script, no external
 * request) with one row per key and one cell per target locale, filter toggles and a search box.
 * Pure and deterministic: the same data gives the same bytes (rows in the given order). Every text
 * from the data is escaped; a Content-Security-Policy allows only the page's own style and script
 * (by hash) and no network, so even a missed escape could not run code or fetch anything.
 */
export function renderReviewHtml(data: ReviewData): string {
  const summary = summarizeReview(data);
  const rows = data.rows.map((row) => rowHtml(row, data)).join('\n');
  const localeHeads = data.locales
    .map((locale) => `<th scope="col"><span lang="${escapeHtml(htmlLangTag(locale))}">${escapeHtml(locale)}</span>${derivedNote(data, locale)}</th>`)
    .join('');
  const cols = data.locales.map(() => '<col>').join('');
  const csp = `default-src 'none'; style-src '${sha256(REVIEW_STYLES)}'; script-src '${sha256(REVIEW_SCRIPT)}'; base-uri 'none'; form-action 'none'`;
  const total = data.rows.length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tilmash review">
<title>${escapeHtml(data.title)}</title>
<style>${REVIEW_STYLES}</style>
</head>
<body>
${reviewHeaderHtml(data, summary)}
<div class="filters">
<fieldset><legend>Show only keys with</legend>
<label><input type="checkbox" id="filter-needs-review" data-filter="needsReview"> needs review</label>
<label><input type="checkbox" id="filter-machine" data-filter="machine"> machine</label>
<label><input type="checkbox" id="filter-changed" data-filter="changed"> changed</label>
</fieldset>
<label>Search <input type="search" id="search" placeholder="key, source or translation" autocomplete="off"></label>
<output id="counter" for="filter-needs-review filter-machine filter-changed search" aria-live="polite">${total} of ${total} keys shown</output>
</div>
<main>
<table class="review">
<colgroup><col class="key-col"><col class="source-col">${cols}</colgroup>
<thead><tr><th scope="col">Key</th><th scope="col">Source <span lang="${escapeHtml(htmlLangTag(data.sourceLocale))}">${escapeHtml(data.sourceLocale)}</span></th>${localeHeads}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p id="no-match" hidden>No key matches the filters.</p>
</main>
<p class="note">Suggestions are fuzzy translation-memory matches shown to help the reviewer; they are not in the bundles. A key needs review when a locale is missing, needs review, or has a QA error.</p>
<script>${REVIEW_SCRIPT}</script>
</body>
</html>
`;
}

function rowHtml(row: ReviewRow, data: ReviewData): string {
  const name = `${row.namespace}.${row.key}`;
  const id = reviewRowId(row.namespace, row.key);
  const flags = rowFlags(row, data.locales);
  const cells = data.locales.map((locale) => reviewCellHtml(cellOf(row, locale), locale, data.sourceLocale, `key "${name}", locale ${locale}`));
  return (
    `<tr id="${escapeHtml(id)}" data-row="${escapeHtml(name)}" data-needs-review="${flags.needsReview}" data-machine="${flags.machine}" data-changed="${flags.changed}">` +
    `<th scope="row" class="key"><a href="#${escapeHtml(id)}"><span class="namespace">${escapeHtml(row.namespace)}</span>.${escapeHtml(row.key)}</a></th>` +
    `<td class="source" lang="${escapeHtml(htmlLangTag(data.sourceLocale))}"><div class="text">${escapeHtml(row.source)}</div></td>` +
    cells.join('') +
    '</tr>'
  );
}

/** A CSP hash source for an inline element's exact text. */
function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** A derived locale's column says where its text comes from (it is never translated itself). */
function derivedNote(data: ReviewData, locale: string): string {
  const derived = data.derived?.[locale];
  return derived ? ` <span class="badge derived" data-derived-from="${escapeHtml(derived.from)}" title="converted by ${escapeHtml(derived.converter)}, never sent to an engine">derived from ${escapeHtml(derived.from)}</span>` : '';
}
