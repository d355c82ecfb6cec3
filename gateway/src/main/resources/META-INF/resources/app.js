'use strict';

// Kurobe's first page: ask, follow the five stages live over the WebSocket, show the answer.
// /?key=kb_... remembers a key; /?question=<id> opens a question.

const STAGES = [
  ['INTENT', 'Intent', 'understand the question'],
  ['SCHEMA', 'Schema', 'link tables and columns'],
  ['CANDIDATE', 'Candidates', 'write SQL candidates'],
  ['SELECTION', 'Selection', 'pick the best one'],
  ['PANEL', 'Panels', 'run it and show it'],
];
const KEY_STORAGE = 'kurobe.apiKey';
const SVG = 'http://www.w3.org/2000/svg';
const numbers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

const $ = (id) => document.getElementById(id);
const state = { questionId: null, conversationId: null, socket: null, ended: false };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  return node;
}

// --- API key: remembered in this browser; /?key=kb_... fills it in once and leaves the address bar clean

function apiKey() {
  return $('api-key').value.trim();
}

function initKey() {
  const params = new URLSearchParams(location.search);
  const fromAddress = params.get('key');
  if (fromAddress) {
    localStorage.setItem(KEY_STORAGE, fromAddress);
    params.delete('key');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + (rest ? '?' + rest : ''));
  }
  $('api-key').value = localStorage.getItem(KEY_STORAGE) || '';
  $('api-key').addEventListener('change', () => {
    localStorage.setItem(KEY_STORAGE, apiKey());
    loadRecent();
    const linked = new URLSearchParams(location.search).get('question');
    if (linked && apiKey()) showStored(linked, false);
  });
  $('key-toggle').addEventListener('click', () => {
    const field = $('api-key');
    field.type = field.type === 'password' ? 'text' : 'password';
    $('key-toggle').textContent = field.type === 'password' ? 'show' : 'hide';
  });
}

// --- REST

async function api(path, options = {}) {
  const headers = { Authorization: 'Bearer ' + apiKey() };
  if (options.body) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { ...options, headers });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = body || { title: response.statusText, status: response.status };
    const error = new Error(problem.detail || problem.title || 'Request failed');
    error.problem = problem;
    throw error;
  }
  return body;
}

function showAskError(error) {
  const box = $('ask-error');
  const code = error.problem && error.problem.code;
  box.textContent = code === 'UNAUTHORIZED'
    ? 'That API key was not accepted. Paste a key that starts with kb_.'
    : error.message;
  box.hidden = false;
}

async function ask(question) {
  $('ask-error').hidden = true;
  $('ask-button').disabled = true;
  try {
    const body = { question, connectionId: $('connection').value.trim() };
    if (state.conversationId) body.conversationId = state.conversationId;
    const accepted = await api('/api/questions', { method: 'POST', body: JSON.stringify(body) });
    state.conversationId = accepted.conversationId;
    $('conversation-note').hidden = false;
    follow(accepted.id);
    loadRecent();
  } catch (error) {
    showAskError(error);
  } finally {
    $('ask-button').disabled = false;
  }
}

// --- following one question

function resetRun() {
  $('run').hidden = false;
  const list = $('stages');
  list.replaceChildren();
  for (const [id, name, what] of STAGES) {
    const item = el('li', 'stage');
    item.dataset.stage = id;
    const label = el('span', 'name', name);
    label.append(el('span', 'what', what));
    item.append(el('span', 'dot'), label, el('span', 'time'));
    list.append(item);
  }
  $('panels').replaceChildren();
  $('failure').hidden = true;
  $('clarification').hidden = true;
  $('sql-box').hidden = true;
  resetFeedback();
  $('waiting').hidden = false;
  $('stream-note').textContent = '';
}

