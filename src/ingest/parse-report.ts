import { ReportParseError } from './errors';
import { decodeEntities } from './html-fragment';
import { CellRow, segmentPart } from './segment-statements';

/**
 * Parses a report of the "Übersicht der bisherigen Partnertreffen" format: a title, then a table
 * (extracted from a PDF) of meetings with the rows `Ort`, `Thema`, `Ergebnis/Ableitung`, where a
 * page break continues a cell in a row that starts with a tab, `--\t---` separates blocks, and a
 * footer closes the document.
 */

export type StatementPart = 'topic' | 'outcome';

export type ParsedStatement = {
  part: StatementPart;
  /** 1-based position within the meeting and part. */
  order: number;
  /** e.g. `Genua, Italien (2011) > Ergebnis/Ableitung > 2 > Ableitung für Leipzig` */
  section: string;
  /** German, verbatim: markup removed, entities decoded, whitespace collapsed, item marker dropped. */
  text: string;
  line: number;
  number?: number;
  derivation: boolean;
};

export type ParsedMeeting = {
  /** The Ort cell verbatim, e.g. `Genua, Italien (2011)`. */
  heading: string;
  place: string;
  country?: string;
  year: number;
  line: number;
  /** Topics (Thema) first, then outcomes (Ergebnis/Ableitung), each in source order. */
  statements: ParsedStatement[];
};

export type ParsedReport = {
  title: string;
  meetings: ParsedMeeting[];
  /** Text after the table (e.g. the issuer and the project's name), one entry per paragraph. */
  footer: string[];
};

const PART_LABELS = { topic: 'Thema', outcome: 'Ergebnis/Ableitung' } as const;
const ROW_PATTERN = /^(Ort|Thema|Ergebnis\/Ableitung)\t(.*)$/;
const SEPARATOR_PATTERN = /^-+\t-+\s*$/;
const HEADING_PATTERN = /^(.+?)(?:\s*,\s*(.+?))?\s*\((\d{4})\)$/;

type MeetingBlock = {
  heading: string;
  line: number;
  parts: Partial<Record<StatementPart, CellRow[]>>;
  lastPart?: StatementPart;
};

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
const stripMarkdownBold = (text: string): string => text.replace(/\*\*/g, '');
const stripTags = (html: string, line: number): string =>
  collapse(decodeEntities(html.replace(/<[^>]*>/g, ' '), line));

function parseHeading(
  heading: string,
  line: number,
): Pick<ParsedMeeting, 'place' | 'country' | 'year'> {
  const match = HEADING_PATTERN.exec(heading);
  if (!match)
    throw new ReportParseError(line, `Ort "${heading}" is not of the form "Place, Country (Year)"`);
  const [, place = '', country, year = ''] = match;
  return { place, ...(country ? { country } : {}), year: Number(year) };
}

function requireComplete(block: MeetingBlock): void {
  for (const part of ['topic', 'outcome'] as const) {
    if (!block.parts[part]) {
      throw new ReportParseError(
        block.line,
        `meeting "${block.heading}" has no ${PART_LABELS[part]} row`,
      );
    }
  }
}

function toMeeting(block: MeetingBlock): ParsedMeeting {
  const statements: ParsedStatement[] = [];
  for (const part of ['topic', 'outcome'] as const) {
    const rows = block.parts[part] ?? [];
    const segmented = segmentPart(rows, block.heading, PART_LABELS[part]);
    if (segmented.length === 0) {
      const line = rows[0]?.line ?? block.line;
      throw new ReportParseError(line, `${PART_LABELS[part]} of "${block.heading}" has no text`);
    }
    segmented.forEach((statement, index) =>
      statements.push({ part, order: index + 1, ...statement }),
    );
  }
  return {
    heading: block.heading,
    ...parseHeading(block.heading, block.line),
    line: block.line,
    statements,
  };
}

export function parseReport(text: string): ParsedReport {
  const lines = text.split(/\r?\n/);
  let title: string | undefined;
  let tableEndedAt: number | undefined;
  const blocks: MeetingBlock[] = [];
  const footerLines: Array<string | undefined> = [];

  lines.forEach((raw, index) => {
    const line = index + 1;
    const isBlank = raw.trim() === '';
    const row = ROW_PATTERN.exec(raw);
    const isContinuation = !row && raw.startsWith('\t');
    const isSeparator = SEPARATOR_PATTERN.test(raw);
    const isTableLine = Boolean(row) || isContinuation || isSeparator;

    if (isBlank) {
      if (tableEndedAt !== undefined) footerLines.push(undefined);
      return;
    }
    if (title === undefined) {
      if (isTableLine)
        throw new ReportParseError(line, 'expected the report title before the table');
      title = collapse(stripMarkdownBold(raw));
      return;
    }
    if (!isTableLine) {
      if (blocks.length === 0)
        throw new ReportParseError(line, 'expected an Ort row after the title');
      tableEndedAt ??= line;
      footerLines.push(raw);
      return;
    }
    if (tableEndedAt !== undefined) {
      throw new ReportParseError(line, `table row after the text at line ${tableEndedAt}`);
    }
    const current = blocks[blocks.length - 1];
    if (isSeparator) {
      if (!current) throw new ReportParseError(line, 'separator before the first Ort row');
      return;
    }
    if (isContinuation) {
      if (!current?.lastPart)
        throw new ReportParseError(line, 'continuation row without a cell above it');
      if (raw.trim()) current.parts[current.lastPart]?.push({ html: raw.slice(1), line });
      return;
    }

    const [, label, content = ''] = row as RegExpExecArray;
    if (label === 'Ort') {
      if (current) requireComplete(current);
      const heading = stripTags(content, line);
      if (!heading) throw new ReportParseError(line, 'empty Ort row');
      parseHeading(heading, line);
      blocks.push({ heading, line, parts: {} });
      return;
    }
    const part: StatementPart = label === 'Thema' ? 'topic' : 'outcome';
    if (!current) throw new ReportParseError(line, `${label} row without an Ort row before it`);
    if (current.parts[part]) {
      throw new ReportParseError(
        line,
        `second ${label} row for "${current.heading}" (no Ort row between)`,
      );
    }
    if (part === 'outcome' && !current.parts.topic) {
      throw new ReportParseError(line, `${label} row before the Thema row of "${current.heading}"`);
    }
    current.parts[part] = [{ html: content, line }];
    current.lastPart = part;
  });

  if (title === undefined) throw new ReportParseError(1, 'the report is empty');
  const last = blocks[blocks.length - 1];
  if (!last) throw new ReportParseError(lines.length, 'the report has no meetings (no Ort row)');
  requireComplete(last);

  return { title, meetings: blocks.map(toMeeting), footer: footerParagraphs(footerLines) };
}

function footerParagraphs(lines: Array<string | undefined>): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of [...lines, undefined]) {
    if (line !== undefined) {
      current.push(line);
    } else if (current.length > 0) {
      paragraphs.push(collapse(stripMarkdownBold(current.join(' '))));
      current = [];
    }
  }
  return paragraphs.filter(Boolean);
}
