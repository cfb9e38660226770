// demo/custom-dialect.html: hands the page's own dialect object to the element (a property: an
// object cannot be an attribute). No inline scripts on the page.
import { partnerDialect } from './custom-dialect.js';

const chat = /** @type {HTMLElement & {dialect: unknown}} */ (document.getElementById('partner-chat'));
chat.dialect = partnerDialect;
