// gil-lab serve: the page is a view on one stepping session on the server. Every click sends
// one request and draws the state the server answers with; the page keeps no state of the
// program of its own, so what it shows is always what the interpreter holds.
'use strict';

const $ = (id) => document.getElementById(id);

const lab = {
  levels: [],
  session: null,      // the last state the server sent
  setup: null,        // {level} or {source}, with policy and granularity
  found: [],          // the rest of a found schedule, stepped one click at a time
  proved: null,       // the level a complete search proved unbreakable
};

async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const e = new Error((data && data.error) || res.statusText);
    e.status = res.status;
    e.data = data || {};
    throw e;
  }
  return data;
}

function el(tag, attrs, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') n.className = v;
    else n.setAttribute(k, v);
  }
  for (const c of children) n.append(c instanceof Node ? c : String(c));
  return n;
}

function showError(message) {
  const e = $('error');
  e.textContent = message || '';
  e.hidden = !message;
}

function colour(threadId) {
  return ((threadId % 6) + 6) % 6;
}

function threadName(state, id) {
  const t = state.snapshot.threads.find((x) => x.id === id);
  return t ? t.name : 'T' + id;
}

/** A reference count as the heap keeps it; an immortal object's is the int maximum. */
const IMMORTAL = 2147483647;
function count(n) {
  return n === IMMORTAL ? 'immortal' : String(n);
}

// ---- drawing ----------------------------------------------------------------------------

function draw(state) {
  lab.session = state;
  const snap = state.snapshot;
  drawLevel(state);
  drawButtons(state);
  drawSource(state);
  drawBytecode(state);
  drawThreads(snap);
  drawLocks(snap);
  drawObjects($('globals'), snap.globals, (g) => g.name);
  drawObjects($('heap'), snap.heap, (o) => '#' + o.id);
  // Only an ended run is assessed for leaks; the pane stays out of the way until one leaks.
  drawObjects($('leaks'), snap.leaks, (o) => '#' + o.id);
  $('leaks-pane').hidden = snap.leaks.length === 0;
  drawTimeline(state);
  $('output').textContent = snap.output;
  $('outcome').textContent = snap.outcome;
  $('steps').textContent = String(snap.steps);
  $('undo').disabled = snap.schedule.length === 0;
  $('link').value = linkFor(state);
}

function drawLevel(state) {
  const level = lab.levels.find((l) => l.id === state.level);
  $('level-title').textContent = level ? level.title : 'Your own program';
  $('level-text').textContent = level ? level.text : 'Run it step by step.';
  $('goal-text').textContent = state.goal ? state.goal.text : 'none, explore freely';
  const solved = !!state.goal && state.goal.status === 'solved';
  $('goal-status').textContent = state.goal ? state.goal.status : '';
  $('goal-dash').hidden = !state.goal;
  $('solved').hidden = !solved;
  // A proof stays on the page until another level or program is loaded.
  $('proved').hidden = lab.proved !== state.level || !state.level;
}

function drawButtons(state) {
  const box = $('thread-buttons');
  box.replaceChildren();
  const enabled = new Set(state.choices);
  for (const t of state.snapshot.threads) {
    const b = el('button', {
      type: 'button',
      id: 'run-' + t.id,
      class: 'thread t' + colour(t.id),
      title: 'one step of ' + t.name,
    }, 'run T' + t.id);
    b.disabled = !enabled.has(t.id);
    b.addEventListener('click', () => step(t.id));
    box.append(b);
  }
  $('find').disabled = !state.goal;
  $('found-step').hidden = lab.found.length === 0;
}

function drawSource(state) {
  const list = $('source');
  list.replaceChildren();
  const here = new Map(); // line -> threads whose next instruction is on it
  for (const t of state.snapshot.threads) {
    if (t.line > 0 && t.state !== 'FINISHED') {
      if (!here.has(t.line)) here.set(t.line, []);
      here.get(t.line).push(t);
    }
  }
  state.source.split('\n').forEach((text, i) => {
    const li = el('li', { id: 'src-' + (i + 1) }, text);
    const ts = here.get(i + 1);
    if (ts) {
      li.classList.add('current');
      for (const t of ts) li.append(el('span', { class: 'who c' + colour(t.id) }, '◀ T' + t.id));
    }
    list.append(li);
  });
}

function drawBytecode(state) {
  const body = $('bytecode').tBodies[0];
  body.replaceChildren();
  for (const c of state.bytecode) {
    const tr = el('tr', {},
      el('td', { class: 'num' }, c.line > 0 ? c.line : ''),
      el('td', { class: 'num' }, c.offset),
      el('td', {}, c.code === '<module>' ? c.text : c.code + ': ' + c.text));
    const who = state.snapshot.threads.filter(
      (t) => t.state !== 'FINISHED' && t.code === c.code && t.nextOffset === c.offset);
    const cell = el('td', {});
    for (const t of who) cell.append(el('span', { class: 'who c' + colour(t.id) }, 'T' + t.id));
    if (who.length) tr.classList.add('current');
    tr.append(cell);
    body.append(tr);
  }
  // Keep a marked instruction in view inside the pane, without moving the page.
  const pane = $('bytecode-pane');
  const marked = [...body.querySelectorAll('tr.current')];
  const visible = (tr) => tr.offsetTop >= pane.scrollTop
    && tr.offsetTop + tr.offsetHeight <= pane.scrollTop + pane.clientHeight;
  if (marked.length && !marked.some(visible)) {
    pane.scrollTop = Math.max(0, marked[0].offsetTop - pane.clientHeight / 3);
  }
}

