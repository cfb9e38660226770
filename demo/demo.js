// The demo page's developer panel: switch the widget's wire dialect and feature live (the five
// socket dialects and the three standard streams), disconnect / connect it, send the mock backend's
// test hooks (only those the dialect supports), show the standard streams' reasoning and tool
// details, and watch every `ai-chat-*` event the element fires. `?dialect=` and `?feature=` pick
// them on load. Its Chaos buttons inject faults into the mock backend (drop, close, refuse,
// half-open silence, outage, garbage frames) through the backend's POST /__mock/chaos endpoint on
// this origin; those only a socket can feel are hidden for the standard streams.
// (No inline scripts on the page: it works under a strict Content-Security-Policy.)

/**
 * The parts of <ai-chat> this page uses.
 * @typedef {HTMLElement & {connect(): void, disconnect(): void, send(content: string): unknown, status: string, token?: string}} ChatElement
 */

const EVENTS = [
  'ai-chat-status',
  'ai-chat-message',
  'ai-chat-send',
  'ai-chat-action',
  'ai-chat-error',
  'ai-chat-state',
  'ai-chat-data',
];

/**
 * Per dialect: the mock backend's path on this origin (relative: the element resolves it against
 * the page), the features to offer (the first is the default) and the other attributes it needs.
 * The last three are the standard streams (HTTP, a POST per turn; `model` only for openai).
 * @typedef {{endpoint: string, features: string[], heading: string, streamUrl?: string, userId?: string, model?: string}} DialectSetup
 * @type {Record<string, DialectSetup>}
 */
const DIALECTS = {
  envelope: {
    endpoint: '/ai/{feature}/ws',
    features: ['chat', 'symptom_checker', 'booking_assistant', 'doctor_recommendation', 'faq'],
    heading: 'Riverside Assistant',
  },
  booking: { endpoint: '/ws/booking', features: ['booking_assistant'], heading: 'Booking Assistant' },
  hybrid: {
    endpoint: '/api/v1/ws/chat/{user}',
    features: ['chat'],
    heading: 'Riverside Assistant',
    streamUrl: '/api/v1/chat/stream',
    userId: 'demo-user',
  },
  conversation: { endpoint: '/api/v1/chat/ws', features: ['chat'], heading: 'Riverside Assistant' },
  consultation: { endpoint: '/ws/consultation', features: ['consultation'], heading: 'FitIQ Coach' },
  agui: {
    endpoint: '/agui/{feature}',
    features: ['booking_assistant', 'chat', 'symptom_checker', 'doctor_recommendation', 'faq'],
    heading: 'Riverside Agent (AG-UI)',
  },
  'ai-sdk': {
    endpoint: '/api/chat/{feature}',
    features: ['chat', 'symptom_checker', 'booking_assistant', 'doctor_recommendation', 'faq'],
    heading: 'Riverside Assistant (AI SDK)',
  },
  openai: {
    endpoint: '/{feature}/v1/chat/completions',
    features: ['chat', 'faq', 'symptom_checker'],
    heading: 'Riverside Assistant (OpenAI-compatible)',
    model: 'clinic-mini',
  },
};
const MAX_EVENTS = 80;
const CHAOS_URL = '/__mock/chaos';
/** How long the chaos result stays shown. */
const CHAOS_RESULT_MS = 6000;
const DEMO_TOKEN = 'demo-token';
const REFUSED_TOKEN = 'expired';

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`demo: #${id} is missing`);
  return /** @type {T} */ (el);
}

/**
 * A short, one-line JSON of an event's detail: long strings cut, the whole capped.
 * @param {unknown} detail
 */
function shortJson(detail) {
  let text;
  try {
    text = JSON.stringify(detail, (_key, value) =>
      typeof value === 'string' && value.length > 48 ? `${value.slice(0, 45)}…` : value,
    );
  } catch {
    text = String(detail);
  }
  text = text ?? 'undefined';
  return text.length > 180 ? `${text.slice(0, 177)}…` : text;
}

