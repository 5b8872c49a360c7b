import { ANNOTATION_FILES, Annotations } from './annotations';
import { AnnotationError } from './errors';
import { ParsedMeeting, ParsedReport } from './parse-report';
import { StatementText } from './source-passages';

/**
 * Pairs the meeting annotations with the report's meetings (by their Ort heading) and gives
 * every parsed statement its id and English text.
 */

const { meetings: MEETINGS_FILE, statementsEn: STATEMENTS_FILE } = ANNOTATION_FILES;

export type MatchedHeading = { heading: string; parsed?: ParsedMeeting; order: number };

/** Pairs each meeting entry with the report's meeting of the same heading; orders them. */
export function matchMeetingsToReport(
  report: ParsedReport,
  annotations: Annotations,
): Map<string, MatchedHeading> {
  const matched = new Map<string, MatchedHeading>();
  const used = new Set<string>();
  let announced = report.meetings.length;
  for (const entry of annotations.meetings) {
    if (!entry.heading) {
      announced += 1;
      matched.set(entry.id, { heading: '', order: announced });
      continue;
    }
    const index = report.meetings.findIndex((meeting) => meeting.heading === entry.heading);
    const parsed = report.meetings[index];
    if (!parsed) {
      throw new AnnotationError(
        MEETINGS_FILE,
        entry.id,
        `heading "${entry.heading}" is no meeting of the report`,
      );
    }
    if (used.has(entry.heading)) {
      throw new AnnotationError(
        MEETINGS_FILE,
        entry.id,
        `heading "${entry.heading}" is annotated twice`,
      );
    }
    if (parsed.year !== entry.year) {
      throw new AnnotationError(
        MEETINGS_FILE,
        entry.id,
        `year ${entry.year} differs from the report's ${parsed.year}`,
      );
    }
    used.add(entry.heading);
    matched.set(entry.id, { heading: entry.heading, parsed, order: index + 1 });
  }
  for (const meeting of report.meetings) {
    if (!used.has(meeting.heading)) {
      throw new AnnotationError(
        MEETINGS_FILE,
        meeting.heading,
        `the report's meeting at line ${meeting.line} has no entry (add one with this heading)`,
      );
    }
  }
  return matched;
}

export function headingsById(matched: Map<string, MatchedHeading>): Map<string, string> {
  return new Map([...matched].filter(([, m]) => m.parsed).map(([id, m]) => [id, m.heading]));
}

export function statementId(meetingId: string, part: string, order: number): string {
  return `statement/${meetingId.replace(/^meeting\//, '')}/${part}/${order}`;
}

export type StatementWithEnglish = StatementText & {
  textEn: string;
  part: string;
  order: number;
  meetingId: string;
  /** Under an "Ableitung für Leipzig": what follows from the meeting for Leipzig. */
  forLeipzig: boolean;
};

export function statementTexts(
  matched: Map<string, MatchedHeading>,
  english: Record<string, string>,
): Map<string, StatementWithEnglish> {
  const statements = new Map<string, StatementWithEnglish>();
  for (const [meetingId, { parsed }] of matched) {
    for (const statement of parsed?.statements ?? []) {
      const id = statementId(meetingId, statement.part, statement.order);
      const textEn = english[id];
      if (!textEn) {
        throw new AnnotationError(
          STATEMENTS_FILE,
          id,
          `missing English translation of "${statement.text}"`,
        );
      }
      const { section, text, part, order, derivation } = statement;
      statements.set(id, {
        id,
        section,
        text,
        textEn,
        part,
        order,
        meetingId,
        forLeipzig: derivation,
      });
    }
  }
  for (const id of Object.keys(english)) {
    if (!statements.has(id)) {
      throw new AnnotationError(STATEMENTS_FILE, id, 'no statement of the report has this id');
    }
  }
  return statements;
}
