// Deterministic, seeded "LLM-like" markdown for the benchmark: headings, paragraphs with inline
// marks and links, bullet and numbered lists (some nested), fenced code, GFM tables, quotes and
// the odd rule, in the proportions a chat model produces. Same seed and size, same text.

/**
 * mulberry32: a small, fast, seeded PRNG (floats in [0, 1)).
 * @param {number} seed
 * @returns {() => number}
 */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the a of to and in is for that with on as it be are this by or from your can should may when if ' +
  'patient symptoms doctor appointment blood pressure heart rate sleep exercise diet water hours ' +
  'week daily dose medication side effects clinic results test screening follow-up treatment ' +
  'options risk factors lifestyle changes monitor record improve reduce increase levels normal ' +
  'range typical signs common rare severe mild chronic acute recovery rest stretch walk minutes ' +
  'server request response cache latency token stream socket retry backoff timeout config value ' +
  'function return array object string number error handler module build deploy version update'
).split(' ');

const LANGUAGES = ['ts', 'python', 'json', 'bash', 'js'];
const DOMAINS = ['example.org', 'docs.example.com', 'health.example.net', 'developer.example.dev'];

/**
 * @param {() => number} random
 * @param {number} min
 * @param {number} max inclusive
 */
const int = (random, min, max) => min + Math.floor(random() * (max - min + 1));

/**
 * @template T
 * @param {() => number} random
 * @param {readonly T[]} list
 * @returns {T}
 */
const pick = (random, list) => /** @type {T} */ (list[Math.floor(random() * list.length)]);

/** @param {string} word */
const capitalize = (word) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * @param {() => number} random
 * @param {number} min
 * @param {number} max
 */
const words = (random, min, max) => Array.from({ length: int(random, min, max) }, () => pick(random, WORDS));

/**
 * One inline piece: plain words most of the time, sometimes bold, italic, code, a link or a strike.
 * @param {() => number} random
 */
function inline(random) {
  const text = words(random, 1, 4).join(' ');
  const roll = random();
  if (roll < 0.08) return `**${text}**`;
  if (roll < 0.14) return `*${text}*`;
  if (roll < 0.2) return `\`${text.replaceAll(' ', '_')}()\``;
  if (roll < 0.25)
    return `[${text}](https://${pick(random, DOMAINS)}/${text.replaceAll(' ', '-')}?ref=${int(random, 1, 999)})`;
  if (roll < 0.26) return `~~${text}~~`;
  return text;
}

/** @param {() => number} random */
function sentence(random) {
  const parts = Array.from({ length: int(random, 3, 7) }, () => inline(random));
  const text = parts.join(' ');
  return `${capitalize(text)}${pick(random, ['.', '.', '.', '!', '?', ':'])}`;
}

/** @param {() => number} random */
const paragraph = (random) => Array.from({ length: int(random, 2, 5) }, () => sentence(random)).join(' ');

/** @param {() => number} random */
const heading = (random) => `${'#'.repeat(int(random, 2, 3))} ${capitalize(words(random, 2, 6).join(' '))}`;

/** @param {() => number} random */
function list(random) {
  const ordered = random() < 0.35;
  const lines = [];
  const items = int(random, 3, 7);
  for (let i = 0; i < items; i++) {
    const marker = ordered ? `${i + 1}.` : '-';
    lines.push(
      `${marker} ${capitalize(Array.from({ length: int(random, 1, 3) }, () => inline(random)).join(' '))}`,
    );
    if (random() < 0.15) {
      const indent = ' '.repeat(marker.length + 1);
      for (let j = int(random, 1, 3); j > 0; j--) lines.push(`${indent}- ${inline(random)}`);
    }
  }
  return lines.join('\n');
}

/** @param {() => number} random */
function code(random) {
  const lang = pick(random, LANGUAGES);
  const lines = [];
  const count = int(random, 4, 14);
  for (let i = 0; i < count; i++) {
    const [a, b, c] = words(random, 3, 3);
    switch (lang) {
      case 'python':
        lines.push(`${'    '.repeat(int(random, 0, 2))}${a}_${b} = ${c}(${int(random, 0, 99)})  # ${a}`);
        break;
      case 'json':
        lines.push(`  "${a}_${b}": ${random() < 0.5 ? int(random, 0, 999) : `"${c}"`},`);
        break;
      case 'bash':
        lines.push(`curl -s https://${pick(random, DOMAINS)}/${a}/${b} | jq '.${c}'`);
        break;
      default:
        lines.push(
          `${'  '.repeat(int(random, 0, 2))}const ${a}${capitalize(b)} = await ${c}(${int(random, 0, 9)});`,
        );
    }
  }
  return `\`\`\`${lang}\n${lines.join('\n')}\n\`\`\``;
}

