/**
 * Long lists in groups of items. Chromium lays out every item of a list again each time one is
 * added (about 0.9 µs an item a frame on the bench machine: 90 ms a frame at 100,000 items), so a
 * reply that streams a very long list would make every frame a long task. A list of more than
 * {@link GROUP_SIZE} items keeps its first {@link GROUP_SIZE} items as they are and puts the rest,
 * {@link GROUP_SIZE} at a time, in `<div role="none" data-items>` elements, which the reply's
 * styles give `contain: layout paint`: adding an item then lays out and pre-paints the last group
 * only (3 ms at 100,000 items).
 *
 * An `<ol>` numbers its items through the groups, and screen readers get one list of items (a
 * `role="none"` element is left out of the accessibility tree). A list with groups says
 * `role="list"`, as it already is: a checker then counts the items in the groups as its own (axe's
 * `list` rule wants only `<li>` children in a list without a role). The one-shot render (`groupItems`
 * on the sanitized fragment) and the streaming render (`placeItems`, items put where their number
 * says) make the same groups, so the final render still equals the one-shot render. Only this
 * module makes these elements: the model cannot (raw HTML is shown as text, marked makes no
 * `<div>`, the sanitizer keeps no `data-` attribute).
 */
import { morphRun } from './morph.js';

/** Items a list keeps before its first group, and items in each group. */
export const GROUP_SIZE = 500;

const isElement = (node: Node | null, name: string): node is Element =>
  node?.nodeType === Node.ELEMENT_NODE && (node as Element).localName === name;

const isGroup = (node: Node | null): node is Element =>
  isElement(node, 'div') && (node as Element).hasAttribute('data-items');

const makeGroup = (list: Element): Element => {
  const group = list.ownerDocument.createElement('div');
  group.setAttribute('role', 'none');
  group.setAttribute('data-items', '');
  return group;
};

/** Puts the items of every list in `root` past the first {@link GROUP_SIZE} in groups. */
export function groupItems(root: ParentNode): void {
  for (const list of Array.from(root.querySelectorAll('ul, ol'))) {
    if (list.childElementCount <= GROUP_SIZE) continue;
    let index = 0;
    let group: Element | null = null;
    for (let node = list.firstChild; node;) {
      const next: ChildNode | null = node.nextSibling;
      if (isElement(node, 'li') && index++ >= GROUP_SIZE && (index - 1) % GROUP_SIZE === 0) {
        group = makeGroup(list);
        list.insertBefore(group, node);
      }
      // An item's newline goes with it; the list's last newline with its last item.
      if (group) group.append(node);
      node = next;
    }
    sayGrouped(list);
  }
}

/** `role="list"` on a list with groups, none on one without (the renderer sets no other role). */
const sayGrouped = (list: Element): void => {
  const grouped = isGroup(list.lastElementChild);
  if (grouped === list.hasAttribute('role')) return;
  if (grouped) list.setAttribute('role', 'list');
  else list.removeAttribute('role');
};

/**
 * The node after `node` among the children of `parent` and of its groups, in document order
 * (`node` null: the first); the groups themselves are passed through.
 */
export function following(parent: Element, node: ChildNode | null): ChildNode | null {
  let next = node ? node.nextSibling : parent.firstChild;
  if (!next && node && node.parentNode !== parent) next = (node.parentNode as Element).nextSibling;
  while (isGroup(next)) next = next.firstChild ?? next.nextSibling;
  return next;
}

/**
 * Patches the live nodes of an open list (`olds`: everything after its frozen items, in document
 * order) into `nexts` (items and their newlines), the first item being item number `first` (from
 * 0): each item goes to the list or to the group its number says, and a group left empty goes.
 */
export function placeItems(
  list: Element,
  olds: readonly ChildNode[],
  nexts: readonly ChildNode[],
  first: number,
): void {
  const shares = new Map<Element, { olds: ChildNode[]; nexts: ChildNode[] }>();
  const share = (parent: Element) => {
    let found = shares.get(parent);
    if (!found) shares.set(parent, (found = { olds: [], nexts: [] }));
    return found;
  };
  for (const old of olds) share(old.parentNode as Element).olds.push(old);
  let groups: Element[] | undefined;
  let target = list;
  let index = first;
  for (const node of nexts) {
    if (isElement(node, 'li') && index++ >= GROUP_SIZE) {
      const number = Math.floor((index - 1) / GROUP_SIZE) - 1;
      groups ??= Array.from(list.children).filter(isGroup);
      // Groups fill in order: the group before this one holds the items before it.
      if (!groups[number]) list.append((groups[number] = makeGroup(list)));
      target = groups[number];
    }
    share(target).nexts.push(node);
  }
  for (const [parent, { olds: mine, nexts: theirs }] of shares) {
    // Items of the list itself go before its groups.
    const before = parent === list ? (Array.from(list.children).find(isGroup) ?? null) : null;
    morphRun(parent, mine, theirs, before);
    if (parent !== list && !parent.firstChild) parent.remove();
  }
  sayGrouped(list);
}
