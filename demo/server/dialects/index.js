// Every dialect the mock backend speaks, in the order paths are matched. A new dialect is one
// module exporting a `Dialect` (see ../connection.js) and one line here. Their paths do not
// overlap, so all of them are served at once. The last three are the standard streams, served
// over HTTP only (a POST per turn, see ../http-turn.js).
import { envelope } from './envelope.js';
import { booking } from './booking.js';
import { hybrid } from './hybrid.js';
import { conversation } from './conversation.js';
import { consultation } from './consultation.js';
import { agui } from './agui.js';
import { aiSdk } from './ai-sdk.js';
import { openai } from './openai.js';

/** @type {import('../connection.js').Dialect[]} */
export const DIALECTS = [envelope, booking, hybrid, conversation, consultation, agui, aiSdk, openai];