/** @param {() => number} random */
function table(random) {
  const columns = int(random, 3, 5);
  const header = Array.from({ length: columns }, () => capitalize(words(random, 1, 2).join(' ')));
  const align = header.map(() => pick(random, ['---', '---', ':---', ':---:', '---:']));
  const rows = Array.from({ length: int(random, 3, 7) }, () =>
    header.map((_, i) =>
      i === 0 ? inline(random) : random() < 0.4 ? String(int(random, 1, 500)) : words(random, 1, 3).join(' '),
    ),
  );
  return [header, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** @param {() => number} random */
function quote(random) {
  const lead = random() < 0.5 ? '**Note:** ' : '';
  return `> ${lead}${sentence(random)} ${sentence(random)}`;
}

/**
 * Markdown of at least `size` characters (ASCII only, so characters = bytes), ending at a block
 * boundary.
 * @param {number} size
 * @param {number} seed
 * @returns {string}
 */
export function generateMarkdown(size, seed) {
  const random = prng(seed);
  /** @type {string[]} */
  const blocks = [`# ${capitalize(words(random, 3, 6).join(' '))}`, paragraph(random)];
  let length = blocks[0].length + blocks[1].length + 2;
  while (length < size) {
    const roll = random();
    /** @type {string} */
    let block;
    if (roll < 0.12) block = heading(random);
    else if (roll < 0.5) block = paragraph(random);
    else if (roll < 0.68) block = list(random);
    else if (roll < 0.8) block = code(random);
    else if (roll < 0.9) block = table(random);
    else if (roll < 0.98) block = quote(random);
    else block = '---';
    blocks.push(block);
    length += block.length + 2;
  }
  return blocks.join('\n\n');
}

/**
 * A short reply (a heading or a sentence, a paragraph, maybe a list), for the transcript and
 * heap runs.
 * @param {number} seed
 */
export function shortReply(seed) {
  const random = prng(seed);
  const parts = [paragraph(random)];
  if (random() < 0.5) parts.push(list(random));
  if (random() < 0.3) parts.unshift(heading(random));
  return parts.join('\n\n');
}

/**
 * A reply that is one long list of at least `size` characters: items with inline marks and
 * links, now and then a nested list (the shape that defeats freezing whole blocks).
 * @param {number} size
 * @param {number} seed
 */
export function singleList(size, seed) {
  const random = prng(seed);
  /** @type {string[]} */
  const lines = [];
  let length = 0;
  for (let i = 1; length < size; i++) {
    const line = `- ${capitalize(Array.from({ length: int(random, 1, 3) }, () => inline(random)).join(' '))}`;
    lines.push(line);
    length += line.length + 1;
    if (random() < 0.1) {
      for (let j = int(random, 1, 3); j > 0; j--) {
        const nested = `  - ${inline(random)}`;
        lines.push(nested);
        length += nested.length + 1;
      }
    }
  }
  return lines.join('\n');
}

/**
 * A reply that is one table of at least `size` characters, with aligned columns.
 * @param {number} size
 * @param {number} seed
 */
export function singleTable(size, seed) {
  const random = prng(seed);
  const header = ['Item', 'Amount', 'Status', 'Notes'];
  const lines = [`| ${header.join(' | ')} |`, '| :--- | ---: | :---: | --- |'];
  let length = lines[0].length + lines[1].length + 2;
  while (length < size) {
    const line = `| ${inline(random)} | ${int(random, 1, 5000)} | ${pick(random, ['ok', 'late', '**due**'])} | ${words(random, 1, 6).join(' ')} |`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

/**
 * `count` short list items, one after another (`- Item 1` …).
 * @param {number} count
 */
export function manyItems(count) {
  return Array.from({ length: count }, (_, i) => `- Item ${i + 1}`).join('\n');
}
