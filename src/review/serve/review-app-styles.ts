/** The review page's styles: readable Kazakh and Chinese text, one column on a phone. */
export const REVIEW_APP_STYLES = `
:root { color-scheme: light; font-family: system-ui, "Noto Sans", "Noto Sans CJK SC", sans-serif; line-height: 1.5; color: #1f2937; background: #f8fafc; }
body { margin: 0 auto; max-width: 1100px; padding: 0 1rem 4rem; }
h1 { font-size: 1.3rem; margin: 1rem 0 .2rem; }
.meta { margin: 0 0 .6rem; color: #475569; }
#filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .6rem; background: #fff; border: 1px solid #e2e8f0; border-radius: 6px; position: sticky; top: 0; z-index: 1; }
#filters select, #filters input { font: inherit; }
.search input { width: 16rem; max-width: 60vw; }
.pager { display: flex; justify-content: space-between; margin: .6rem 0; }
button { font: inherit; padding: .2rem .7rem; border: 1px solid #94a3b8; border-radius: 4px; background: #fff; cursor: pointer; }
button:focus-visible, textarea:focus-visible, input:focus-visible, select:focus-visible, .unit:focus-visible { outline: 3px solid #2563eb; outline-offset: 1px; }
.unit { background: #fff; border: 1px solid #e2e8f0; border-radius: 6px; padding: .7rem .9rem; margin: 0 0 .8rem; }
.unit.current-unit { border-color: #2563eb; box-shadow: 0 0 0 2px #bfdbfe; }
.unit header h2 { display: inline; font-size: 1rem; font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
.locale { font-weight: 600; text-transform: uppercase; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
[lang="kk"], [lang="ru"] { hyphens: auto; }
[lang^="zh"] { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; line-break: strict; letter-spacing: .02em; }
.source { color: #334155; margin: .3rem 0; }
.label { margin: .3rem 0 0; font-size: .8rem; color: #64748b; }
.label.missing { color: #991b1b; font-style: italic; }
.held-back { border-left: 3px solid #f87171; padding-left: .4rem; }
.segment { border-top: 1px dashed #e2e8f0; margin-top: .5rem; padding-top: .5rem; }
.seg-source { font-weight: 500; }
.context { font-size: .85rem; color: #64748b; }
textarea.editor { box-sizing: border-box; width: 100%; font: inherit; padding: .3rem .4rem; margin: .3rem 0; border: 1px solid #94a3b8; border-radius: 4px; resize: vertical; }
.unit[data-qa-errors]:not([data-qa-errors="0"]) textarea.editor { border-color: #dc2626; }
.prov { margin: 0; font-size: .8rem; color: #64748b; }
ul { margin: .2rem 0; padding-left: 1.1rem; }
.finding { font-size: .9rem; }
.suggestion { font-size: .9rem; }
.similarity { font-weight: 600; }
.source-text { color: #64748b; }
.actions { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin-top: .5rem; }
.actions input.comment { flex: 1 1 12rem; font: inherit; }
.result { font-size: .9rem; color: #1e40af; }
.badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 999px; border: 1px solid #cbd5e1; background: #f1f5f9; }
.status-reviewed { background: #dcfce7; border-color: #4ade80; }
.status-translated { background: #e0f2fe; border-color: #38bdf8; }
.status-machine { background: #fef9c3; border-color: #facc15; }
.status-needs-review, .status-missing, .held, .severity-error { background: #fee2e2; border-color: #f87171; color: #7f1d1d; }
.severity-warn { background: #ffedd5; border-color: #fb923c; }
.changed { background: #ede9fe; border-color: #a78bfa; }
.keys { position: fixed; bottom: 0; left: 0; right: 0; background: #0f172a; color: #e2e8f0; font-size: .85rem; padding: .3rem 1rem; text-align: center; }
kbd { font-family: ui-monospace, monospace; background: #334155; border-radius: 3px; padding: 0 .25rem; }
@media (max-width: 600px) { body { padding: 0 .5rem 5rem; } .search input { width: 100%; max-width: none; } .keys { font-size: .75rem; } }
`;
