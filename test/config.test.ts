// resolveConfig: what the page set becomes a usable configuration. Every setting's default, every
// bad value replaced and described (the element reports each problem as a `bad-config` error),
// and the values kept as given. (Limits on very large or very small values belong to the session.)
import { expect } from '@open-wc/testing';
import { connectionKey, resolveConfig, type RawConfig } from '../src/config.js';
import {
  AUTH_MODES,
  DEFAULT_DIALECT,
  DIALECT_NAMES,
  loadDialect,
  readyDialect,
} from '../src/protocol/index.js';
import { SETTINGS } from '../src/settings.js';
import { DEFAULTS } from '../src/transport/backoff.js';

const resolve = (raw: RawConfig = {}) => resolveConfig(raw);

describe('config: resolveConfig', () => {
  it('fills in every default from nothing, with no problems', () => {
    const { config, problems } = resolve();
    expect(problems).to.deep.equal([]);
    expect({ ...config, dialect: config.dialect.name }).to.deep.equal({
      endpoint: undefined,
      feature: 'chat',
      dialect: 'envelope',
      auth: 'query',
      streamUrl: undefined,
      userId: undefined,
      sessionId: undefined,
      apiKey: undefined,
      maxRetries: 5,
      heartbeatMs: 30_000,
      maxMessages: 100,
      maxLength: 4000,
      persist: 'none',
      model: undefined,
      mode: 'inline',
      connect: 'auto',
    });
    // The documented defaults (the settings table) and the constants elsewhere agree.
    const { feature, maxMessages, maxLength } = SETTINGS;
    expect([feature.default, DEFAULT_DIALECT, maxMessages.default, maxLength.default]).to.deep.equal([
      'chat',
      'envelope',
      100,
      4000,
    ]);
    expect(config.maxRetries).to.equal(DEFAULTS.maxRetries);
    expect(config.heartbeatMs).to.equal(DEFAULTS.heartbeatMs);
  });

  it('treats null (a removed attribute), empty and blank values as unset', () => {
    const unset: RawConfig = {
      endpoint: null,
      feature: '',
      dialect: '   ',
      auth: null,
      streamUrl: '',
      userId: ' ',
      sessionId: null,
      apiKey: '',
      maxRetries: null,
      heartbeat: null,
      maxMessages: null,
      maxLength: null,
      persist: '  ',
      mode: '',
      theme: null,
    };
    const { config, problems } = resolve(unset);
    expect(problems).to.deep.equal([]);
    expect(config).to.deep.equal(resolve().config);
  });

  it('keeps text settings, trimmed', () => {
    const { config, problems } = resolve({
      endpoint: '  wss://clinic.example/ai/{feature}/ws?token=x ',
      feature: ' symptom_checker ',
      userId: ' u-1 ',
      sessionId: '\ts-1\n',
      apiKey: ' key ',
      streamUrl: ' /stream ',
    });
    expect(problems).to.deep.equal([]);
    expect(config.endpoint).to.equal('wss://clinic.example/ai/{feature}/ws?token=x');
    expect(config.feature).to.equal('symptom_checker');
    expect([config.userId, config.sessionId, config.apiKey]).to.deep.equal(['u-1', 's-1', 'key']);
    expect(config.streamUrl, 'a relative URL resolves against the page').to.equal('/stream');
  });

  describe('dialect and auth', () => {
    // Every built-in dialect but the default loads on first use: each test loads its own.
    before(() => Promise.all(DIALECT_NAMES.map(loadDialect)));

    for (const name of DIALECT_NAMES) {
      it(`dialect "${name}" is used as given, with its first auth mode as the default`, async () => {
        const dialect = await loadDialect(name);
        const { config, problems } = resolve({ dialect: ` ${name} ` });
        expect(problems).to.deep.equal([]);
        expect(config.dialect).to.equal(dialect);
        expect(config.auth).to.equal(dialect.auth[0]);
        if (dialect.channel === 'socket') expect(AUTH_MODES).to.include(config.auth);
      });
    }

    it('the default auth of each built-in dialect is the one its backend expects', () => {
      const auth = (dialect: string) => resolve({ dialect }).config.auth;
      expect(auth('envelope')).to.equal('query');
      expect(auth('conversation')).to.equal('message');
    });

    for (const bad of ['Envelope', 'nope', 'toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      it(`an unknown dialect "${bad}" is reported, listing the known ones, and envelope is used`, () => {
        const { config, problems } = resolve({ dialect: bad });
        expect(config.dialect).to.equal(readyDialect(DEFAULT_DIALECT));
        expect(problems).to.have.length(1);
        expect(problems[0]).to.contain(`dialect "${bad}" is not known`);
        for (const known of DIALECT_NAMES) expect(problems[0]).to.contain(known);
        expect(problems[0]).to.match(/using envelope$/);
      });
    }

    for (const mode of AUTH_MODES) {
      it(`auth "${mode}" is used as given`, () => {
        const { config, problems } = resolve({ auth: ` ${mode} ` });
        expect(problems).to.deep.equal([]);
        expect(config.auth).to.equal(mode);
      });
    }

    it('an unknown auth mode is reported and the dialect default is used', () => {
      const { config, problems } = resolve({ dialect: 'conversation', auth: 'cookie' });
      expect(config.auth).to.equal('message');
      expect(problems).to.deep.equal([
        'auth "cookie" is not one the conversation dialect supports (message); using message',
      ]);
    });

    it('with an unknown dialect, a bad auth falls back to the default dialect’s mode', () => {
      const { config, problems } = resolve({ dialect: 'nope', auth: 'QUERY' });
      expect(config.dialect.name).to.equal('envelope');
      expect(config.auth).to.equal('query');
      expect(problems).to.have.length(2);
      expect(problems[1]).to.equal(
        'auth "QUERY" is not one the envelope dialect supports (query, protocol, message); using query',
      );
    });
  });

  describe('numbers', () => {
    const NUMBERS = [
      { name: 'max-retries', key: 'maxRetries', field: 'maxRetries', fallback: 5, scale: 1 },
      { name: 'heartbeat', key: 'heartbeat', field: 'heartbeatMs', fallback: 30, scale: 1000 },
      { name: 'max-messages', key: 'maxMessages', field: 'maxMessages', fallback: 100, scale: 1 },
      { name: 'max-length', key: 'maxLength', field: 'maxLength', fallback: 4000, scale: 1 },
    ] as const;

    for (const { name, key, field, fallback, scale } of NUMBERS) {
      for (const [bad, shown] of [
        [-1, '-1'],
        [-0.5, '-0.5'],
        [NaN, 'something that is not a number'],
        [Infinity, 'Infinity'],
        [-Infinity, '-Infinity'],
      ] as const) {
        it(`${name} = ${shown} is reported and ${fallback} is used`, () => {
          const { config, problems } = resolve({ [key]: bad });
          expect(config[field]).to.equal(fallback * scale);
          expect(problems).to.deep.equal([`${name} must be a number ≥ 0 (got ${shown}); using ${fallback}`]);
        });
      }
    }

    it('max-retries keeps a whole number, rounding a fraction down; 0 means no retry', () => {
      expect(resolve({ maxRetries: 3 }).config.maxRetries).to.equal(3);
      expect(resolve({ maxRetries: 2.9 }).config.maxRetries).to.equal(2);
      expect(resolve({ maxRetries: 0 }).config.maxRetries).to.equal(0);
      expect(resolve({ maxRetries: 0 }).problems).to.deep.equal([]);
    });

    it('heartbeat is in seconds (fractions too) and 0 turns it off', () => {
      expect(resolve({ heartbeat: 15 }).config.heartbeatMs).to.equal(15_000);
      expect(resolve({ heartbeat: 2.5 }).config.heartbeatMs).to.equal(2500);
      const off = resolve({ heartbeat: 0 });
      expect(off.config.heartbeatMs).to.equal(0);
      expect(off.problems).to.deep.equal([]);
    });

    for (const [name, key] of [
      ['max-messages', 'maxMessages'],
      ['max-length', 'maxLength'],
    ] as const) {
      it(`${name} keeps a whole number of at least 1 (less is clamped, and reported)`, () => {
        expect(resolve({ [key]: 20 }).config[key]).to.equal(20);
        expect(resolve({ [key]: 7.8 }).config[key]).to.equal(7);
        expect(resolve({ [key]: 0 }).config[key], '0 keeps one').to.equal(1);
        expect(resolve({ [key]: 0.5 }).config[key]).to.equal(1);
        expect(resolve({ [key]: 1 }).problems).to.deep.equal([]);
        expect(resolve({ [key]: 0 }).problems).to.have.length(1);
      });
    }
  });

  describe('persist, mode and theme', () => {
    for (const persist of ['none', 'session', 'local']) {
      it(`persist "${persist}" is used as given`, () => {
        const { config, problems } = resolve({ persist: ` ${persist}` });
        expect(problems).to.deep.equal([]);
        expect(config.persist).to.equal(persist);
      });
    }

    for (const bad of ['Local', 'indexeddb', 'true']) {
      it(`persist "${bad}" is reported and nothing is stored`, () => {
        const { config, problems } = resolve({ persist: bad });
        expect(config.persist).to.equal('none');
        expect(problems).to.deep.equal([`persist "${bad}" is not one of none, session, local; using none`]);
      });
    }

    it('mode and theme are checked: good values pass, bad ones are reported (the theme is the element’s only)', () => {
      for (const mode of ['inline', 'launcher']) expect(resolve({ mode }).problems).to.deep.equal([]);
      for (const theme of ['auto', 'light', 'dark']) expect(resolve({ theme }).problems).to.deep.equal([]);
      expect(resolve({ mode: 'popup' }).problems).to.deep.equal([
        'mode "popup" is not one of inline, launcher; using inline',
      ]);
      expect(resolve({ theme: 'Dark' }).problems).to.deep.equal([
        'theme "Dark" is not one of auto, light, dark; using auto',
      ]);
      expect(resolve({ mode: 'launcher', theme: 'dark' }).config).to.include({ mode: 'launcher' });
      expect(Object.keys(resolve({ theme: 'dark' }).config)).to.not.include('theme');
    });
  });

  describe('stream-url', () => {
    it('keeps absolute and relative URLs', () => {
      for (const streamUrl of ['https://clinic.example/stream', '/ai/stream', 'stream?x=1'])
        expect(resolve({ streamUrl })).to.deep.include({ problems: [] });
    });

    it('drops one that does not parse, and the problem shows no query, fragment or user info', () => {
      const { config, problems } = resolve({
        streamUrl: 'http://user:SECRET-PW@[bad host/stream?token=SECRET-Q#SECRET-F',
      });
      expect(config.streamUrl).to.equal(undefined);
      expect(problems).to.have.length(1);
      expect(problems[0]).to.match(/^stream-url ".*" is not a valid URL; ignored$/);
      expect(problems[0]).to.not.match(/SECRET/);
    });
  });

  it('reports every bad setting at once, in a stable order', () => {
    const { problems } = resolve({
      dialect: 'x',
      auth: 'y',
      persist: 'z',
      mode: 'm',
      theme: 't',
      streamUrl: 'http://[',
      maxRetries: -1,
      heartbeat: -1,
      maxMessages: -1,
      maxLength: -1,
    });
    // The dialect (the auth mode depends on it) first, then the settings table's order.
    expect(problems.map((p) => p.split(' ')[0])).to.deep.equal([
      'dialect',
      'auth',
      'stream-url',
      'max-retries',
      'heartbeat',
      'persist',
      'max-messages',
      'max-length',
      'mode',
      'theme',
    ]);
  });
});

