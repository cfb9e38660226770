// The demo page's developer panel: switch the widget's feature live, disconnect / connect it,
// send the mock backend's test hooks, and watch every `ai-chat-*` event the element fires.
// (No inline scripts on the page: it works under a strict Content-Security-Policy.)

/**
 * The parts of <ai-chat> this page uses.
 * @typedef {HTMLElement & {connect(): void, disconnect(): void, send(content: string): unknown, status: string, token?: string}} ChatElement
 */

const EVENTS = ['ai-chat-status', 'ai-chat-message', 'ai-chat-send', 'ai-chat-action', 'ai-chat-error'];
const FEATURES = ['chat', 'symptom_checker', 'booking_assistant', 'doctor_recommendation', 'faq'];
const MAX_EVENTS = 80;
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
const featureSelect = /** @type {HTMLSelectElement} */ (byId('feature'));
const toggle = /** @type {HTMLButtonElement} */ (byId('toggle'));
const badToken = /** @type {HTMLButtonElement} */ (byId('bad-token'));
const statusOut = /** @type {HTMLOutputElement} */ (byId('status'));
const eventList = /** @type {HTMLOListElement} */ (byId('events'));

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

// ?feature=symptom_checker picks the feature on load.
const requested = new URLSearchParams(location.search).get('feature');
if (requested && FEATURES.includes(requested)) chat.setAttribute('feature', requested);
featureSelect.value = chat.getAttribute('feature') ?? 'chat';

featureSelect.addEventListener('change', () => {
  chat.setAttribute('feature', featureSelect.value);
  const url = new URL(location.href);
  url.searchParams.set('feature', featureSelect.value);
  history.replaceState(null, '', url);
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

byId('clear-events').addEventListener('click', () => eventList.replaceChildren());

customElements.whenDefined('ai-chat').then(() => showStatus(chat.status ?? 'idle'));
