import { createHash } from 'node:crypto';
import { AnnotationError } from './errors';
import { ParsedReport } from './parse-report';
import { SourceRef } from './annotations';

/** A passage of the report as stored in a Source node. */
export type Passage = {
  id: string;
  document: string;
  section: string;
  quote: string;
  /** The statement the passage is quoted from, so its English text can be shown beside it. */
  statementId?: string;
};

export type StatementText = { id: string; section: string; text: string };

export const TITLE_SECTION = 'Titel';
export const FOOTER_SECTION = 'Fußzeile';

/** Same scheme as the API's curation, so one passage is one Source node however it got in. */
export function sourceId(document: string, section: string, quote: string): string {
  const hash = createHash('sha256')
    .update(`${document}\u0000${section}\u0000${quote}`)
    .digest('hex');
  return `source/${hash.slice(0, 16)}`;
}

/** Resolves source references against the parsed report, insisting every quote is verbatim. */
export class PassageResolver {
  constructor(
    private readonly report: ParsedReport,
    private readonly statements: ReadonlyMap<string, StatementText>,
    /** meeting id → the report's heading of that meeting */
    private readonly headings: ReadonlyMap<string, string>,
  ) {}

  passage(section: string, quote: string, statementId?: string): Passage {
    const document = this.report.title;
    return {
      id: sourceId(document, section, quote),
      document,
      section,
      quote,
      ...(statementId ? { statementId } : {}),
    };
  }

  resolve(ref: SourceRef, file: string, entry: string): Passage {
    const fail = (detail: string): never => {
      throw new AnnotationError(file, entry, detail);
    };
    const requireVerbatim = (haystack: string, where: string): void => {
      if (!haystack.includes(ref.quote)) fail(`quote "${ref.quote}" is not verbatim in ${where}`);
    };

    if ('statement' in ref) {
      const statement = this.statements.get(ref.statement);
      if (!statement) return fail(`source refers to unknown statement "${ref.statement}"`);
      requireVerbatim(statement.text, `statement ${ref.statement}`);
      return this.passage(statement.section, ref.quote, statement.id);
    }
    if ('heading' in ref) {
      const heading = this.headings.get(ref.heading);
      if (!heading)
        return fail(`source refers to "${ref.heading}", which is no meeting of the report`);
      requireVerbatim(heading, `the heading "${heading}"`);
      return this.passage(heading, ref.quote);
    }
    if (ref.document === 'title') {
      requireVerbatim(this.report.title, 'the report title');
      return this.passage(TITLE_SECTION, ref.quote);
    }
    const paragraph = this.report.footer.find((candidate) => candidate.includes(ref.quote));
    if (!paragraph) fail(`quote "${ref.quote}" is not verbatim in the report footer`);
    return this.passage(FOOTER_SECTION, ref.quote);
  }
}