const chat = /** @type {ChatElement} */ (byId('chat'));
const dialectSelect = /** @type {HTMLSelectElement} */ (byId('dialect'));
const featureSelect = /** @type {HTMLSelectElement} */ (byId('feature'));
const endpointNote = byId('endpoint-note');
const toggle = /** @type {HTMLButtonElement} */ (byId('toggle'));
const badToken = /** @type {HTMLButtonElement} */ (byId('bad-token'));
const statusOut = /** @type {HTMLOutputElement} */ (byId('status'));
const eventList = /** @type {HTMLOListElement} */ (byId('events'));
const chaosResult = /** @type {HTMLOutputElement} */ (byId('chaos-result'));

/** @param {string} status */
function showStatus(status) {
  statusOut.value = status;
  statusOut.dataset.status = status;
  toggle.textContent = status === 'idle' ? 'Connect' : 'Disconnect';
}

/** @param {Event} event */
function logEvent(event) {
  // The element's events are Event subclasses with a `detail` field (not always CustomEvent).
  const detail = /** @type {Event & {detail?: any}} */ (event).detail;
  const item = document.createElement('li');
  const time = document.createElement('span');
  time.className = 'event-time';
  time.textContent = new Date().toLocaleTimeString([], { hour12: false });
  const type = document.createElement('span');
  type.className = 'event-type';
  type.textContent = event.type;
  const body = document.createElement('span');
  body.className = 'event-detail';
  body.textContent = shortJson(detail);
  item.append(time, type, body);
  eventList.prepend(item);
  while (eventList.children.length > MAX_EVENTS) eventList.lastElementChild?.remove();
  if (event.type === 'ai-chat-status' && detail && typeof detail.status === 'string')
    showStatus(detail.status);
}

for (const type of EVENTS) chat.addEventListener(type, logEvent);

/**
 * @param {string} name
 * @param {string | null | undefined} value null/undefined removes it
 */
function setAttr(name, value) {
  if (value === null || value === undefined) chat.removeAttribute(name);
  else chat.setAttribute(name, value);
}

/** Puts the dialect and feature in the page URL, so a reload keeps them. */
function rememberInUrl() {
  const url = new URL(location.href);
  url.searchParams.set('dialect', dialectSelect.value);
  url.searchParams.set('feature', featureSelect.value);
  history.replaceState(null, '', url);
}

/**
 * Points the element at a dialect's mock backend (all its attributes in one task, so it
 * reconnects once) and shows the features and test hooks of that dialect.
 * @param {string} dialect
 * @param {string | null} [wantedFeature] kept when the dialect offers it
 */
function useDialect(dialect, wantedFeature) {
  const setup = DIALECTS[dialect] ?? DIALECTS.envelope;
  const feature = wantedFeature && setup.features.includes(wantedFeature) ? wantedFeature : setup.features[0];
  setAttr('dialect', dialect);
  setAttr('endpoint', setup.endpoint);
  setAttr('stream-url', setup.streamUrl);
  setAttr('user-id', setup.userId);
  setAttr('model', setup.model);
  setAttr('feature', feature);
  setAttr('heading', setup.heading);
  dialectSelect.value = dialect;
  featureSelect.replaceChildren(...setup.features.map((f) => new Option(f, f)));
  featureSelect.value = feature;
  featureSelect.disabled = setup.features.length < 2;
  endpointNote.textContent = setup.streamUrl ? `${setup.endpoint} + ${setup.streamUrl}` : setup.endpoint;
  // Hooks name the dialects they work with; other controls that name some (chaos that only a
  // socket feels, the standard streams' options) show only for those.
  for (const control of document.querySelectorAll('[data-hook], [data-dialects]')) {
    const dialects = (control.getAttribute('data-dialects') ?? '').split(/\s+/);
    /** @type {HTMLElement} */ (control).hidden = !dialects.includes(dialect);
  }
}

