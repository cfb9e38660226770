import { expect } from '@open-wc/testing';
import { applyJsonPatch } from '../src/transcript/json-patch.js';
import type { JsonPatchOperation } from '../src/protocol/types.js';

const apply = (doc: unknown, patch: JsonPatchOperation[]) => applyJsonPatch(doc, patch);
const ok = (value: unknown) => ({ ok: true, value });

// RFC 6902, Appendix A (the examples whose patches are well-formed).
describe('json patch: the examples of RFC 6902', () => {
  it('A.1 adds an object member', () => {
    expect(apply({ foo: 'bar' }, [{ op: 'add', path: '/baz', value: 'qux' }])).to.deep.equal(
      ok({ foo: 'bar', baz: 'qux' }),
    );
  });
  it('A.2 adds an array element', () => {
    expect(apply({ foo: ['bar', 'baz'] }, [{ op: 'add', path: '/foo/1', value: 'qux' }])).to.deep.equal(
      ok({ foo: ['bar', 'qux', 'baz'] }),
    );
  });
  it('A.3 removes an object member', () => {
    expect(apply({ baz: 'qux', foo: 'bar' }, [{ op: 'remove', path: '/baz' }])).to.deep.equal(
      ok({ foo: 'bar' }),
    );
  });
  it('A.4 removes an array element', () => {
    expect(apply({ foo: ['bar', 'qux', 'baz'] }, [{ op: 'remove', path: '/foo/1' }])).to.deep.equal(
      ok({ foo: ['bar', 'baz'] }),
    );
  });
  it('A.5 replaces a value', () => {
    expect(apply({ baz: 'qux', foo: 'bar' }, [{ op: 'replace', path: '/baz', value: 'boo' }])).to.deep.equal(
      ok({ baz: 'boo', foo: 'bar' }),
    );
  });
  it('A.6 moves a value', () => {
    const doc = { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } };
    expect(apply(doc, [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }])).to.deep.equal(
      ok({ foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } }),
    );
  });
  it('A.7 moves an array element', () => {
    expect(
      apply({ foo: ['all', 'grass', 'cows', 'eat'] }, [{ op: 'move', from: '/foo/1', path: '/foo/3' }]),
    ).to.deep.equal(ok({ foo: ['all', 'cows', 'eat', 'grass'] }));
  });
  it('A.8 tests a value (success)', () => {
    const doc = { baz: 'qux', foo: ['a', 2, 'c'] };
    expect(
      apply(doc, [
        { op: 'test', path: '/baz', value: 'qux' },
        { op: 'test', path: '/foo/1', value: 2 },
      ]),
    ).to.deep.equal(ok(doc));
  });
  it('A.9 tests a value (error)', () => {
    expect(apply({ baz: 'qux' }, [{ op: 'test', path: '/baz', value: 'bar' }]).ok).to.equal(false);
  });
  it('A.10 adds a nested member object', () => {
    expect(apply({ foo: 'bar' }, [{ op: 'add', path: '/child', value: { grandchild: {} } }])).to.deep.equal(
      ok({ foo: 'bar', child: { grandchild: {} } }),
    );
  });
  it('A.12 adding to a nonexistent target fails', () => {
    expect(apply({ foo: 'bar' }, [{ op: 'add', path: '/baz/bat', value: 'qux' }]).ok).to.equal(false);
  });
  it('A.14 unescapes ~0 and ~1', () => {
    const doc = { '/': 9, '~1': 10 };
    expect(apply(doc, [{ op: 'test', path: '/~01', value: 10 }])).to.deep.equal(ok(doc));
    expect(apply(doc, [{ op: 'replace', path: '/~1', value: 1 }])).to.deep.equal(ok({ '/': 1, '~1': 10 }));
  });
  it('A.15 compares strings and numbers strictly', () => {
    expect(apply({ '/': 9, '~1': 10 }, [{ op: 'test', path: '/~01', value: '10' }]).ok).to.equal(false);
  });
  it('A.16 adds an array value', () => {
    expect(apply({ foo: ['bar'] }, [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }])).to.deep.equal(
      ok({ foo: ['bar', ['abc', 'def']] }),
    );
  });
});

