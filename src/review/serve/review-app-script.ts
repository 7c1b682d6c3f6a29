/**
 * The review page's script (plain browser JavaScript, no dependency). Lists units a page at a time
 * from /api/units (filters and paging are server-side, so 10,000 keys cost one page), renders every
 * text with textContent (never as HTML), runs live QA through /api/qa while the reviewer types, and
 * saves through /api/save. Keys: j/k next/previous unit, e edit, a approve, ctrl+enter save, Esc
 * leaves the editor, / search.
 */
export const REVIEW_APP_SCRIPT = String.raw`
(() => {
  'use strict';
  const token = new URLSearchParams(location.search).get('token') || '';
  const PAGE = 50;
  const state = { offset: 0, matched: 0, total: 0, units: [], version: '', current: -1, dirty: new Set(), timers: new Map() };
  const $ = (id) => document.getElementById(id);
  const list = $('units');
  const el = (tag, props, children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.className = v;
      else if (k.startsWith('data-') || k === 'lang' || k === 'aria-label' || k === 'title' || k === 'type' || k === 'placeholder' || k === 'tabindex' || k === 'role') node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  };
  const api = async (method, path, body) => {
    const response = await fetch(path, { method, headers: Object.assign({ 'X-Tilmash-Token': token }, body ? { 'Content-Type': 'application/json' } : {}), body: body ? JSON.stringify(body) : undefined });
    const data = await response.json();
    return { status: response.status, data };
  };
  const idOf = (u) => u.locale + '\u0000' + u.namespace + '\u0000' + u.key;
  const refOf = (u) => ({ locale: u.locale, namespace: u.namespace, key: u.key });

  const findingsList = (findings, cls) => el('ul', { class: cls, lang: 'en' }, findings.map((f) => el('li', { class: 'finding', 'data-severity': f.severity }, [el('span', { class: 'badge severity-' + f.severity, text: f.severity }), ' ', el('code', { text: f.check }), ' ', el('span', { text: f.message })])));

  function card(u, index) {
    const c = u.cell;
    const badges = el('span', { class: 'badges', lang: 'en' }, [
      el('span', { class: 'badge status-' + c.status, 'data-role': 'status', text: c.status }),
      c.origin ? el('span', { class: 'badge origin', title: 'origin', text: c.origin }) : null,
      c.heldBack !== undefined ? el('span', { class: 'badge held', text: 'held back' }) : null,
      c.changed ? el('span', { class: 'badge changed', text: 'changed' }) : null,
    ]);
    const current = c.heldBack !== undefined
      ? el('div', { class: 'current' }, [el('p', { class: 'label', lang: 'en', text: 'held back by QA — not shipped; the TM has:' }), el('div', { class: 'text held-back', text: c.heldBack })])
      : c.target !== undefined
        ? el('div', { class: 'current' }, [el('p', { class: 'label', lang: 'en', text: 'in the bundle:' }), el('div', { class: 'text', text: c.target })])
        : el('div', { class: 'current' }, [el('p', { class: 'label missing', lang: 'en', text: 'missing — no translation yet' })]);
    const segments = (c.segments || []).map((s, i) => {
      const editor = el('textarea', { class: 'editor', lang: u.locale, 'aria-label': 'Translation of segment ' + (i + 1) + ' (' + u.locale + ')', rows: 2 });
      editor.value = s.tm ? s.tm.target : '';
      editor.addEventListener('input', () => { state.dirty.add(idOf(u)); scheduleQa(index); });
      const notes = s.tm && s.tm.findings ? s.tm.findings.filter((f) => f.check === 'comment' || f.check === 'rejected') : [];
      return el('div', { class: 'segment' }, [
        el('div', { class: 'text seg-source', lang: 'ru', text: s.source }),
        s.context ? el('div', { class: 'context', lang: 'ru', text: s.context }) : null,
        editor,
        el('ul', { class: 'live-qa', lang: 'en', 'aria-live': 'polite' }),
        el('p', { class: 'prov', lang: 'en', text: s.tm ? 'TM: ' + s.tm.origin + ' · ' + s.tm.status + ' · ' + s.tm.changed.slice(0, 10) : 'TM: no entry' }),
        notes.length ? findingsList(notes, 'notes') : null,
        el('div', { class: 'suggestions-slot' }),
      ]);
    });
    const button = (act, label) => {
      const b = el('button', { type: 'button', class: 'act-' + act, text: label });
      b.addEventListener('click', () => act === 'approve' || act === 'save' ? save(index, act) : note(index, act));
      return b;
    };
    const node = el('article', { class: 'unit', tabindex: '-1', 'data-locale': u.locale, 'data-key': u.namespace + '.' + u.key, 'data-status': c.status }, [
      el('header', {}, [el('h2', { text: u.namespace + '.' + u.key }), ' ', el('span', { class: 'locale', text: u.locale }), ' ', badges]),
      el('div', { class: 'text source', lang: 'ru', text: u.source }),
      current,
      c.findings.length ? findingsList(c.findings, 'findings') : null,
      el('div', { class: 'segments' }, segments),
      el('div', { class: 'actions', lang: 'en' }, [
        button('save', 'Save (ctrl+enter)'), button('approve', 'Approve (a)'),
        el('input', { class: 'comment', type: 'text', placeholder: 'comment (needed to reject)', 'aria-label': 'Comment' }),
        button('reject', 'Reject'), button('comment', 'Comment'),
        el('output', { class: 'result', 'aria-live': 'polite' }),
      ]),
    ]);
    node.addEventListener('focusin', () => select(index, false));
    return node;
  }

  /** Fuzzy TM matches of the unit's segments, asked for when the unit becomes current. */
  async function showSuggestions(index) {
    const u = state.units[index];
    if (!u || u.suggestionsLoaded) return;
    u.suggestionsLoaded = true;
    const params = new URLSearchParams(refOf(u));
    const { status, data } = await api('GET', '/api/suggestions?' + params);
    const node = list.children[index];
    if (status !== 200 || state.units[index] !== u || !node) return;
    const slots = node.querySelectorAll('.suggestions-slot');
    data.forEach((matches, i) => {
      const editor = node.querySelectorAll('textarea.editor')[i];
      if (!matches.length || !slots[i]) return;
      const items = matches.map((g) => {
        const use = el('button', { type: 'button', class: 'use', text: 'use' });
        use.addEventListener('click', () => { editor.value = g.target; state.dirty.add(idOf(u)); scheduleQa(index); editor.focus(); });
        return el('li', { class: 'suggestion' }, [el('span', { class: 'similarity', text: Math.floor(g.similarity * 100) + '%' }), ' ', el('span', { class: 'text', lang: u.locale, text: g.target }), ' ', el('span', { class: 'text source-text', lang: 'ru', text: g.source }), ' ', el('span', { class: 'badge origin', text: g.origin }), ' ', use]);
      });
      slots[i].replaceChildren(el('p', { class: 'label', lang: 'en', text: 'TM matches (same segment family) — not shipped' }), el('ul', {}, items));
    });
  }

  function render() {
    list.replaceChildren(...state.units.map((u, i) => card(u, i)));
    $('counter').textContent = state.matched === 0 ? 'No unit matches the filters (of ' + state.total + ')' : (state.offset + 1) + '–' + (state.offset + state.units.length) + ' of ' + state.matched + ' units (' + state.total + ' in all)';
    $('prev-page').disabled = state.offset === 0;
    $('next-page').disabled = state.offset + state.units.length >= state.matched;
  }

  function select(index, focus) {
    if (index < 0 || index >= state.units.length) return;
    const cards = list.children;
    if (cards[state.current]) cards[state.current].classList.remove('current-unit');
    state.current = index;
    cards[index].classList.add('current-unit');
    showSuggestions(index);
    if (focus) { cards[index].focus(); cards[index].scrollIntoView({ block: 'nearest' }); }
  }

  let loads = 0;
  async function load(offset, pick) {
    const seq = ++loads;
    const f = $('filters');
    const params = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
    for (const name of ['locale', 'status', 'origin', 'severity', 'q']) if (f.elements[name].value) params.set(name, f.elements[name].value);
    if (f.elements.changed.checked) params.set('changed', '1');
    const { data } = await api('GET', '/api/units?' + params);
    if (seq !== loads) return; // a newer filter was asked for meanwhile
    list.dataset.query = params.toString().replace(/^offset=\d+&limit=\d+&?/, '');
    Object.assign(state, { offset: data.offset, matched: data.matched, total: data.total, units: data.units, version: data.version, current: -1 });
    $('base').textContent = data.base === 'ledger' ? 'the ledgers on disk' : data.base;
    const locales = f.elements.locale;
    if (locales.options.length === 1) for (const l of data.locales) locales.append(el('option', { value: l, text: l }));
    render();
    if (state.units.length) select(pick === 'last' ? state.units.length - 1 : 0, pick !== undefined);
  }

  function texts(index) {
    return Array.from(list.children[index].querySelectorAll('textarea.editor'), (t) => t.value);
  }

  function scheduleQa(index) {
    clearTimeout(state.timers.get(index));
    state.timers.set(index, setTimeout(() => liveQa(index), 120));
  }

  async function liveQa(index) {
    const u = state.units[index];
    const { status, data } = await api('POST', '/api/qa', Object.assign(refOf(u), { targets: texts(index) }));
    const node = list.children[index];
    if (status !== 200) { node.querySelector('.result').textContent = data.message; return; }
    const lists = node.querySelectorAll('ul.live-qa');
    data.segments.forEach((findings, i) => lists[i].replaceChildren(...findingsList(findings.concat(i === 0 ? data.message : []), 'live-qa').children));
    node.dataset.qaErrors = String(data.segments.flat().concat(data.message).filter((f) => f.severity === 'error').length);
  }

  async function act(index, body, done) {
    const u = state.units[index];
    const node = list.children[index];
    const result = node.querySelector('.result');
    result.textContent = 'saving…';
    const { data } = await api('POST', '/api/save', Object.assign(refOf(u), { version: state.version }, body));
    if (!data.ok) {
      result.textContent = data.message;
      node.dataset.saved = 'refused';
      if (data.findings) data.findings.forEach((f, i) => node.querySelectorAll('ul.live-qa')[i].replaceChildren(...findingsList(f, 'live-qa').children));
      return;
    }
    state.version = data.version;
    state.dirty.delete(idOf(u));
    if (data.unit) {
      state.units[index] = data.unit;
      const fresh = card(data.unit, index);
      node.replaceWith(fresh);
      fresh.querySelector('.result').textContent = done;
      fresh.dataset.saved = 'ok';
      select(index, true);
    }
  }

  const save = (index, action) => act(index, { action, targets: texts(index) }, action === 'approve' ? 'approved and saved' : 'saved');
  function note(index, action) {
    const comment = list.children[index].querySelector('input.comment').value;
    return act(index, { action, comment }, action === 'reject' ? 'rejected: back to needs-review' : 'comment saved');
  }

  async function move(step) {
    const next = state.current + step;
    if (next >= state.units.length) { if (state.offset + state.units.length < state.matched) await load(state.offset + PAGE, 'first'); return; }
    if (next < 0) { if (state.offset > 0) await load(Math.max(0, state.offset - PAGE), 'last'); return; }
    select(next, true);
  }

  document.addEventListener('keydown', (event) => {
    const t = event.target;
    const typing = t instanceof HTMLTextAreaElement || t instanceof HTMLInputElement || t instanceof HTMLSelectElement;
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      if (state.current >= 0) { event.preventDefault(); save(state.current, 'save'); }
      return;
    }
    if (typing) {
      if (event.key === 'Escape') { event.preventDefault(); t.blur(); select(state.current < 0 ? 0 : state.current, true); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'j') { event.preventDefault(); move(1); }
    else if (event.key === 'k') { event.preventDefault(); move(-1); }
    else if (event.key === 'a' && state.current >= 0) { event.preventDefault(); save(state.current, 'approve'); }
    else if (event.key === 'e' && state.current >= 0) { event.preventDefault(); const editor = list.children[state.current].querySelector('textarea.editor'); if (editor) editor.focus(); }
    else if (event.key === '/') { event.preventDefault(); $('search').focus(); }
  });

  let searchTimer;
  $('filters').addEventListener('input', (event) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => load(0), event.target.id === 'search' ? 200 : 0);
  });
  $('filters').addEventListener('submit', (event) => { event.preventDefault(); load(0, 'first'); });
  $('prev-page').addEventListener('click', () => load(Math.max(0, state.offset - PAGE)));
  $('next-page').addEventListener('click', () => load(state.offset + PAGE));
  window.addEventListener('beforeunload', (event) => { if (state.dirty.size > 0) event.preventDefault(); });
  load(0);
})();
`;
