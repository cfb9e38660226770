// test/support/cloneable-results.ts: what the runner sends of a failed assertion that holds a DOM
// node, a function or the window (which `structuredClone` refuses; the guard against a hung run).
// test/node/runner-guard.test.js proves the whole path: such a failure is reported, named.
import { expect } from '@open-wc/testing';
import { asText, cloneable, describeNode, describeValue, HTML_LIMIT } from './support/cloneable-results.js';

const link = () => {
  const div = document.createElement('div');
  div.innerHTML = '<a href="javascript:alert(1)">x</a>';
  return div.firstElementChild!;
};

/** The results message the runner sends when a file finishes, with one failed test. */
const finished = (error: Record<string, unknown>) => ({
  type: 'wtr-session-finished',
  sessionId: 's1',
  testFile: '/test/x.test.ts',
  userAgent: 'ua',
  result: {
    passed: false,
    logs: [],
    errors: [],
    testResults: {
      name: '',
      suites: [
        { name: 'suite', suites: [], tests: [{ name: 'fails', passed: false, skipped: false, error }] },
      ],
      tests: [],
    },
  },
});

describe('cloneable-results', () => {
  it('describes a node as the HTML a person would look for', () => {
    expect(describeNode(link())).to.equal('<a href="javascript:alert(1)">x</a>');
    expect(describeNode(document.createTextNode('hi "there"'))).to.equal('#text "hi \\"there\\""');
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<p part="x">in</p>';
    expect(describeNode(host.shadowRoot!)).to.equal('#shadow-root <p part="x">in</p>');
    const fragment = document.createDocumentFragment();
    fragment.append(link(), 'tail');
    expect(describeNode(fragment)).to.equal('#document-fragment <a href="javascript:alert(1)">x</a>tail');
    expect(fragment.childNodes, 'the fragment is left as it was').to.have.length(2);
    expect(describeNode(document)).to.match(/^#document <html/);
  });

  it('shortens long HTML, saying by how much', () => {
    const p = document.createElement('p');
    p.textContent = 'x'.repeat(5000);
    const text = describeNode(p);
    expect(text.startsWith('<p>xxx')).to.equal(true);
    expect(text).to.have.length.below(HTML_LIMIT + 50);
    expect(text).to.match(/… \(3007 more characters\)$/);
  });

  it('replaces only what cannot be cloned, at any depth, and survives cycles and throwing getters', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const getter = Object.defineProperty({ ok: 1 }, 'bad', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    const described = describeValue({
      keep: [1, 'two', null, undefined, { three: 3 }, new Date(0)],
      node: link(),
      named: function onClick() {},
      arrow: () => 0,
      symbol: Symbol('s'),
      window,
      nested: { deeper: [document.createElement('br')] },
      map: new Map([['el', document.createElement('hr')]]),
      set: new Set([document.createElement('i')]),
      cyclic,
      getter,
    });
    expect(described).to.deep.equal({
      keep: [1, 'two', null, undefined, { three: 3 }, new Date(0)],
      node: '<a href="javascript:alert(1)">x</a>',
      named: '[function onClick]',
      arrow: '[function arrow]',
      symbol: 'Symbol(s)',
      window: '[object Window]',
      nested: { deeper: ['<br>'] },
      map: [['el', '<hr>']],
      set: ['<i></i>'],
      cyclic: { name: 'loop', self: '[Circular]' },
      getter: { ok: 1, bad: '[getter threw Error: no]' },
    });
    expect(() => structuredClone(described)).to.not.throw();
  });

  it('turns both sides of a failed assertion into text when either cannot be sent, so they show as a diff', () => {
    const out = describeValue({ message: 'expected … to equal null', actual: link(), expected: null }) as {
      actual: unknown;
      expected: unknown;
    };
    expect(out).to.deep.equal({
      message: 'expected … to equal null',
      actual: '<a href="javascript:alert(1)">x</a>',
      expected: 'null',
    });
    expect(asText('a string')).to.equal('"a string"');
    expect(asText(undefined)).to.equal('undefined');
    expect(asText({ a: [document.createElement('b')] })).to.equal('{\n  "a": [\n    "<b></b>"\n  ]\n}');
    // Both sides clone: left as they are (the runner's own diff of values).
    expect(describeValue({ message: 'm', actual: { a: 1 }, expected: [2] })).to.deep.equal({
      message: 'm',
      actual: { a: 1 },
      expected: [2],
    });
  });

  it('sends a message that clones as it is (a copy)', () => {
    const message = finished({ message: 'expected 1 to equal 2', actual: 1, expected: 2 });
    const sent = cloneable(message);
    expect(sent).to.not.equal(message);
    expect(sent).to.deep.equal(message);
  });

  it('sends a file’s results with a node in a failed assertion, the node as its HTML', () => {
    const sent = cloneable(
      finished({
        name: 'AssertionError',
        message: 'expected <a …> to equal null',
        actual: link(),
        expected: null,
      }),
    ) as ReturnType<typeof finished>;
    expect(sent.result.testResults.suites[0]!.tests[0]!.error).to.deep.equal({
      name: 'AssertionError',
      message: 'expected <a …> to equal null',
      actual: '<a href="javascript:alert(1)">x</a>',
      expected: 'null',
    });
    expect(sent.sessionId).to.equal('s1');
  });

  it('rewrites nothing but a file’s results: any other message that cannot be cloned throws as before', () => {
    expect(() => cloneable({ type: 'wtr-command', payload: link() })).to.throw(
      DOMException,
      /could not be cloned/,
    );
  });

  it('when even the description fails, reports the file failed with the reason instead of hanging', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const sent = cloneable({ ...finished({ message: 'm' }), extra: proxy }) as {
      type: string;
      sessionId: string;
      testFile: string;
      result: { passed: boolean; errors: { message: string }[] };
    };
    expect(sent.type).to.equal('wtr-session-finished');
    expect(sent.sessionId).to.equal('s1');
    expect(sent.testFile).to.equal('/test/x.test.ts');
    expect(sent.result.passed).to.equal(false);
    expect(sent.result.errors).to.have.length(1);
    expect(sent.result.errors[0]!.message).to.match(
      /^The results of this test file could not be sent: TypeError/,
    );
  });
});