describe('json patch: the rest of the rules', () => {
  it('replaces the whole state at the root path', () => {
    expect(apply({ a: 1 }, [{ op: 'replace', path: '', value: [1] }])).to.deep.equal(ok([1]));
    expect(apply(null, [{ op: 'add', path: '', value: { a: 1 } }])).to.deep.equal(ok({ a: 1 }));
  });

  it('copies a value (a copy, not the same object)', () => {
    const doc = { a: { b: [1] } };
    const result = apply(doc, [{ op: 'copy', from: '/a', path: '/c' }]);
    expect(result).to.deep.equal(ok({ a: { b: [1] }, c: { b: [1] } }));
    const value = (result as { value: { a: unknown; c: unknown } }).value;
    expect(value.c).not.to.equal(value.a);
  });

  it('never changes the state it is given, and shares what the patch did not touch', () => {
    const doc = { a: { deep: [1, 2] }, b: { other: true } };
    const before = structuredClone(doc);
    const result = apply(doc, [
      { op: 'add', path: '/a/deep/-', value: 3 },
      { op: 'remove', path: '/a/deep/0' },
    ]) as { ok: true; value: typeof doc };
    expect(doc).to.deep.equal(before);
    expect(result.value).to.deep.equal({ a: { deep: [2, 3] }, b: { other: true } });
    expect(result.value.b).to.equal(doc.b);
  });

  it('applies all or nothing: a failing operation leaves the state as it was', () => {
    const doc = { a: 1 };
    const result = apply(doc, [
      { op: 'replace', path: '/a', value: 2 },
      { op: 'remove', path: '/missing' },
    ]);
    expect(result.ok).to.equal(false);
    expect(doc).to.deep.equal({ a: 1 });
  });

  it('refuses what RFC 6902 refuses', () => {
    const doc = { list: [1, 2], obj: { x: 1 } };
    const bad: JsonPatchOperation[] = [
      { op: 'replace', path: '/missing', value: 1 },
      { op: 'remove', path: '/list/2' },
      { op: 'add', path: '/list/3', value: 1 },
      { op: 'add', path: '/list/01', value: 1 },
      { op: 'replace', path: '/list/-', value: 1 },
      { op: 'add', path: 'no-slash', value: 1 },
      { op: 'move', from: '/obj', path: '/obj/inner' },
      { op: 'copy', path: '/x' },
      { op: 'remove', path: '' },
      { op: 'test', path: '/obj', value: { x: 2 } },
    ];
    for (const op of bad) expect(apply(doc, [op]).ok, JSON.stringify(op)).to.equal(false);
  });

  it('never reaches a prototype, whatever the backend sends', () => {
    for (const path of ['/__proto__/polluted', '/a/__proto__', '/__proto__']) {
      const result = apply({ a: {} }, [{ op: 'add', path, value: { polluted: true } }]);
      expect(result.ok, path).to.equal(false);
    }
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    const viaConstructor = apply({}, [{ op: 'add', path: '/constructor', value: 1 }]);
    expect(viaConstructor).to.deep.equal(ok({ constructor: 1 }));
    expect(Object.prototype.constructor).to.equal(Object);
  });

  it('compares deeply in test, keys in any order', () => {
    const doc = { a: { x: [1, { y: null }], z: 'q' } };
    expect(apply(doc, [{ op: 'test', path: '/a', value: { z: 'q', x: [1, { y: null }] } }]).ok).to.equal(
      true,
    );
    expect(apply(doc, [{ op: 'test', path: '/a', value: { z: 'q', x: [1, { y: 0 }] } }]).ok).to.equal(false);
    expect(apply(doc, [{ op: 'test', path: '/a/x', value: { 0: 1, 1: { y: null } } }]).ok).to.equal(false);
  });
});
