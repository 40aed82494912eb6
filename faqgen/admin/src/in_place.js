// faq.yaml edited as text: what changed set at its place, every other byte as it was.
//
// The browser editor's file format (main.js registers it with Sveltia CMS). A CMS hands its
// writer the whole entry as data; written back by a YAML library, a one-word edit would rewrite
// the file (comments gone, keys re-ordered, blocks re-folded). Here the new data is compared with
// the file, and each difference is mended in the file's text, one at a time, reading the file
// again after each: a text is replaced in its own style (faqgen/in_place.py, the Python twin that
// `import-xliff` uses; both pass tests/in_place_cases.json byte for byte), a new list item is
// written as a block like its siblings, a removed one goes with the comments above it.
// The result is read back and refused if it does not read as the data it was given.

import { parseDocument, isMap, isSeq, isScalar } from 'yaml';

const LANGUAGES = ['fr', 'en'];
const CONFIRMED_KEY = 'confirmed';

// Same rule as faqgen/in_place.py PLAIN_TEXT and NOT_PLAIN.
const PLAIN_TEXT = /^[\p{L}\p{N}][^\n\t]*$/u;
const NOT_PLAIN = /: |:$| #|\s$|^[\d.:_eE+-]+$|^(?:y|n|yes|no|true|false|on|off|null)$/i;

export class InPlaceError extends Error {}

/** The file as data, as the editor sees it: texts, and dates as the text YYYY-MM-DD. */
export function read(text) {
  const doc = parse(text);
  return doc.toJS();
}

