import { ReportParseError } from './errors';

/**
 * The report's table cells carry a small subset of HTML (paragraphs, lists, bold) left over from
 * the PDF conversion. This module turns one cell row into a tree, strictly: a tag outside the
 * subset, a mismatched close or an unclosed list is an error naming the line, because a lenient
 * parse would silently drop or misplace statements.
 */

export type BlockTag = 'p' | 'ol' | 'ul' | 'li';
export type InlineTag = 'b' | 'strong' | 'i' | 'em';
export type HtmlElement = { type: 'element'; tag: BlockTag | InlineTag; children: HtmlNode[] };
export type HtmlText = { type: 'text'; text: string };
export type HtmlNode = HtmlElement | HtmlText;

const BLOCK_TAGS: ReadonlySet<string> = new Set<BlockTag>(['p', 'ol', 'ul', 'li']);
const INLINE_TAGS: ReadonlySet<string> = new Set<InlineTag>(['b', 'strong', 'i', 'em']);
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

const TAG_PATTERN = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(\/?)>/g;
const ENTITY_PATTERN = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;

export function isInlineTag(tag: string): tag is InlineTag {
  return INLINE_TAGS.has(tag);
}

export function decodeEntities(text: string, line: number): string {
  return text.replace(ENTITY_PATTERN, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const decoded = NAMED_ENTITIES[name];
    if (decoded === undefined) throw new ReportParseError(line, `unknown HTML entity ${whole}`);
    return decoded;
  });
}

/** Parses one row of cell content (all on `line`) into a tree; every opened tag must close in it. */
export function parseHtmlFragment(source: string, line: number): HtmlNode[] {
  const root: HtmlElement = { type: 'element', tag: 'p', children: [] };
  const stack: HtmlElement[] = [root];
  const current = (): HtmlElement => stack[stack.length - 1] as HtmlElement;
  const pushText = (raw: string): void => {
    if (raw.length > 0) current().children.push({ type: 'text', text: decodeEntities(raw, line) });
  };

  let cursor = 0;
  for (const match of source.matchAll(TAG_PATTERN)) {
    const [whole, closing, rawName, selfClosing] = match;
    const name = (rawName ?? '').toLowerCase();
    pushText(source.slice(cursor, match.index));
    cursor = match.index + whole.length;

    if (name === 'br') {
      // a line break inside a cell separates items the same way the PDF's wide gaps do
      current().children.push({ type: 'text', text: '   ' });
      continue;
    }
    if (!BLOCK_TAGS.has(name) && !INLINE_TAGS.has(name)) {
      throw new ReportParseError(line, `unsupported HTML tag <${closing}${name}>`);
    }
    if (selfClosing) throw new ReportParseError(line, `unexpected self-closing <${name}/>`);
    if (closing) {
      const open = current();
      if (stack.length === 1 || open.tag !== name) {
        const expected = stack.length === 1 ? 'nothing is open' : `<${open.tag}> is open`;
        throw new ReportParseError(line, `</${name}> does not match: ${expected}`);
      }
      stack.pop();
    } else {
      const element: HtmlElement = {
        type: 'element',
        tag: name as BlockTag | InlineTag,
        children: [],
      };
      current().children.push(element);
      stack.push(element);
    }
  }
  pushText(source.slice(cursor));

  if (stack.length > 1) {
    const unclosed = stack.slice(1).map((element) => `<${element.tag}>`);
    throw new ReportParseError(line, `unclosed ${unclosed.join(', ')} at the end of the row`);
  }
  return root.children;
}