function drawThreads(snap) {
  const body = $('threads').tBodies[0];
  body.replaceChildren();
  for (const t of snap.threads) {
    body.append(el('tr', { id: 'thread-' + t.id },
      el('td', { class: 'c' + colour(t.id) }, 'T' + t.id + ' ' + t.name),
      el('td', {}, t.error ? t.state + ': ' + t.error : t.state),
      el('td', { class: 'num' }, t.line > 0 ? t.line : ''),
      el('td', { class: 'code' }, t.nextInstruction || ''),
      el('td', {}, t.waitingFor || '')));
  }
}

function drawLocks(snap) {
  $('gil-holder').textContent = lab.session.policy === 'none' ? 'there is no GIL under none'
    : snap.gilHolder === null ? 'nobody' : 'T' + snap.gilHolder;
  const body = $('locks').tBodies[0];
  body.replaceChildren();
  for (const l of snap.locks) {
    body.append(el('tr', {},
      el('td', {}, l.name),
      el('td', {}, l.holder === null ? 'free' : 'T' + l.holder),
      el('td', {}, l.waiters.map((w) => 'T' + w).join(', '))));
  }
}

function drawObjects(table, objects, label) {
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const o of objects) {
    body.append(el('tr', { id: table.id + '-' + label(o).replace(/[^A-Za-z0-9_]/g, '_') },
      el('td', { class: 'code' }, label(o)),
      el('td', { class: 'code repr' }, o.repr),
      el('td', { class: 'type' }, o.type),
      el('td', { class: 'num refcount' }, count(o.refCount))));
  }
}

function drawTimeline(state) {
  const list = $('timeline');
  list.replaceChildren();
  state.snapshot.schedule.forEach((id, i) => {
    list.append(el('li', { class: 't' + colour(id), title: 'step ' + (i + 1) + ': '
      + threadName(state, id) }, 'T' + id));
  });
}

// ---- actions ----------------------------------------------------------------------------

async function act(fn) {
  showError('');
  try {
    await fn();
  } catch (e) {
    showError(e.message);
  }
}

function step(threadId) {
  return act(async () => {
    lab.found = [];
    draw(await api('POST', '/api/sessions/' + lab.session.id + '/step', { thread: threadId }));
  });
}

async function start(setup, schedule) {
  $('compile-error').hidden = true;
  const body = Object.assign({}, setup);
  if (schedule && schedule.length) body.schedule = schedule;
  try {
    const state = await api('POST', '/api/sessions', body);
    // The server keeps a few dozen sessions: end the one this page no longer shows.
    if (lab.session && lab.session.id) {
      api('DELETE', '/api/sessions/' + lab.session.id).catch(() => {});
    }
    lab.setup = setup;
    lab.found = [];
    offer($('policy'), state.policy);
    $('policy').value = state.policy;
    $('granularity').value = state.granularity;
    $('level-picker').value = state.level || '';
    draw(state);
  } catch (e) {
    if (e.data && e.data.line) {
      $('editor').hidden = false;
      $('edit-toggle').setAttribute('aria-expanded', 'true');
      const ce = $('compile-error');
      ce.textContent = 'line ' + e.data.line + ', column ' + e.data.column + ': '
        + e.data.kind + ': ' + e.data.detail;
      ce.hidden = false;
      markEditor(e.data.line, e.data.column);
    } else {
      throw e;
    }
  }
}

function markEditor(line, column) {
  const ed = $('source-editor');
  const lines = ed.value.split('\n');
  let at = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) at += lines[i].length + 1;
  at += Math.max(0, column - 1);
  ed.focus();
  ed.setSelectionRange(at, Math.min(ed.value.length, at + 1));
}

/** Adds {@code value} to a select that does not offer it yet (a level's ticks(1), say). */
function offer(select, value) {
  if (![...select.options].some((o) => o.value === value)) {
    select.append(el('option', { value }, value));
  }
}

function currentSetup(overrides) {
  const s = Object.assign({}, lab.setup, overrides);
  s.policy = $('policy').value;
  s.granularity = $('granularity').value;
  return s;
}

function ownGoal() {
  const kind = $('goal-kind').value;
  if (kind !== 'globalEquals') return { kind };
  return { kind, name: $('goal-name').value.trim(), repr: $('goal-repr').value.trim() };
}

function levelSetup(id) {
  const level = lab.levels.find((l) => l.id === id);
  return { level: id, policy: level.policy, granularity: level.granularity };
}