function parse(text) {
  const doc = parseDocument(text, { version: '1.2', schema: 'core', prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) throw new InPlaceError(`faq.yaml does not read as YAML: ${doc.errors[0].message}`);
  return doc;
}

/** Empty values a CMS fills in for keys the file leaves out: not a change. */
export function isEmpty(value) {
  if (value === null || value === undefined || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.every(isEmpty);
  if (typeof value === 'object') return Object.values(value).every(isEmpty);
  return false;
}

/** `text` with the paths of `texts` (a Map of path array to string) set, as the Python twin does. */
export function setTexts(text, texts) {
  let out = text;
  const crlf = out.includes('\r\n');
  out = out.replaceAll('\r\n', '\n');
  const doc = parse(out);
  const edits = [];
  for (const [path, value] of texts) edits.push(textEdit(out, doc, path, value));
  out = apply(out, edits);
  const written = parse(out);
  for (const [path, value] of texts) {
    const landed = written.getIn(path);
    if (typeof landed !== 'string' || landed.trim() !== value.trim()) {
      throw new InPlaceError(`${path.join('.')}: the text did not land as given`);
    }
  }
  return crlf ? out.replaceAll('\n', '\r\n') : out;
}

/** The file's text changed to hold `data` (what the editor saved), changing nothing else. */
export function write(text, data, maxChanges = 10000) {
  const crlf = text.includes('\r\n');
  let out = text.replaceAll('\r\n', '\n');
  for (let step = 0; step < maxChanges; step += 1) {
    const doc = parse(out);
    const change = firstChange(out, doc, doc.contents, doc.toJS(), data, []);
    if (!change) {
      verify(out, data);
      return crlf ? out.replaceAll('\n', '\r\n') : out;
    }
    out = apply(out, [change]);
  }
  throw new InPlaceError('too many changes at once');
}

// --- finding what changed --------------------------------------------------------------------

function firstChange(text, doc, node, old, value, path) {
  if (isMap(node) && isPlainObject(value)) {
    for (const [key, newValue] of Object.entries(value)) {
      const pair = node.items.find((item) => scalarValue(item.key) === key);
      if (!pair) {
        if (isEmpty(newValue)) continue;
        return addKey(text, doc, node, [...path, key], newValue);
      }
      if (isEmpty(newValue) && !isEmpty(old[key])) return removePair(text, node, pair);
      const change = firstChange(text, doc, pair.value, old[key], newValue, [...path, key]);
      if (change) return change;
    }
    return null;
  }
  if (isSeq(node) && Array.isArray(value)) return listChange(text, doc, node, old, value, path);
  if (isScalar(node) && !isPlainObject(value) && !Array.isArray(value)) {
    if (sameScalar(old, value)) return null;
    if (typeof value === 'string') return textEdit(text, doc, path, value);
    return { start: node.range[0], end: node.range[1], insert: String(value) };
  }
  if (isEmpty(value) && isEmpty(old)) return null;
  throw new InPlaceError(`${path.join('.')}: cannot change a ${kind(old)} into a ${kind(value)} here`);
}

function listChange(text, doc, node, old, given, path) {
  const value = given.filter((item) => !isEmpty(item));  // an item added, nothing typed in it: not yet a change
  const ids = (list) => (list.every((item) => isPlainObject(item) && typeof item.id === 'string') ? list.map((item) => item.id) : null);
  const oldIds = ids(old);
  const newIds = ids(value);
  if (oldIds && newIds) {
    const gone = oldIds.findLastIndex((id) => !newIds.includes(id));  // the last first: each takes the comments above it
    if (gone >= 0) return removeItem(text, node, gone);
    const added = newIds.findIndex((id) => !oldIds.includes(id));
    if (added >= 0) return insertItem(text, node, added, value[added], path);
    const moved = newIds.findIndex((id, index) => oldIds[index] !== id);
    if (moved >= 0) return moveItem(text, node, path, oldIds.indexOf(newIds[moved]), moved);
  } else if (value.length < old.length) {
    return removeItem(text, node, value.length);
  } else if (value.length > old.length) {
    return insertItem(text, node, old.length, value[old.length], path);
  }
  for (let index = 0; index < Math.min(old.length, value.length); index += 1) {
    const change = firstChange(text, doc, node.items[index], old[index], value[index], [...path, index]);
    if (change) return change;
  }
  return null;
}

function sameScalar(old, value) {
  if (typeof old === 'string' && typeof value === 'string') return old.trim() === value.trim();
  if (isEmpty(old) && isEmpty(value)) return true;
  return old === value;
}

// --- texts, as faqgen/in_place.py sets them ----------------------------------------------------

function textEdit(text, doc, path, value) {
  const parent = doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) throw new InPlaceError(`${path.join('.')}: not in a mapping`);
  const flow = Boolean(parent.flow);
  const multiline = value.includes('\n');
  const key = path[path.length - 1];
  const pair = parent.items.find((item) => scalarValue(item.key) === key);
  if (pair && isScalar(pair.value) && pair.value.range) {
    const scalar = pair.value;
    const [start, end] = scalar.range;
    const style = styleOf(scalar);
    const keyIndent = column(text, pair.key.range[0]);
    if (flow) {
      return { start, end, insert: inlineValue(value, style === "'" && !multiline ? "'" : '"') };
    }
    if (style === '|' || style === '>') {
      const region = text.slice(start, end);
      return { start, end, insert: blockValue(value, keyIndent) + region.slice(region.trimEnd().length) };
    }
    if (multiline) {
      const lineEnd = endOfLine(text, end);
      const comment = text.slice(end, lineEnd).trim();
      return { start, end: lineEnd, insert: blockValue(value, keyIndent, comment) };
    }
    return { start, end, insert: inlineValue(value, style) };
  }
  if (pair) throw new InPlaceError(`${path.join('.')}: is not a text`);
  return addKey(text, doc, parent, path, value);
}

function addKey(text, doc, mapping, path, value) {
  const key = path[path.length - 1];
  if (!isMap(mapping)) throw new InPlaceError(`${path.slice(0, -1).join('.')}: not a mapping`);
  if (key === CONFIRMED_KEY && typeof value === 'string' && mapping.items.length) {
    // Where `build_faq.py confirm` puts it (faqgen/confirm.py): in the first key's place.
    const first = mapping.items[0].key.range[0];
    if (mapping.flow) {
      const brace = text.lastIndexOf('{', first);
      return { start: brace + 1, end: brace + 1, insert: `${key}: ${inlineValue(value, null)}, ` };
    }
    return { start: first, end: first, insert: `${key}: ${inlineValue(value, null)}\n${' '.repeat(column(text, first))}` };
  }
  const other = LANGUAGES.includes(key) && typeof value === 'string'
    ? mapping.items.find((item) => scalarValue(item.key) === LANGUAGES.find((lang) => lang !== key))
    : null;
  const after = other ?? mapping.items[mapping.items.length - 1];
  if (!after) throw new InPlaceError(`${path.slice(0, -1).join('.')}: cannot add to an empty mapping`);
  const keyColumn = column(text, after.key.range[0]);
  const afterEnd = after.value.range[1];
  if (mapping.flow) {
    if (typeof value !== 'string') throw new InPlaceError(`${path.join('.')}: cannot add a list or mapping to a one-line mapping`);
    return { start: afterEnd, end: afterEnd, insert: `, ${key}: ${JSON.stringify(value)}` };
  }
  const newKey = ' '.repeat(keyColumn) + `${key}:` + valueBlock(value, keyColumn);
  const style = isScalar(after.value) ? styleOf(after.value) : 'block';
  if (style === '|' || style === '>' || !isScalar(after.value)) {  // after its last line, before any blank lines
    const start = after.value.range[0];
    const at = start + text.slice(start, afterEnd).trimEnd().length + 1;
    return { start: at, end: at, insert: `${newKey}\n` };
  }
  const at = endOfLine(text, afterEnd);
  return { start: at, end: at, insert: `\n${newKey}` };
}

function removePair(text, mapping, pair) {
  if (mapping.flow) throw new InPlaceError(`${scalarValue(pair.key)}: cannot empty a value of a one-line mapping`);
  const start = startOfLine(text, pair.key.range[0]);
  if (text.slice(start, pair.key.range[0]).trim()) throw new InPlaceError(`${scalarValue(pair.key)}: cannot empty the first value of a list item; remove the item`);
  const end = contentEnd(text, pair.value.range[1]);
  return { start: start - 1, end, insert: '' };
}

// --- list items, as blocks ----------------------------------------------------------------------

// An item's block runs from the end of the previous item's last line (its line break, blank lines
// and comments above the item's dash included) to the end of its own last line: adding an item
// then removing it gives the file back byte for byte.
function itemSpan(text, list, index) {
  const item = list.items[index];
  const end = contentEnd(text, item.range[1]);
  const start = index > 0 ? contentEnd(text, list.items[index - 1].range[1]) : startOfLine(text, dashOf(text, item)) - 1;
  return { start, end };
}

function removeItem(text, list, index) {
  if (list.flow) throw new InPlaceError('cannot remove from a one-line list');
  if (index > 0) {
    const { start, end } = itemSpan(text, list, index);
    return { start, end, insert: '' };
  }
  if (list.items.length === 1) throw new InPlaceError('cannot remove the only item of a list: leave one, or change it');
  // The first item: its lines and the blank lines after it; the next item keeps its comments.
  const start = startOfLine(text, dashOf(text, list.items[0]));
  let end = contentEnd(text, list.items[0].range[1]) + 1;
  while (text.startsWith('\n', end) || /^[ \t]*\n/.test(text.slice(end, endOfLine(text, end) + 1))) end = endOfLine(text, end) + 1;
  return { start, end, insert: '' };
}

function insertItem(text, list, index, value, path) {
  if (list.flow || list.items.length === 0) throw new InPlaceError(`${path.join('.')}: cannot add to a one-line or empty list`);
  return insertBlock(text, list, index, itemBlock(value, column(text, dashOf(text, list.items[0]))));
}

// `block` (an item's lines, without their last line break) as the list's item `index`, separated
// from its neighbours as the list's first two items are.
function insertBlock(text, list, index, block) {
  const separator = '\n' + '\n'.repeat(blankLinesBetween(text, list));
  if (index === 0) {
    const at = startOfLine(text, dashOf(text, list.items[0]));
    return { start: at, end: at, insert: block + separator.slice(1) + '\n' };
  }
  const at = contentEnd(text, list.items[index - 1].range[1]);
  return { start: at, end: at, insert: separator + block };
}

// An item moved: its lines (with the comments just above its dash, but above the first item's,
// which may be the list's own) taken out and put back at `to`, as a whole.
function moveItem(text, list, path, from, to) {
  const end = contentEnd(text, list.items[from].range[1]);
  let start = startOfLine(text, dashOf(text, list.items[from]));
  if (from > 0) {
    const floor = contentEnd(text, list.items[from - 1].range[1]) + 1;  // after the item before
    while (start > floor) {
      const above = startOfLine(text, start - 1);
      if (!text.slice(above, start - 1).trimStart().startsWith('#')) break;
      start = above;
    }
  }
  const block = text.slice(start, end);
  const without = apply(text, [removeItem(text, list, from)]);
  const listAfter = parse(without).getIn(path, true);
  return { start: 0, end: text.length, insert: apply(without, [insertBlock(without, listAfter, to, block)]) };
}

function blankLinesBetween(text, list) {
  if (list.items.length < 2) return 0;
  const between = text.slice(contentEnd(text, list.items[0].range[1]) + 1, startOfLine(text, dashOf(text, list.items[1])));
  return between.split('\n').filter((line) => line.trim() === '').length - 1;
}

function itemBlock(value, dash) {
  if (!isPlainObject(value)) return `${' '.repeat(dash)}-${valueBlock(value, dash)}`;
  const lines = mappingBlock(value, dash + 2);
  return `${' '.repeat(dash)}- ${lines.slice(dash + 2)}`;
}

function mappingBlock(value, indent) {
  return Object.entries(value)
    .filter(([, item]) => !isEmpty(item))
    .map(([key, item]) => `${' '.repeat(indent)}${key}:${valueBlock(item, indent)}`)
    .join('\n');
}

// A value after its `key:`, in the file's style: texts on the key's line (a block for several
// lines), mappings and lists indented below.
function valueBlock(value, keyIndent) {
  if (typeof value === 'string') return value.includes('\n') ? ` ${blockValue(value, keyIndent).trimEnd()}` : ` ${inlineValue(value, null)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return ` ${String(value)}`;
  if (Array.isArray(value)) return `\n${value.filter((item) => !isEmpty(item)).map((item) => itemBlock(item, keyIndent + 2)).join('\n')}`;
  if (isPlainObject(value)) return `\n${mappingBlock(value, keyIndent + 2)}`;
  throw new InPlaceError(`cannot write a ${kind(value)}`);
}

export function blockValue(value, keyIndent, comment = '') {
  const indent = ' '.repeat(keyIndent + 2);
  const lines = value.replace(/\n+$/, '').split('\n').map((line) => (line.trim() ? indent + line : '')).join('\n');
  return `|${comment ? `  ${comment}` : ''}\n${lines}`;
}

export function inlineValue(value, style) {
  if (style === "'") return `'${value.replaceAll("'", "''")}'`;
  if (!style && PLAIN_TEXT.test(value) && !NOT_PLAIN.test(value)) {
    try {
      const doc = parseDocument(`k: ${value}`, { version: '1.1' });
      if (!doc.errors.length && doc.toJS()?.k === value) return value;
    } catch { /* not plain */ }
  }
  return JSON.stringify(value);  // a JSON string is a YAML double-quoted scalar
}

// --- reading back --------------------------------------------------------------------------------

function verify(text, data) {
  const written = parse(text).toJS();
  const difference = firstDifference(written, data, []);
  if (difference) throw new InPlaceError(`${difference}: would not read back as saved; nothing was written`);
  const asPython = parseDocument(text, { version: '1.1' });  // PyYAML reads YAML 1.1
  const typeFlip = firstTypeFlip(asPython.toJS(), written, []);
  if (typeFlip) throw new InPlaceError(`${typeFlip}: would be read as another kind of value; nothing was written`);
}

function firstDifference(written, data, path) {
  if (isPlainObject(data)) {
    for (const [key, value] of Object.entries(data)) {
      if (!isPlainObject(written) || !(key in written)) {
        if (isEmpty(value)) continue;
        return [...path, key].join('.');
      }
      const found = firstDifference(written[key], value, [...path, key]);
      if (found) return found;
    }
    return null;
  }
  if (Array.isArray(data)) {
    const expected = data.filter((item) => !isEmpty(item));
    if (!Array.isArray(written) || written.length !== expected.length) return path.join('.');
    for (let index = 0; index < written.length; index += 1) {
      const found = firstDifference(written[index], expected[index], [...path, index]);
      if (found) return found;
    }
    return null;
  }
  return sameScalar(written, data) ? null : path.join('.') || '(the file)';
}

function firstTypeFlip(python, written, path) {
  if (written instanceof Object) {
    for (const key of Object.keys(written)) {
      const found = firstTypeFlip(python?.[key], written[key], [...path, key]);
      if (found) return found;
    }
    return null;
  }
  if (typeof written === 'string' && python instanceof Date) return /^\d{4}-\d{2}-\d{2}$/.test(written) ? null : path.join('.');
  return typeof python === typeof written ? null : path.join('.');
}

// --- positions -------------------------------------------------------------------------------------

function apply(text, edits) {
  let out = text;
  for (const { start, end, insert } of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, start) + insert + out.slice(end);
  return out;
}

function styleOf(scalar) {
  return { PLAIN: null, QUOTE_DOUBLE: '"', QUOTE_SINGLE: "'", BLOCK_LITERAL: '|', BLOCK_FOLDED: '>' }[scalar.type] ?? null;
}

function scalarValue(node) {
  return isScalar(node) ? node.value : node;
}

function column(text, offset) {
  return offset - startOfLine(text, offset);
}

function startOfLine(text, offset) {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function endOfLine(text, offset) {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}

// The end of a node's last line with something on it (before its line break): blank lines and
// comments after it belong to what follows.
function contentEnd(text, offset) {
  let end = offset;
  for (;;) {
    const lineStart = startOfLine(text, end);
    const line = text.slice(lineStart, end);
    if (line.trim() === '' || line.trimStart().startsWith('#')) {
      if (lineStart === 0) return 0;
      end = lineStart - 1;
      continue;
    }
    return end;
  }
}

function dashOf(text, item) {
  return text.lastIndexOf('-', item.range[0]);
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function kind(value) {
  if (Array.isArray(value)) return 'list';
  if (value === null || value === undefined) return 'nothing';
  return typeof value === 'object' ? 'mapping' : typeof value;
}

