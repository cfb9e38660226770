// Every dialect the mock backend speaks, in the order paths are matched. A new dialect is one
// module exporting a `Dialect` (see ../connection.js) and one line here.
import { envelope } from './envelope.js';

/** @type {import('../connection.js').Dialect[]} */
export const DIALECTS = [envelope];
