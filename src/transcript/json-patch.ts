import type { JsonPatchOperation } from '../protocol/types.js';

// JSON Patch (RFC 6902) for a backend's shared state (AG-UI `STATE_DELTA`): a pure function, no
// dependency. The state is never changed in place: what a patch touches is copied along its path,
// the rest is shared. A patch applies whole or not at all (RFC 6902 §5), and a path through
// `__proto__` is refused, so a hostile backend cannot reach an object's prototype.

export type PatchResult = { ok: true; value: unknown } | { ok: false; reason: string };

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** The reference tokens of a JSON Pointer (RFC 6901), or a reason it is not one. */
function tokens(pointer: string): string[] | string {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return `"${pointer.slice(0, 40)}" is not a JSON Pointer`;
  const parts = pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
  return parts.includes('__proto__') ? `"${pointer.slice(0, 40)}" reaches a prototype` : parts;
}

/** An array index token: `-` (the end, where allowed) or digits without a leading zero. */
function indexOf(token: string, length: number, end: boolean): number | undefined {
  if (token === '-') return end ? length : undefined;
  if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
  const index = Number(token);
  return index <= (end ? length : length - 1) ? index : undefined;
}

function get(doc: unknown, path: string[]): { found: true; value: unknown } | { found: false } {
  let node = doc;
  for (const token of path) {
    if (Array.isArray(node)) {
      const index = indexOf(token, node.length, false);
      if (index === undefined) return { found: false };
      node = node[index];
    } else if (isContainer(node) && Object.hasOwn(node, token)) {
      node = (node as Record<string, unknown>)[token];
    } else return { found: false };
  }
  return { found: true, value: node };
}

/**
 * Copies the containers along `path` (all but its last token) and applies `change` to the last
 * one. Returns the new document, or a reason.
 */
function update(
  doc: unknown,
  path: string[],
  change: (parent: Container, token: string) => string | undefined,
): PatchResult {
  const copy = (node: Container): Container => (Array.isArray(node) ? [...node] : { ...node });
  if (!isContainer(doc)) return { ok: false, reason: 'the state is not an object or a list' };
  const root = copy(doc);
  let node: Container = root;
  for (const token of path.slice(0, -1)) {
    const child: unknown = Array.isArray(node)
      ? node[indexOf(token, node.length, false) ?? -1]
      : Object.hasOwn(node, token)
        ? node[token]
        : undefined;
    if (!isContainer(child)) return { ok: false, reason: `no object or list at "${token}"` };
    const next = copy(child);
    if (Array.isArray(node)) node[Number(token)] = next;
    else node[token] = next;
    node = next;
  }
  const reason = change(node, path.at(-1)!);
  return reason === undefined ? { ok: true, value: root } : { ok: false, reason };
}

function add(doc: unknown, path: string[], value: unknown): PatchResult {
  if (path.length === 0) return { ok: true, value };
  return update(doc, path, (parent, token) => {
    if (!Array.isArray(parent)) {
      parent[token] = value;
      return undefined;
    }
    const index = indexOf(token, parent.length, true);
    if (index === undefined) return `no index "${token}" to add at`;
    parent.splice(index, 0, value);
    return undefined;
  });
}

function remove(doc: unknown, path: string[]): PatchResult {
  if (path.length === 0) return { ok: false, reason: 'the whole state cannot be removed' };
  return update(doc, path, (parent, token) => {
    if (Array.isArray(parent)) {
      const index = indexOf(token, parent.length, false);
      if (index === undefined) return `nothing at index "${token}" to remove`;
      parent.splice(index, 1);
    } else {
      if (!Object.hasOwn(parent, token)) return `nothing at "${token}" to remove`;
      delete parent[token];
    }
    return undefined;
  });
}

function replace(doc: unknown, path: string[], value: unknown): PatchResult {
  if (path.length === 0) return { ok: true, value };
  if (!get(doc, path).found) return { ok: false, reason: 'nothing there to replace' };
  return update(doc, path, (parent, token) => {
    if (Array.isArray(parent)) parent[Number(token)] = value;
    else parent[token] = value;
    return undefined;
  });
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => equal(v, b[i]));
  }
  if (!isContainer(a) || !isContainer(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every(
      (key) =>
        Object.hasOwn(b, key) &&
        equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}

function applyOne(doc: unknown, op: JsonPatchOperation): PatchResult {
  const path = tokens(op.path);
  if (typeof path === 'string') return { ok: false, reason: path };
  switch (op.op) {
    case 'add':
      return add(doc, path, op.value);
    case 'remove':
      return remove(doc, path);
    case 'replace':
      return replace(doc, path, op.value);
    case 'test': {
      const found = get(doc, path);
      return found.found && equal(found.value, op.value)
        ? { ok: true, value: doc }
        : { ok: false, reason: `test failed at "${op.path.slice(0, 40)}"` };
    }
    case 'move':
    case 'copy': {
      const from = tokens(op.from ?? '');
      if (typeof from === 'string' || op.from === undefined)
        return { ok: false, reason: `${op.op} needs a from` };
      const found = get(doc, from);
      if (!found.found) return { ok: false, reason: `nothing at "${op.from.slice(0, 40)}" to ${op.op}` };
      if (op.op === 'copy') return add(doc, path, structuredClone(found.value));
      if (op.path === op.from) return { ok: true, value: doc };
      if (op.path.startsWith(`${op.from}/`)) return { ok: false, reason: 'cannot move a value into itself' };
      const removed = remove(doc, from);
      return removed.ok ? add(removed.value, path, found.value) : removed;
    }
  }
}

/**
 * Applies a JSON Patch to a state (not changed: the result is a new state sharing what the patch
 * did not touch). All or nothing: the first operation that cannot apply gives the reason, and the
 * state stays as it was.
 */
export function applyJsonPatch(state: unknown, patch: readonly JsonPatchOperation[]): PatchResult {
  let doc = state;
  for (const op of patch) {
    const result = applyOne(doc, op);
    if (!result.ok) return result;
    doc = result.value;
  }
  return { ok: true, value: doc };
}