describe('config: connectionKey', () => {
  const base = resolve({ endpoint: 'wss://a.example/ws', feature: 'faq' }).config;

  it('is the same for equal settings', () => {
    expect(connectionKey(resolve({ endpoint: 'wss://a.example/ws', feature: ' faq ' }).config)).to.equal(
      connectionKey(base),
    );
  });

  for (const [what, raw] of [
    ['endpoint', { endpoint: 'wss://b.example/ws' }],
    ['feature', { feature: 'booking' }],
    ['dialect', { dialect: 'booking' }],
    ['auth', { auth: 'protocol' }],
    ['stream-url', { streamUrl: '/s' }],
    ['user-id', { userId: 'u' }],
    ['session-id', { sessionId: 's' }],
    ['api-key', { apiKey: 'k' }],
    ['max-retries', { maxRetries: 1 }],
    ['heartbeat', { heartbeat: 10 }],
  ] as const) {
    it(`changes with ${what} (a new connection is needed)`, () => {
      const changed = resolve({ endpoint: 'wss://a.example/ws', feature: 'faq', ...raw }).config;
      expect(connectionKey(changed)).to.not.equal(connectionKey(base));
    });
  }

  for (const [what, raw] of [
    ['max-messages', { maxMessages: 5 }],
    ['max-length', { maxLength: 10 }],
    ['persist', { persist: 'local' }],
  ] as const) {
    it(`does not change with ${what} (no reconnect)`, () => {
      const changed = resolve({ endpoint: 'wss://a.example/ws', feature: 'faq', ...raw }).config;
      expect(connectionKey(changed)).to.equal(connectionKey(base));
    });
  }
});
