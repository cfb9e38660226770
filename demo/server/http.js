// Small HTTP helpers for the dialects' HTTP routes (hybrid's SSE reply stream, booking's doctor
// avatars, the standard streams' POST per turn): CORS (the tests fetch cross-origin, with an
// Authorization header), plain answers, request bodies, the bearer token of a request, and
// Server-Sent Events framing.

/**
 * CORS headers that let any page read the answer and send `Authorization`.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Record<string, string>}
 */
export const corsHeaders = (req) => ({
  'access-control-allow-origin': req.headers.origin ?? '*',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': 'x-vercel-ai-ui-message-stream',
  vary: 'origin',
});

/**
 * Answers a CORS preflight (OPTIONS); false for any other method.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function preflight(req, res) {
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, { ...corsHeaders(req), 'access-control-max-age': '600' });
  res.end();
  return true;
}

/**
 * A whole answer with CORS headers.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} type content-type
 * @param {string} body
 * @param {string} [cache] cache-control (default no-store)
 */
export function respond(req, res, status, type, body, cache = 'no-store') {
  res.writeHead(status, { ...corsHeaders(req), 'content-type': type, 'cache-control': cache });
  res.end(body);
}

/**
 * The request's Authorization header split into scheme and credentials, and how to record it
 * (`'Bearer 10'`: the scheme and the credentials' length, never the secret).
 * @param {import('node:http').IncomingMessage} req
 * @returns {{scheme: string, token: string, recorded: string | null}}
 */
export function authorizationOf(req) {
  const header = req.headers.authorization;
  if (header === undefined) return { scheme: '', token: '', recorded: null };
  const space = header.indexOf(' ');
  const [scheme, token] = space < 0 ? [header, ''] : [header.slice(0, space), header.slice(space + 1)];
  return { scheme, token, recorded: `${scheme} ${token.length}` };
}

/**
 * One Server-Sent Event: every line of `body` its own `data:` field, so a body with newlines
 * arrives whole (the client joins the fields with `\n`).
 * @param {string} body
 */
export const sseData = (body) =>
  `${body
    .split('\n')
    .map((line) => `data: ${line}`)
    .join('\n')}\n\n`;

/**
 * Starts a text/event-stream answer.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function startEventStream(req, res) {
  res.writeHead(200, {
    ...corsHeaders(req),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  });
  res.flushHeaders();
}

/**
 * A request's body as text, at most `limit` bytes (rejects beyond it and ends the request).
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<string>}
 */
export function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const parts = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ part) => {
      size += part.length;
      if (size > limit) {
        reject(new Error(`over ${limit} bytes`));
        req.destroy();
      } else parts.push(part);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}