async function find() {
  const res = await api('POST', '/api/sessions/' + lab.session.id + '/find', {});
  const f = $('found');
  f.hidden = false;
  if (!res.found) {
    // For a level meant to be unbreakable, a complete search is its solution: the proof.
    const level = lab.levels.find((l) => l.id === lab.setup.level);
    if (res.complete && level && level.solvable === false) {
      lab.proved = level.id;
      $('proved').hidden = false;
    }
    f.textContent = res.complete
      ? 'No schedule with at most ' + res.maxPreemptions + ' preemptions reaches the goal: all '
        + res.schedulesTried + ' of them were run to their end.'
      : 'None found in the first ' + res.schedulesTried + ' schedules with at most '
        + res.maxPreemptions + ' preemptions; there are more than the search runs.';
    return;
  }
  const names = res.schedule.map((id) => 'T' + id);
  f.textContent = 'Found after ' + res.schedulesTried + ' schedules, with ' + res.preemptions
    + ' preemptions: ' + names.join(' ') + '. Step through it from the start:';
  await start(lab.setup);
  lab.found = res.schedule.slice();
  $('found-step').hidden = false;
}

async function foundStep() {
  const next = lab.found.shift();
  if (next === undefined) return;
  const rest = lab.found;
  draw(await api('POST', '/api/sessions/' + lab.session.id + '/step', { thread: next }));
  lab.found = rest;
  $('found-step').hidden = rest.length === 0;
}

// ---- links ------------------------------------------------------------------------------

function b64(text) {
  const bytes = new TextEncoder().encode(text);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unb64(text) {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(s, (c) => c.charCodeAt(0)));
}

function linkFor(state) {
  const p = new URLSearchParams();
  if (state.level) p.set('level', state.level);
  else p.set('source', b64(state.source));
  p.set('policy', state.policy);
  p.set('granularity', state.granularity);
  p.set('schedule', state.snapshot.schedule.join('.'));
  return location.origin + location.pathname + '#' + p.toString();
}

function setupFromHash() {
  if (location.hash.length < 2) return null;
  const p = new URLSearchParams(location.hash.slice(1));
  const setup = {};
  if (p.has('level')) setup.level = p.get('level');
  else if (p.has('source')) setup.source = unb64(p.get('source'));
  else return null;
  if (p.has('policy')) setup.policy = p.get('policy');
  if (p.has('granularity')) setup.granularity = p.get('granularity');
  const schedule = (p.get('schedule') || '').split('.').filter((x) => x !== '').map(Number);
  return { setup, schedule };
}

async function openHash() {
  const h = setupFromHash();
  if (!h) return false;
  if (h.setup.source !== undefined) $('source-editor').value = h.setup.source;
  await start(h.setup, h.schedule);
  return true;
}

async function copyLink() {
  const link = linkFor(lab.session);
  $('link').value = link;
  $('link-row').hidden = false;
  history.replaceState(null, '', link);
  try {
    await navigator.clipboard.writeText(link);
    $('copy-link').textContent = 'Copied';
  } catch (e) {
    $('link').select(); // no clipboard here: the link is selected to copy by hand
  }
}

// ---- start ------------------------------------------------------------------------------

async function init() {
  const data = await api('GET', '/api/levels');
  lab.levels = data.levels;
  for (const l of data.levels) $('level-picker').append(el('option', { value: l.id }, l.title));
  $('level-picker').append(el('option', { value: '', disabled: '' }, 'your own program'));
  for (const p of data.policies) offer($('policy'), p);
  for (const g of data.granularities) offer($('granularity'), g);
  $('level-picker').addEventListener('change', () =>
    act(() => start(levelSetup($('level-picker').value))));
  $('policy').addEventListener('change', () => act(() => start(currentSetup())));
  $('granularity').addEventListener('change', () => act(() => start(currentSetup())));
  $('restart').addEventListener('click', () => act(() => start(lab.setup)));
  $('undo').addEventListener('click', () => act(async () => {
    lab.found = [];
    draw(await api('POST', '/api/sessions/' + lab.session.id + '/undo', {}));
  }));
  $('find').addEventListener('click', () => act(find));
  $('found-step').addEventListener('click', () => act(foundStep));
  $('copy-link').addEventListener('click', () => act(copyLink));
  $('edit-toggle').addEventListener('click', () => {
    const ed = $('editor');
    ed.hidden = !ed.hidden;
    $('edit-toggle').setAttribute('aria-expanded', String(!ed.hidden));
    if (!ed.hidden && !$('source-editor').value) $('source-editor').value = lab.session.source;
  });
  $('load-source').addEventListener('click', () => act(() =>
    start({ source: $('source-editor').value, policy: $('policy').value,
      granularity: $('granularity').value, goal: ownGoal() })));
  window.addEventListener('hashchange', () => act(openHash));
  if (!(await openHash())) await start(levelSetup(lab.levels[0].id));
  document.body.dataset.ready = 'true';
}

document.addEventListener('DOMContentLoaded', () => act(init));
