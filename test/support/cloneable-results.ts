// Makes a test file's results sendable, whatever a failed assertion held.
//
// web-test-runner sends each file's results from the browser to Node through `structuredClone`
// (its `/__web-dev-server__web-socket.js` module), and a failed chai assertion keeps its subject
// raw in `actual`/`expected`. A DOM node, a function or the window cannot be cloned, so
// `expect(el.querySelector('[href]')).to.equal(null)` failing threw a DataCloneError inside the
// runner: the results never arrived and the run hung until "did not finish within 180000ms", with
// no test name (modernweb-dev/web#2967, still open upstream). test/support/cloneable-results-plugin.js
// routes that clone through `cloneable()` below: a message that clones is sent as it is; otherwise
// each value that cannot be cloned becomes readable text (a node: its HTML; a function: its name),
// and a failed assertion's `actual` and `expected` both become text, so the reporter prints them
// as a diff under the test's name. It never throws: if even that fails, the file is reported
// failed with the reason, rather than hanging.

/** How much of a node's HTML a report shows. */
export const HTML_LIMIT = 2000;

const truncate = (text: string, limit = HTML_LIMIT): string =>
  text.length > limit ? `${text.slice(0, limit)}… (${text.length - limit} more characters)` : text;

/** A node as the HTML a person would look for: an element's outerHTML, a text node's data… */
export function describeNode(node: Node): string {
  if (node instanceof Element) return truncate(node.outerHTML);
  if (node instanceof ShadowRoot) return truncate(`#shadow-root ${node.innerHTML}`);
  if (node instanceof Document) return truncate(`#document ${node.documentElement?.outerHTML ?? ''}`);
  if (node instanceof DocumentFragment) {
    const holder = document.createElement('div');
    holder.append(node.cloneNode(true));
    return truncate(`#document-fragment ${holder.innerHTML}`);
  }
  return truncate(`${node.nodeName} ${JSON.stringify(node.textContent)}`);
}

const clones = (value: unknown): boolean => {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
};

const safeString = (value: unknown): string => {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
};

/** `value` with everything `structuredClone` refuses replaced by a readable description. */
export function describeValue(value: unknown, ancestors: readonly object[] = []): unknown {
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value === 'symbol') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (typeof Node !== 'undefined' && value instanceof Node) return describeNode(value);
  if (value === globalThis) return '[object Window]';
  if (ancestors.includes(value)) return '[Circular]';
  const inside = [...ancestors, value];
  if (Array.isArray(value)) return value.map((item) => describeValue(item, inside));
  if (value instanceof Map)
    return [...value].map(([k, v]) => [describeValue(k, inside), describeValue(v, inside)]);
  if (value instanceof Set) return [...value].map((item) => describeValue(item, inside));
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null && clones(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    let item: unknown;
    try {
      item = (value as Record<string, unknown>)[key];
    } catch (error) {
      item = `[getter threw ${safeString(error)}]`;
    }
    out[key] = describeValue(item, inside);
  }
  if ('message' in out && ('actual' in out || 'expected' in out)) {
    // A failed assertion: when either side could not be sent as it was, send both as text, so the
    // reporter shows them (it prints a diff when both are strings, and nothing of them otherwise).
    const { actual, expected } = value as { actual?: unknown; expected?: unknown };
    if (!clones(actual) || !clones(expected)) {
      out.actual = asText(actual);
      out.expected = asText(expected);
    }
  }
  return out;
}

/** A value as one readable string, for a diff. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  const described = describeValue(value);
  if (typeof described === 'string') return described;
  if (described === undefined) return 'undefined';
  try {
    return JSON.stringify(described, null, 2);
  } catch {
    return safeString(described);
  }
}

interface Message {
  type?: unknown;
  sessionId?: unknown;
  testFile?: unknown;
  userAgent?: unknown;
}

/**
 * What the runner's `stable()` clones before sending `message`. Only a file's results are
 * rewritten; any other message that does not clone throws as before (a test's command fails).
 */
export function cloneable(message: unknown): unknown {
  try {
    return structuredClone(message);
  } catch (error) {
    const { type, sessionId, testFile, userAgent } = (message ?? {}) as Message;
    if (type !== 'wtr-session-finished') throw error;
    try {
      return structuredClone(describeValue(message));
    } catch (again) {
      return {
        type,
        sessionId,
        testFile,
        userAgent,
        result: {
          passed: false,
          logs: [],
          errors: [{ message: `The results of this test file could not be sent: ${safeString(again)}` }],
        },
      };
    }
  }
}
