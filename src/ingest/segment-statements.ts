import { HtmlNode, isInlineTag, parseHtmlFragment } from './html-fragment';
import { ReportParseError } from './errors';

/**
 * Splits one part of a meeting (its Thema or its Ergebnis/Ableitung cell, possibly continued over
 * a page break) into statements with section paths.
 *
 * Items are marked in the source in several ways: `<li>`/`<p>` elements, numbers ("1."), bullets
 * ("- "), arrows (→ ➔ ➤) and, where the PDF cell had line breaks, runs of three or more spaces.
 * "Ableitung für Leipzig" (in bold) starts the items that follow for Leipzig.
 */

export const DERIVATION_HEADING = 'Ableitung für Leipzig';

export type CellRow = { html: string; line: number };

export type SegmentedStatement = {
  text: string;
  section: string;
  line: number;
  /** The item number the source gives ("3." → 3), only on the numbered item itself. */
  number?: number;
  /** True for the items under "Ableitung für Leipzig". */
  derivation: boolean;
};

type TextUnit = { kind: 'text'; text: string; line: number };
type DerivationUnit = { kind: 'derivation'; line: number; insideListItem: boolean };
type Unit = TextUnit | DerivationUnit;

const ITEM_GAP = /\s{3,}/;
const NUMBER_MARKER = /^(\d+)\.\s+/;
const ARROW_MARKER = /^[→➔➤➞]\s*/;
const BULLET_MARKER = /^[-–•]\s+/;
/** An item cut by a page break or a cell's line break ends mid-phrase like this. */
const INCOMPLETE_ENDING = /(?:\s(?:u\.|und|oder|sowie)|[/,]|\p{L}-)$/u;

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

function inlineText(nodes: HtmlNode[]): string {
  return nodes
    .map((node) => (node.type === 'text' ? node.text : inlineText(node.children)))
    .join('');
}

function isDerivationHeading(node: HtmlNode): boolean {
  if (node.type !== 'element' || !isInlineTag(node.tag)) return false;
  return collapse(inlineText(node.children)).replace(/:$/, '') === DERIVATION_HEADING;
}

/** Turns a run of inline content into text units, splitting at bold derivation headings and gaps. */
function inlineUnits(nodes: HtmlNode[], line: number, insideListItem: boolean): Unit[] {
  const units: Unit[] = [];
  let pending = '';
  const flushText = (): void => {
    for (const piece of pending.split(ITEM_GAP)) {
      const text = collapse(piece);
      if (text) units.push({ kind: 'text', text, line });
    }
    pending = '';
  };
  for (const node of nodes) {
    if (isDerivationHeading(node)) {
      flushText();
      units.push({ kind: 'derivation', line, insideListItem });
    } else {
      pending += node.type === 'text' ? node.text : inlineText(node.children);
    }
  }
  flushText();
  return units;
}

function blockUnits(nodes: HtmlNode[], line: number, insideListItem: boolean): Unit[] {
  const units: Unit[] = [];
  let inline: HtmlNode[] = [];
  const flushInline = (): void => {
    units.push(...inlineUnits(inline, line, insideListItem));
    inline = [];
  };
  for (const node of nodes) {
    if (node.type === 'text' || isInlineTag(node.tag)) {
      inline.push(node);
      continue;
    }
    flushInline();
    if (node.tag === 'ol' || node.tag === 'ul') {
      for (const child of node.children) {
        if (child.type === 'element' && child.tag === 'li') {
          units.push(...blockUnits(child.children, line, true));
        } else if (collapse(inlineText([child])) !== '') {
          throw new ReportParseError(line, `content outside <li> inside <${node.tag}>`);
        }
      }
    } else {
      units.push(...blockUnits(node.children, line, insideListItem || node.tag === 'li'));
    }
  }
  flushInline();
  return units;
}

/** Ableitungen attach to the numbered item before them only where the source interleaves them. */
function derivationsAreInterleaved(units: Unit[]): boolean {
  let seenTopLevelDerivation = false;
  for (const unit of units) {
    if (unit.kind === 'derivation' && !unit.insideListItem) seenTopLevelDerivation = true;
    if (unit.kind === 'text' && seenTopLevelDerivation && NUMBER_MARKER.test(unit.text))
      return true;
  }
  return false;
}

export function segmentPart(
  rows: CellRow[],
  heading: string,
  partLabel: string,
): SegmentedStatement[] {
  const units = rows.flatMap((row) =>
    blockUnits(parseHtmlFragment(row.html, row.line), row.line, false),
  );
  const interleaved = derivationsAreInterleaved(units);

  const statements: SegmentedStatement[] = [];
  let currentNumber: number | undefined;
  let subheading: string | undefined;
  let derivation: { attachToNumber: boolean } | undefined;

  const sectionPath = (): string => {
    const path = [heading, partLabel];
    if (currentNumber !== undefined && (!derivation || derivation.attachToNumber)) {
      path.push(String(currentNumber));
    }
    if (subheading) path.push(subheading);
    if (derivation) path.push(DERIVATION_HEADING);
    return path.join(' > ');
  };

  for (const unit of units) {
    if (unit.kind === 'derivation') {
      derivation = { attachToNumber: unit.insideListItem || interleaved };
      subheading = undefined;
      continue;
    }
    const numbered = NUMBER_MARKER.exec(unit.text);
    const marker = numbered ?? ARROW_MARKER.exec(unit.text) ?? BULLET_MARKER.exec(unit.text);
    const text = marker ? unit.text.slice(marker[0].length).trim() : unit.text;
    if (!text) continue;

    const previous = statements[statements.length - 1];
    if (!marker && previous && INCOMPLETE_ENDING.test(previous.text)) {
      previous.text = `${previous.text} ${text}`;
      continue;
    }
    if (numbered) {
      currentNumber = Number(numbered[1]);
      subheading = undefined;
      derivation = undefined;
    }
    const isSubheading = !marker && text.endsWith(':');
    if (isSubheading) subheading = text.slice(0, -1).trim();
    statements.push({
      text,
      section: sectionPath(),
      line: unit.line,
      ...(numbered ? { number: currentNumber } : {}),
      derivation: derivation !== undefined,
    });
  }
  return statements;
}
