/**
 * The report's inline stylesheet. No web fonts: local font stacks that cover Kazakh Cyrillic
 * (ә ғ қ ң ө ұ ү һ і) and Simplified/Traditional Chinese, chosen by the `lang` of each cell.
 * Nothing uses `text-transform` (it would change what a reviewer reads).
 */
export const REVIEW_STYLES = `
:root {
  color-scheme: light;
  --font-text: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", "DejaVu Sans", Arial, sans-serif;
  --font-cjk-sc: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif;
  --font-cjk-tc: "Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei", "Noto Sans TC", sans-serif;
  --font-mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  --border: #d0d5dd;
  --muted: #55606e;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; padding: 1.5rem; font-family: var(--font-text); font-size: 15px; line-height: 1.55; color: #1d2430; background: #f6f7f9; }
:lang(zh) { font-family: var(--font-cjk-sc); line-height: 1.75; line-break: strict; }
:lang(zh-Hant), :lang(zh-TW), :lang(zh-HK), :lang(zh-MO) { font-family: var(--font-cjk-tc); }
h1 { margin: 0 0 .25rem; font-size: 1.5rem; line-height: 1.3; }
code, .check { font-family: var(--font-mono); font-size: .85em; }
.meta { margin: 0 0 1rem; color: var(--muted); }
.summary { border-collapse: collapse; margin-bottom: .75rem; background: #fff; font-variant-numeric: tabular-nums; }
.summary th, .summary td { border: 1px solid var(--border); padding: .3rem .6rem; text-align: right; }
.summary th:first-child, .summary td:first-child { text-align: left; }
.summary td.zero { color: #98a2b3; }
.qa-totals { margin: 0 0 1rem; display: flex; gap: .5rem; flex-wrap: wrap; }
.filters { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; align-items: center; gap: .75rem 1.25rem; padding: .6rem .8rem; margin-bottom: .75rem; background: #fff; border: 1px solid var(--border); border-radius: 6px; }
.filters fieldset { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; border: 0; }
.filters legend { float: left; margin-right: .5rem; color: var(--muted); }
.filters label { cursor: pointer; white-space: nowrap; }
.filters input[type="search"] { font: inherit; padding: .25rem .5rem; min-width: 16rem; border: 1px solid var(--border); border-radius: 4px; }
#counter { margin-left: auto; font-weight: 600; font-variant-numeric: tabular-nums; }
table.review { width: 100%; table-layout: fixed; border-collapse: collapse; background: #fff; }
table.review col.key-col { width: 13%; }
table.review col.source-col { width: 21%; }
table.review th, table.review td { border: 1px solid var(--border); padding: .5rem .6rem; vertical-align: top; text-align: left; overflow-wrap: anywhere; word-break: normal; }
table.review thead th { background: #eef1f5; }
tr:target > * { background: #fffbe6; }
.key a { color: inherit; text-decoration: none; font-family: var(--font-mono); font-size: .85em; }
.key .namespace { color: var(--muted); }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.text.placeholder { color: #991b1b; font-style: italic; border: 1px dashed #f0a3a3; border-radius: 4px; padding: .15rem .4rem; }
.cell { border-left-width: 4px !important; }
.cell-reviewed { border-left-color: #166534 !important; }
.cell-translated { border-left-color: #4ade80 !important; }
.cell-machine { border-left-color: #3b82f6 !important; }
.cell-needs-review { border-left-color: #f59e0b !important; background: #fffcf2; }
.cell-missing { border-left-color: #dc2626 !important; background: #fff7f7; }
.badges { display: flex; flex-wrap: wrap; gap: .25rem; margin-bottom: .35rem; }
.badge { display: inline-block; padding: .05rem .45rem; border: 1px solid; border-radius: 999px; font-size: .78rem; line-height: 1.45; white-space: nowrap; font-family: var(--font-text); }
.status-reviewed { background: #166534; border-color: #166534; color: #fff; }
.status-translated { background: #dcfce7; border-color: #4ade80; color: #14532d; }
.status-machine { background: #dbeafe; border-color: #93c5fd; color: #1e3a8a; }
.status-needs-review { background: #fef3c7; border-color: #f59e0b; color: #78350f; }
.status-missing { background: #fee2e2; border-color: #f87171; color: #7f1d1d; }
.origin { background: #f2f4f7; border-color: #d0d5dd; color: #344054; font-family: var(--font-mono); }
.held { background: #fee2e2; border-color: #f87171; color: #7f1d1d; }
.held-label { margin: .2rem 0 0; font-size: .8rem; color: #7f1d1d; }
.text.held-back { border-left: 3px solid #f87171; padding-left: .4rem; }
.derived { background: #f4f3ff; border-color: #d9d6fe; color: #5925dc; font-weight: normal; }
.changed { background: #ede9fe; border-color: #a78bfa; color: #4c1d95; }
.severity-error { background: #fee2e2; border-color: #f87171; color: #7f1d1d; }
.severity-warn { background: #fef3c7; border-color: #f59e0b; color: #78350f; }
.severity-info { background: #f2f4f7; border-color: #d0d5dd; color: #344054; }
.findings { list-style: none; margin: .4rem 0 0; padding: 0; font-size: .85rem; }
.findings li { margin-top: .2rem; }
.suggestions { margin-top: .5rem; padding: .35rem .5rem; border: 1px dashed #98a2b3; border-radius: 4px; background: #fafbfc; font-size: .88rem; }
.suggestions-label { margin: 0 0 .2rem; color: var(--muted); font-size: .78rem; }
.suggestions ul { list-style: none; margin: 0; padding: 0; }
.suggestions li + li { margin-top: .35rem; }
.similarity { font-weight: 600; font-variant-numeric: tabular-nums; margin-right: .35rem; }
.suggestion-source { display: block; color: var(--muted); }
#no-match { padding: 1rem; text-align: center; color: var(--muted); }
.note { margin-top: 1rem; color: var(--muted); font-size: .85rem; }
`;