// ?dialect=booking&feature=booking_assistant pick them on load (before the element connects).
const params = new URLSearchParams(location.search);
const requestedDialect = params.get('dialect');
/** A dialect the page offers: in the table, and an option of the select. @param {string | null} name */
const offered = (name) =>
  name !== null && Object.hasOwn(DIALECTS, name) && [...dialectSelect.options].some((o) => o.value === name);
useDialect(
  offered(requestedDialect) ? /** @type {string} */ (requestedDialect) : 'envelope',
  params.get('feature') ?? chat.getAttribute('feature'),
);

dialectSelect.addEventListener('change', () => {
  useDialect(dialectSelect.value, featureSelect.value);
  rememberInUrl();
});

featureSelect.addEventListener('change', () => {
  chat.setAttribute('feature', featureSelect.value);
  rememberInUrl();
});

toggle.addEventListener('click', () => {
  if (chat.status === 'idle') chat.connect();
  else chat.disconnect();
});

badToken.addEventListener('click', () => {
  const refused = chat.getAttribute('token') !== REFUSED_TOKEN;
  chat.setAttribute('token', refused ? REFUSED_TOKEN : DEMO_TOKEN);
  badToken.textContent = refused ? 'Use the demo token' : 'Use a refused token';
});

for (const button of document.querySelectorAll('[data-hook]')) {
  button.addEventListener('click', () => {
    const hook = button.getAttribute('data-hook');
    if (hook) chat.send(hook);
  });
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let chaosTimer;

/**
 * Shows a chaos outcome for a few seconds.
 * @param {string} text
 * @param {'ok' | 'error' | 'pending'} outcome
 */
function showChaos(text, outcome) {
  clearTimeout(chaosTimer);
  chaosResult.value = text;
  chaosResult.dataset.outcome = outcome;
  if (outcome !== 'pending') {
    chaosTimer = setTimeout(() => {
      chaosResult.value = '';
      delete chaosResult.dataset.outcome;
    }, CHAOS_RESULT_MS);
  }
}

/**
 * Asks the mock backend to inject a fault: POST /__mock/chaos {op, args} -> {ok, result | error}.
 * @param {string} op
 * @param {unknown} args
 */
async function chaos(op, args) {
  showChaos(`${op}…`, 'pending');
  try {
    const response = await fetch(CHAOS_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ op, args }),
      cache: 'no-store',
    });
    /** @type {{ok?: boolean, result?: unknown, error?: string}} */
    let body = {};
    try {
      body = await response.json();
    } catch {
      // not JSON: shown by status below
    }
    if (response.ok && body.ok) showChaos(`${op} → ${shortJson(body.result)}`, 'ok');
    else showChaos(`${op} failed (HTTP ${response.status}): ${body.error ?? response.statusText}`, 'error');
  } catch (error) {
    showChaos(`${op} failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
}

for (const button of document.querySelectorAll('[data-chaos]')) {
  button.addEventListener('click', () => {
    const op = button.getAttribute('data-chaos') ?? '';
    /** @type {unknown} */
    let args = {};
    try {
      args = JSON.parse(button.getAttribute('data-args') ?? '{}');
    } catch {
      // a typo in the page's data-args: send none
    }
    void chaos(op, args);
  });
}

byId('clear-events').addEventListener('click', () => eventList.replaceChildren());

const showReasoning = /** @type {HTMLInputElement} */ (byId('show-reasoning'));
const showToolDetails = /** @type {HTMLInputElement} */ (byId('show-tool-details'));
showReasoning.addEventListener('change', () =>
  setAttr('reasoning', showReasoning.checked ? 'collapsed' : null),
);
showToolDetails.addEventListener('change', () =>
  chat.toggleAttribute('show-tool-details', showToolDetails.checked),
);

customElements.whenDefined('ai-chat').then(() => showStatus(chat.status ?? 'idle'));
