/**
 * Which last lines of a streaming reply to leave out of its live render: a line whose meaning
 * the next characters decide (see `holdBack`). Part of the live render's healing (`heal.ts`).
 */

/** Blockquote markers and list markers at the start of a line (the line's containers). */
const CONTAINERS = /^(?:[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+))*[ \t]*/;
const LIST_MARKER = /(?:^|[ \t>])(?:[-*+]|\d{1,9}[.)])[ \t]+$/;
/** A line that may still become a heading of another level, a rule, a setext underline or a list. */
const UNDECIDED = [
  /^#{1,6}[ \t]*$/, // `#`, `##`: which heading, or text (`#tag`)?
  /^[-=*_+][-=*_+ \t]*$/, // `-`, `--`, `**`, `=`: a list, a rule, an underline, emphasis?
  /^\d{1,9}[.)]?$/, // `1`, `1.`: a numbered list or a number?
  /^(?:`{3,}|~{3,})[^\n]*$/, // a code fence being opened (its info string) or closed
  /^(?:`{1,2}|~{1,2})$/, // the start of a fence or of inline code
];
/** A task box so far (`[`, `[ ]`), or a box followed only by markers still waiting for text. */
const TASK_BOX = /^\[[ xX]?\]?[ \t]*$|^\[[ xX]\][ \t]+[*_~`!<\\&]*$/;
/** A reference definition (`[label]: url "title"`) so far, or a bracket that may still become one. */
const DEFINITION_SO_FAR = /^\[[^\]]*$|^\[[^\]]*\]:?$|^\[[^\]]*\]:/;

/** The line split into its containers (quote and list markers) and the rest. */
const splitLine = (line: string): { containers: string; rest: string } => {
  const containers = CONTAINERS.exec(line)![0];
  return { containers, rest: line.slice(containers.length) };
};

/** Whether a line can only be part of a table's delimiter row (`| --- | :-: |`), so far. */
const isDelimiterSoFar = (rest: string): boolean => /^[|:\- \t]*$/.test(rest);

/**
 * How much of `text` (the unfinished reply, or its unfrozen end) to render live: its length, or
 * the start of a last line (or two) whose meaning the next characters decide.
 */
export function holdBack(text: string): number {
  const lastStart = text.lastIndexOf('\n') + 1;
  const last = splitLine(text.slice(lastStart));
  const previousStart = lastStart > 0 ? text.lastIndexOf('\n', lastStart - 2) + 1 : -1;
  const previous = previousStart >= 0 ? splitLine(text.slice(previousStart, lastStart - 1)) : null;

  // A table header waits for its whole delimiter row: header, then `|`, `| --`, `| --- |` …
  if (previous && previous.rest.startsWith('|') && isDelimiterSoFar(last.rest)) {
    const beforeStart = previousStart > 0 ? text.lastIndexOf('\n', previousStart - 2) + 1 : -1;
    const before = beforeStart >= 0 ? splitLine(text.slice(beforeStart, previousStart - 1)).rest : '';
    if (!before.startsWith('|')) return previousStart;
  }
  // A first line starting with a pipe may be a table header.
  if (last.rest.startsWith('|') && !(previous?.rest.startsWith('|') ?? false)) return lastStart;
  if (last.rest === '') {
    // An empty list item (`- `) is not shown (after a paragraph it would be a setext underline),
    // nor an empty quote.
    return /[>\-*+.)]/.test(last.containers) ? lastStart : text.length;
  }
  if (UNDECIDED.some((pattern) => pattern.test(last.rest))) return lastStart;
  // At the start of a paragraph, `[label]: …` is a reference definition, which shows nothing.
  if (last.rest.startsWith('[') && (previous === null || previous.rest.trim() === '')) {
    if (DEFINITION_SO_FAR.test(last.rest)) return lastStart;
  }
  if (LIST_MARKER.test(last.containers) && TASK_BOX.test(last.rest)) return lastStart;
  return text.length;
}
