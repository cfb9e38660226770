/**
 * Patching rendered markdown in place: the live block of a streaming reply is rendered afresh on
 * every update, and the nodes already on the page are made to look like the new render instead
 * of being replaced. A text node whose text grew is appended to (`appendData`), so a reader's
 * selection inside it stays where it is; elements of the same tag keep their identity and get
 * only the attributes and children that changed. Nothing here parses or creates markup: the new
 * nodes come from the sanitizer and are moved in as they are.
 */

/**
 * Makes `old` look like `next` in place, if it can (same node type and tag); returns false
 * otherwise, and `old` is then left untouched.
 */
export function morphNode(old: Node, next: Node): boolean {
  if (old.nodeType !== next.nodeType) return false;
  if (old.nodeType === Node.TEXT_NODE) {
    morphText(old as Text, (next as Text).data);
    return true;
  }
  if (old.nodeType !== Node.ELEMENT_NODE) return false;
  const a = old as Element;
  const b = next as Element;
  if (a.localName !== b.localName) return false;
  morphAttributes(a, b);
  morphChildren(a, a.firstChild, b.firstChild);
  return true;
}

/**
 * Makes the child nodes of `parent` from `from` on (to its end) look like `next` and its
 * following siblings. `next`'s nodes are moved in where no existing node can be patched.
 */
export function morphChildren(parent: Node, from: ChildNode | null, next: ChildNode | null): void {
  let old = from;
  for (let node = next; node;) {
    const following: ChildNode | null = node.nextSibling;
    if (old && morphNode(old, node)) old = old.nextSibling;
    else parent.insertBefore(node, old);
    node = following;
  }
  while (old) {
    const following: ChildNode | null = old.nextSibling;
    old.remove();
    old = following;
  }
}

/**
 * Patches a run of sibling nodes (`olds`, in document order, all children of `parent`) into the
 * nodes `nexts`; returns the nodes now standing for `nexts`, in order. New nodes go before
 * `before` (null: at the end of `parent`).
 */
export function morphRun(
  parent: Node,
  olds: readonly ChildNode[],
  nexts: readonly ChildNode[],
  before: ChildNode | null,
): ChildNode[] {
  const result: ChildNode[] = [];
  let o = 0;
  for (const node of nexts) {
    const old = olds[o];
    if (old && morphNode(old, node)) {
      result.push(old);
      o++;
    } else {
      parent.insertBefore(node, old ?? before);
      result.push(node);
    }
  }
  for (; o < olds.length; o++) olds[o]!.remove();
  return result;
}

function morphText(old: Text, data: string): void {
  const current = old.data;
  if (current === data) return;
  if (data.startsWith(current)) {
    old.appendData(data.slice(current.length));
    return;
  }
  let same = 0;
  const max = Math.min(current.length, data.length);
  while (same < max && current.charCodeAt(same) === data.charCodeAt(same)) same++;
  old.replaceData(same, current.length - same, data.slice(same));
}

function morphAttributes(old: Element, next: Element): void {
  const a = old.attributes;
  const b = next.attributes;
  let sameNames = a.length === b.length;
  for (let i = 0; sameNames && i < b.length; i++) sameNames = a[i]!.name === b[i]!.name;
  if (sameNames) {
    for (let i = 0; i < b.length; i++)
      if (a[i]!.value !== b[i]!.value) old.setAttribute(b[i]!.name, b[i]!.value);
    return;
  }
  // Other attributes: set them again in the new order (the serialized HTML keeps that order).
  for (const { name } of Array.from(a)) old.removeAttribute(name);
  for (const { name, value } of Array.from(b)) old.setAttribute(name, value);
}
