import { createHash } from 'node:crypto';
import { escapeHtml } from '../escape-html.js';
import { REVIEW_APP_SCRIPT } from './review-app-script.js';
import { REVIEW_APP_STYLES } from './review-app-styles.js';

/**
 * The review server's page: a shell with the filters, pager and help; the script fills in the
 * units. Its Content-Security-Policy allows only its own style and script (by hash) and requests to
 * this server.
 */
export function reviewAppHtml(title: string): { html: string; csp: string } {
  const csp = `default-src 'none'; style-src '${sha256(REVIEW_APP_STYLES)}'; script-src '${sha256(REVIEW_APP_SCRIPT)}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${REVIEW_APP_STYLES}</style>
</head>
<body>
<header class="top">
<h1>${escapeHtml(title)}</h1>
<p class="meta">changed since <code id="base">…</code> · <output id="counter" aria-live="polite">loading…</output></p>
</header>
<form id="filters" role="search">
<label>Locale <select name="locale" id="filter-locale"><option value="">all</option></select></label>
<label>Status <select name="status" id="filter-status"><option value="">any</option><option value="needs-review">needs review</option><option value="held">held back by QA</option><option value="missing">missing</option><option value="machine">machine</option><option value="translated">translated</option><option value="reviewed">reviewed</option></select></label>
<label>Origin <select name="origin" id="filter-origin"><option value="">any</option><option value="human">human</option><option value="engine">engine</option><option value="import">import</option></select></label>
<label>QA <select name="severity" id="filter-severity"><option value="">any</option><option value="error">error</option><option value="warn">warning</option><option value="info">info</option></select></label>
<label><input type="checkbox" name="changed" id="filter-changed"> changed</label>
<label class="search">Search <input type="search" name="q" id="search" placeholder="key, source or translation" autocomplete="off"></label>
</form>
<nav class="pager" aria-label="pages"><button type="button" id="prev-page">← previous page</button><button type="button" id="next-page">next page →</button></nav>
<main id="units"></main>
<aside class="keys"><kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>e</kbd> edit · <kbd>a</kbd> approve · <kbd>ctrl</kbd>+<kbd>enter</kbd> save · <kbd>Esc</kbd> leave the editor · <kbd>/</kbd> search</aside>
<script>${REVIEW_APP_SCRIPT}</script>
</body>
</html>
`;
  return { html, csp };
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