function follow(id) {
  if (state.socket) state.socket.close();
  state.questionId = id;
  state.ended = false;
  resetRun();
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  // Browsers cannot set headers on a WebSocket: the key travels as the subprotocol bearer.<key>.
  const socket = new WebSocket(`${scheme}//${location.host}/ws/questions/${id}`, ['kurobe.v1', 'bearer.' + apiKey()]);
  state.socket = socket;
  $('stream-note').textContent = 'live';
  socket.addEventListener('message', (message) => {
    const data = JSON.parse(message.data);
    if (data.type === 'progress') showProgress(data.event);
    if (data.type === 'answer') showAnswer(data.event);
    if (data.type === 'clarified') {
      // the socket now follows the question that carries the answer
      state.questionId = data.questionId;
      state.ended = false;
      resetRun();
      loadRecent();
    }
    if (data.type === 'error') showAskError(new Error(data.detail));
  });
  socket.addEventListener('close', () => {
    if (state.socket !== socket) return;
    state.socket = null;
    $('stream-note').textContent = '';
    if (!state.ended) showStored(state.questionId, true);
  });
}

function showProgress(event) {
  const item = document.querySelector(`.stage[data-stage="${event.stage}"]`);
  if (!item) return;
  const status = event.status;
  item.className = 'stage ' + { STARTED: 'started', DONE: 'done', FAILED: 'failed', NEEDS_CLARIFICATION: 'asks' }[status];
  item.querySelector('.dot').textContent = { DONE: '✓', FAILED: '!', NEEDS_CLARIFICATION: '?' }[status] || '';
  item.querySelector('.time').textContent = status === 'STARTED' ? '…' : `${event.elapsedMs} ms`;
  let message = item.querySelector('.message');
  if (event.message && status !== 'DONE') {
    if (!message) item.append(message = el('span', 'message'));
    message.textContent = event.message;
  }
  if (status === 'NEEDS_CLARIFICATION' && event.clarification) showClarification(event.clarification);
}

function showClarification(clarification) {
  state.ended = true;
  $('waiting').hidden = true;
  $('clarification').hidden = false;
  $('clarification-question').textContent = clarification.question;
  const options = $('clarification-options');
  options.replaceChildren();
  for (const option of clarification.options || []) {
    const button = el('button', null, option);
    button.type = 'button';
    button.addEventListener('click', () => answerClarification(option));
    options.append(button);
  }
}

/** Answers the question asked back: on the open socket, which then follows the new question, or over REST. */
async function answerClarification(answer) {
  $('ask-error').hidden = true;
  if (state.socket && state.socket.readyState === WebSocket.OPEN) {
    state.socket.send(JSON.stringify({ type: 'clarification', answer }));
    return;
  }
  try {
    const accepted = await api(`/api/questions/${encodeURIComponent(state.questionId)}/clarification`,
      { method: 'POST', body: JSON.stringify({ answer }) });
    follow(accepted.id);
    loadRecent();
  } catch (error) {
    showAskError(error);
  }
}

function showAnswer(answer) {
  state.ended = true;
  $('waiting').hidden = true;
  if (answer.error) {
    $('failure').textContent = answer.error.message;
    $('failure').hidden = false;
  }
  if (answer.sql) {
    $('sql').textContent = answer.sql;
    $('sql-box').hidden = false;
    $('sql-box').open = true;
  }
  const panels = $('panels');
  panels.replaceChildren(...(answer.panels || []).map(renderPanel));
  if (answer.offline) panels.append(el('p', 'muted', 'Answered by the offline engine (no language model configured).'));
  $('feedback').hidden = !(answer.sql && !answer.error);
  loadRecent();
}

// --- feedback: a right answer (or the right SQL) becomes an example the ICL generator shows later questions

function resetFeedback() {
  $('feedback').hidden = true;
  $('feedback-fix').hidden = true;
  $('feedback-sql').value = '';
  $('feedback-note').hidden = true;
}

