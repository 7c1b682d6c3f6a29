/**
 * The report's only script: the filter toggles and the search box. A row is shown when it has every
 * checked flag (`data-needs-review`, `data-machine`, `data-changed` = "true") and its text contains
 * every word of the search (case-insensitive, NFC). Runs from file:// — no server, no requests.
 */
export const REVIEW_SCRIPT = `
(() => {
  'use strict';
  const rows = Array.from(document.querySelectorAll('tbody tr[data-row]'));
  const haystacks = rows.map((row) => row.textContent.normalize('NFC').toLowerCase());
  const toggles = Array.from(document.querySelectorAll('input[data-filter]'));
  const search = document.getElementById('search');
  const counter = document.getElementById('counter');
  const noMatch = document.getElementById('no-match');
  const apply = () => {
    const flags = toggles.filter((toggle) => toggle.checked).map((toggle) => toggle.dataset.filter);
    const words = search.value.normalize('NFC').toLowerCase().split(/\\s+/).filter(Boolean);
    let shown = 0;
    rows.forEach((row, i) => {
      const visible = flags.every((flag) => row.dataset[flag] === 'true') && words.every((word) => haystacks[i].includes(word));
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    counter.textContent = shown + ' of ' + rows.length + ' keys shown';
    noMatch.hidden = shown > 0;
  };
  for (const toggle of toggles) toggle.addEventListener('change', apply);
  search.addEventListener('input', apply);
  apply();
})();
`;