// The answer reaches this page over the socket a moment before the gateway has stored the question as DONE, so
// a click right after it can meet 409 QUESTION_NOT_ANSWERED: that one is asked again for a few seconds.
async function postFeedback(questionId, body) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api(`/api/questions/${encodeURIComponent(questionId)}/feedback`,
        { method: 'POST', body: JSON.stringify(body) });
    } catch (error) {
      if (error.problem?.code !== 'QUESTION_NOT_ANSWERED' || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

async function sendFeedback(body) {
  const note = $('feedback-note');
  note.classList.remove('error');
  try {
    const feedback = await postFeedback(state.questionId, body);
    note.textContent = feedback.example
      ? `Kept as an example of connection ${feedback.example.connectionId}: later questions like it are shown it.`
      : 'Thanks: noted as wrong' + (feedback.removedExampleId ? ', and its example was removed.' : '.');
    $('feedback-fix').hidden = true;
  } catch (error) {
    note.textContent = error.message;
    note.classList.add('error');
  }
  note.hidden = false;
}

function initFeedback() {
  $('feedback-right').addEventListener('click', () => sendFeedback({ correct: true }));
  $('feedback-wrong').addEventListener('click', () => {
    $('feedback-fix').hidden = false;
    $('feedback-sql').value = $('sql').textContent;
    $('feedback-sql').focus();
  });
  $('feedback-fix').addEventListener('submit', (event) => {
    event.preventDefault();
    const sql = $('feedback-sql').value.trim();
    sendFeedback(sql && sql !== $('sql').textContent.trim() ? { correct: false, sql } : { correct: false });
  });
}

/** The stored state of a question, for one picked from the list or a socket that ended early. */
async function showStored(id, afterSocket) {
  try {
    const question = await api('/api/questions/' + encodeURIComponent(id));
    if (!afterSocket) {
      resetRun();
      state.questionId = id;
      $('question').value = question.question;
    }
    (question.events || []).forEach(showProgress);
    if (question.answeredAt) {
      showAnswer(question);
    } else if (!afterSocket && question.status !== 'NEEDS_CLARIFICATION') {
      follow(id);
    } else if (afterSocket && question.status !== 'NEEDS_CLARIFICATION') {
      $('stream-note').textContent = 'The live stream ended before the answer; pick the question below to look again.';
    }
  } catch (error) {
    showAskError(error);
  }
}

// --- panels

// Called by map: `all` is the answer's panels, so a chart whose data a table panel of the same answer already shows
// is drawn without repeating that table under it.
function renderPanel(panel, _index, all) {
  const box = el('div', 'panel');
  if (panel.title) box.append(el('h3', null, panel.title));
  if (panel.kind === 'KPI') {
    const value = panel.rows.length && panel.rows[0].length ? panel.rows[0][0] : null;
    box.append(el('div', 'kpi', format(value)));
    if (panel.columns.length) box.append(el('div', 'kpi-label', panel.columns[0].name));
    return box;
  }
  let chart = null;
  if (panel.kind === 'BAR' || panel.kind === 'LINE') {
    chart = renderChart(panel);
    if (chart) box.append(chart);
  }
  const tableElsewhere = Array.isArray(all) && all.some((other) => other !== panel && other.kind === 'TABLE'
    && sameData(other, panel));
  if (!chart || !tableElsewhere) box.append(renderTable(panel));
  if (panel.truncated) box.append(el('p', 'muted', `Showing the first ${panel.rows.length} rows.`));
  return box;
}

function sameData(a, b) {
  const names = (panel) => panel.columns.map((column) => column.name).join('\u0000');
  return names(a) === names(b) && a.rows.length === b.rows.length;
}

function format(value) {
  if (value === null || value === undefined) return '—';
  return typeof value === 'number' ? numbers.format(value) : String(value);
}

function renderTable(panel) {
  const wrap = el('div', 'table-wrap');
  const table = el('table');
  const head = el('tr');
  panel.columns.forEach((column) => head.append(el('th', null, column.name)));
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  for (const row of panel.rows) {
    const tr = el('tr');
    row.forEach((value) => tr.append(el('td', typeof value === 'number' ? 'num' : null, format(value))));
    body.append(tr);
  }
  table.append(body);
  wrap.append(table);
  return wrap;
}

function columnIndex(panel, name, fallback) {
  const index = panel.columns.findIndex((column) => column.name === name);
  return index >= 0 ? index : fallback;
}

function renderChart(panel) {
  const xi = columnIndex(panel, panel.x, 0);
  const yi = columnIndex(panel, panel.y && panel.y[0], 1);
  const points = panel.rows
    .map((row) => ({ label: format(row[xi]), value: Number(row[yi]) }))
    .filter((point) => Number.isFinite(point.value))
    .slice(0, 60);
  if (!points.length) return null;

  const width = 640, height = 260, left = 48, right = 12, top = 12, bottom = 32;
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const max = Math.max(0, ...points.map((p) => p.value));
  const min = Math.min(0, ...points.map((p) => p.value));
  const span = max - min || 1;
  const y = (value) => top + plotHeight * (max - value) / span;
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': panel.title || 'chart' });

  for (const tick of [max, (max + min) / 2, min]) {
    chart.append(svg('line', { class: 'axis', x1: left, x2: width - right, y1: y(tick), y2: y(tick) }));
    const label = svg('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end' });
    label.textContent = compact.format(tick);
    chart.append(label);
  }

  const step = plotWidth / points.length;
  const longest = Math.min(12, Math.max(...points.map((p) => p.label.length)));
  const labelEvery = Math.ceil(points.length / Math.max(1, Math.floor(plotWidth / (longest * 6.5 + 10))));
  points.forEach((point, i) => {
    const cx = left + step * i + step / 2;
    if (panel.kind === 'BAR') {
      const barTop = y(Math.max(point.value, 0));
      chart.append(svg('rect', { class: 'bar', x: cx - step * 0.35, width: step * 0.7, y: barTop,
        height: Math.max(1, Math.abs(y(point.value) - y(0))) }));
    } else {
      chart.append(svg('circle', { class: 'point', cx, cy: y(point.value), r: 3 }));
    }
    if (i % labelEvery === 0) {
      const label = svg('text', { x: cx, y: height - bottom + 16, 'text-anchor': 'middle' });
      label.textContent = point.label.length > 12 ? point.label.slice(0, 11) + '…' : point.label;
      chart.append(label);
    }
  });
  if (panel.kind === 'LINE') {
    const path = points.map((point, i) => `${left + step * i + step / 2},${y(point.value)}`).join(' ');
    chart.insertBefore(svg('polyline', { class: 'line', points: path }), chart.querySelector('circle'));
  }
  return chart;
}

// --- recent questions

async function loadRecent() {
  const list = $('recent');
  if (!apiKey()) return;
  try {
    const questions = await api('/api/questions?limit=10');
    list.replaceChildren();
    if (!questions.length) list.append(el('li', 'muted', 'No questions yet.'));
    for (const question of questions) {
      const item = el('li');
      const open = el('button', null, question.question);
      open.type = 'button';
      open.addEventListener('click', () => showStored(question.id, false));
      item.append(el('span', 'badge ' + question.status, question.status.replace('_', ' ').toLowerCase()), open);
      list.append(item);
    }
  } catch (error) {
    list.replaceChildren(el('li', 'muted', error.message));
  }
}

// --- wiring

initKey();
initFeedback();
$('ask-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const question = $('question').value.trim();
  if (question) ask(question);
});
$('question').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    $('ask-form').requestSubmit();
  }
});
$('new-conversation').addEventListener('click', () => {
  state.conversationId = null;
  $('conversation-note').hidden = true;
  $('question').focus();
});
loadRecent();
const linked = new URLSearchParams(location.search).get('question');
if (linked && apiKey()) showStored(linked, false);
