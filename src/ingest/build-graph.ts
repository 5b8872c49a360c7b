import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  entityKind,
  relationshipKind,
  type EntityLabel,
  type NodeLabel,
  type RelationshipTypeName,
} from '../model';
import {
  ANNOTATION_FILES,
  Annotations,
  Link,
  loadAnnotations,
  MeetingEntry,
  SourceRef,
} from './annotations';
import {
  DEFAULT_DOCUMENTS_PATH,
  DocumentEntry,
  loadDocuments,
  RegistryPaths,
  reportDocumentOf,
} from './documents';
import { AnnotationError } from './errors';
import { GraphAccumulator, Origin } from './graph-accumulator';
import { GraphData } from './graph-data';
import {
  headingsById,
  MatchedHeading,
  matchMeetingsToReport,
  statementTexts,
} from './meeting-statements';
import { ParsedReport, parseReport } from './parse-report';
import { Passage, PassageResolver } from './source-passages';

const REPO_ROOT = path.resolve(__dirname, '../..');
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, 'data/annotations');
export const DEFAULT_REPORT_PATH = path.join(REPO_ROOT, 'data/sources/000_8c8abccec544f9ff.txt');

export type BuildOptions = {
  /** Directory of the curated YAML files. */
  dataDir?: string;
  /** The report the annotations point into: a REPORT of the document registry. */
  reportPath?: string;
  /** The document registry's files. */
  registry?: RegistryPaths;
};

/** Parses the report, validates the annotations against it and returns the graph. Pure: no DB. */
export function buildReportGraph(options: BuildOptions = {}): GraphData {
  const reportPath = options.reportPath ?? DEFAULT_REPORT_PATH;
  const documents = loadDocuments(options.registry);
  const reportDocument = reportDocumentOf(documents, reportPath);
  const report = parseReport(readFileSync(reportPath, 'utf8'));
  if (report.title !== reportDocument.title) {
    throw new AnnotationError(
      path.basename(options.registry?.registry ?? DEFAULT_DOCUMENTS_PATH),
      reportDocument.id,
      `title "${reportDocument.title}" is not the report's title "${report.title}"`,
    );
  }
  const annotations = loadAnnotations(options.dataDir ?? DEFAULT_DATA_DIR);
  return assembleGraph(report, annotations, { documents, reportDocument });
}

type EntityDeclaration = {
  label: EntityLabel;
  file: string;
  entry: {
    id: string;
    name: string;
    nameDe: string;
    aliases?: string[];
    sources: SourceRef[];
    inferred?: boolean;
    note?: string;
  };
  props: Record<string, unknown>;
};

const {
  meetings: MEETINGS_FILE,
  statementsEn: STATEMENTS_FILE,
  statementKinds: KINDS_FILE,
} = ANNOTATION_FILES;

/** The documents to write, and which of them the report is. */
export type ReportDocuments = { documents: DocumentEntry[]; reportDocument: DocumentEntry };

export function assembleGraph(
  report: ParsedReport,
  annotations: Annotations,
  { documents, reportDocument }: ReportDocuments,
): GraphData {
  checkDates(annotations);
  const graph = new GraphAccumulator();
  const reportId = reportDocument.id;
  // `file` is where the loader reads a document, not something the document states
  for (const { id, file: _file, ...props } of documents) {
    graph.addNode({ labels: ['Document'], id, props }, { file: 'documents', entry: id });
  }
  const headings = matchMeetingsToReport(report, annotations);
  const statements = statementTexts(headings, annotations.statementsEn);
  const resolver = new PassageResolver(report, statements, headingsById(headings));

  const addPassage = (passage: Passage, origin: Origin): string => {
    const { id, ...props } = passage;
    if (!graph.hasNode(id)) {
      // the parser and PassageResolver insist that a quote is the report's own text
      graph.addNode({ labels: ['Source'], id, props: { ...props, verbatim: true } }, origin);
      graph.addRelationship({ type: 'IN_DOCUMENT', from: id, to: reportId, props: {} }, origin);
    }
    return id;
  };
  const sourceIdsOf = (refs: SourceRef[], origin: Origin): string[] =>
    refs.map((ref) => addPassage(resolver.resolve(ref, origin.file, origin.entry), origin));

  // Entities first, so that relationships can check what they point at.
  const declarations = entityDeclarations(annotations, headings);
  const aliasesOf = aliasChecker(report);
  for (const { label, file, entry, props } of declarations) {
    const origin = { file, entry: entry.id };
    const { name, nameDe, inferred, note } = entry;
    const aliases = aliasesOf(entry, origin);
    graph.addNode(
      {
        labels: ['Entity', label],
        id: entry.id,
        props: { name, nameDe, aliases, ...props, inferred, note },
      },
      origin,
    );
    // after the duplicate check, so that a clash between files is reported as such
    if (!entry.id.startsWith(entityKind(label).idPrefix)) {
      throw new AnnotationError(
        file,
        entry.id,
        `a ${label} id must start with "${entityKind(label).idPrefix}"`,
      );
    }
  }
  for (const meeting of annotations.meetings) {
    if (!meeting.inferredProperties) continue;
    const origin = { file: MEETINGS_FILE, entry: meeting.id };
    const claims = meeting.inferredProperties.map(({ property, note, sources }) => {
      const sourceIds = sourceIdsOf(sources, origin);
      // Entity.claims finds a claim's passages among the entity's own
      for (const to of sourceIds) {
        const stated = { type: 'STATED_IN', from: meeting.id, to, props: {} };
        graph.addRelationship(stated, origin, { once: true });
      }
      if (meeting[property] === undefined) {
        throw new AnnotationError(MEETINGS_FILE, meeting.id, `inferred ${property} has no value`);
      }
      const value = String(meeting[property]);
      return { property, value, basis: 'INFERRED', preferred: true, note, sourceIds };
    });
    graph.setNodeProps(meeting.id, { claims: JSON.stringify(claims) });
  }
  for (const { file, entry } of declarations) {
    const origin = { file, entry: entry.id };
    const heading = headings.get(entry.id);
    const refs: SourceRef[] = heading?.parsed
      ? [{ heading: entry.id, quote: heading.heading }, ...entry.sources]
      : entry.sources;
    if (refs.length === 0) throw new AnnotationError(file, entry.id, 'has no source');
    for (const ref of refs) {
      const to = addPassage(resolver.resolve(ref, file, entry.id), origin);
      graph.addRelationship({ type: 'STATED_IN', from: entry.id, to, props: {} }, origin, {
        once: true,
      });
      if ('statement' in ref) {
        // the statements that name an entity: lets readers walk from a passage to what it names
        const mention = { type: 'MENTIONS', from: ref.statement, to: entry.id, props: {} };
        graph.addRelationship(mention, origin, { once: true });
      }
    }
  }

  for (const statement of statements.values()) {
    const origin = { file: STATEMENTS_FILE, entry: statement.id };
    const { id, text, textEn, section, part, order, meetingId, forLeipzig } = statement;
    const kind = annotations.statementKinds[id];
    if ((part === 'outcome') !== (kind !== undefined)) {
      const detail = part === 'outcome' ? 'an outcome needs a kind' : 'only outcomes have a kind';
      throw new AnnotationError(KINDS_FILE, id, detail);
    }
    graph.addNode(
      {
        labels: ['Statement'],
        id,
        props: { text, textEn, section, part, order, kind, forLeipzig },
      },
      origin,
    );
    const ownPassage = addPassage(resolver.passage(section, text, id), origin);
    graph.addRelationship({ type: 'STATED_IN', from: id, to: ownPassage, props: {} }, origin);
    const type = part === 'topic' ? 'HAS_TOPIC' : 'HAS_OUTCOME';
    graph.addRelationship({ type, from: meetingId, to: id, props: { order } }, origin);
  }
  for (const id of Object.keys(annotations.statementKinds)) {
    if (!statements.has(id)) throw new AnnotationError(KINDS_FILE, id, 'is no statement');
  }

  const cityNames = new Map(
    annotations.cities.map(({ id, name, nameDe, aliases = [] }) => [
      id,
      [name, nameDe, ...aliases],
    ]),
  );
  const link = (
    type: RelationshipTypeName,
    origin: Origin,
    ends: { from: string; to: string },
    target: Link,
    expected: readonly NodeLabel[],
  ): void => {
    const targetLabels = graph.labelsOf(target.id);
    if (!expected.some((label) => targetLabels.includes(label))) {
      throw new AnnotationError(
        origin.file,
        origin.entry,
        `${type} points at "${target.id}", which is no known ${expected.join(' or ')}`,
      );
    }
    const { role, roleDe } = target;
    const sourceIds = sourceIdsOf(target.sources, {
      ...origin,
      entry: `${origin.entry} → ${target.id}`,
    });
    const expansion = allPartnersExpansion(ends.from, target, cityNames);
    const inferred = target.inferred || expansion !== undefined || undefined;
    const note = expansion
      ? [target.note, `expands "${expansion}" to the partner cities`].filter(Boolean).join('; ')
      : target.note;
    graph.addRelationship(
      { type, ...ends, props: { role, roleDe, inferred, note, expansion, sourceIds } },
      origin,
    );
  };
  /** A link from the entry to `target`, which must have one of the labels the type ends at. */
  const outgoing = (type: RelationshipTypeName, origin: Origin, target: Link | undefined) => {
    if (target) {
      link(type, origin, { from: origin.entry, to: target.id }, target, relationshipKind(type).to);
    }
  };
  /** A link from `source` to the entry; `source` must have one of the labels the type starts at. */
  const incoming = (type: RelationshipTypeName, origin: Origin, source: Link) =>
    link(type, origin, { from: source.id, to: origin.entry }, source, relationshipKind(type).from);

  for (const city of annotations.cities) {
    const origin = { file: ANNOTATION_FILES.cities, entry: city.id };
    outgoing('IN_COUNTRY', origin, city.country);
    for (const group of city.memberOf ?? []) outgoing('MEMBER_OF', origin, group);
  }
  for (const institution of annotations.institutions) {
    const origin = { file: ANNOTATION_FILES.institutions, entry: institution.id };
    outgoing('BASED_IN', origin, institution.city);
    for (const group of institution.memberOf ?? []) outgoing('MEMBER_OF', origin, group);
  }
  for (const project of annotations.projects) {
    const origin = { file: ANNOTATION_FILES.projects, entry: project.id };
    outgoing('BASED_IN', origin, project.city);
  }
  for (const meeting of annotations.meetings) {
    const origin = { file: MEETINGS_FILE, entry: meeting.id };
    outgoing('HELD_IN', origin, meeting.city);
    outgoing('AT_VENUE', origin, meeting.venue);
    for (const other of meeting.heldWith ?? []) outgoing('HELD_WITH', origin, other);
    for (const action of meeting.addressed ?? []) outgoing('ADDRESSED', origin, action);
    for (const actor of meeting.participants ?? []) incoming('TOOK_PART_IN', origin, actor);
    for (const project of meeting.projects ?? []) outgoing('IN_PROJECT', origin, project);
  }
  for (const action of annotations.actions) {
    const origin = { file: ANNOTATION_FILES.actions, entry: action.id };
    outgoing('IN_FIELD', origin, action.field);
    outgoing('PART_OF', origin, action.partOf);
    for (const actor of action.leads ?? []) incoming('LEADS', origin, actor);
    for (const actor of action.contributors ?? []) incoming('CONTRIBUTES_TO', origin, actor);
  }
  // a meeting is dated by its Ort heading, or (announced only) by the passage that announces it
  addTimeline(graph, annotations, (meeting, origin) => {
    const heading = headings.get(meeting.id);
    const [announced] = meeting.sources;
    const ref: SourceRef | undefined = heading?.parsed
      ? { heading: meeting.id, quote: heading.heading }
      : announced;
    return ref ? sourceIdsOf([ref], origin) : [];
  });
  return { ...graph.toGraphData(), document: { id: reportId, title: reportDocument.title } };
}

/** The report's phrases for "every partner city", which the annotations expand city by city. */
const ALL_PARTNERS =
  /\b(?:[Aa]lle[rn]? (?:weiteren |beteiligter )?(?:Partnerstädte[n]?|Projektpartner)|Alle Städte)\b/;

/**
 * The phrase a city's link expands when none of its quotes names the city and one says "alle
 * Partnerstädte" (or the like): such a link is INFERRED, so that what two partners share by name
 * can be told from what they share through the expansion (City.partners orders by the former).
 */
function allPartnersExpansion(
  from: string,
  target: Link,
  cityNames: Map<string, string[]>,
): string | undefined {
  const names = cityNames.get(from);
  if (!names) return undefined;
  const quotes = target.sources.map((source) => source.quote);
  if (quotes.some((quote) => names.some((name) => quote.includes(name)))) return undefined;
  for (const quote of quotes) {
    const phrase = ALL_PARTNERS.exec(quote)?.[0];
    if (phrase) return phrase;
  }
  return undefined;
}

/**
 * The other names of an entity: its German name where that differs, and the annotated
 * `aliases`, each of which must be a spelling the report itself uses (e.g. "Gdansk").
 */
function aliasChecker(report: ParsedReport) {
  const texts = [
    report.title,
    ...report.footer,
    ...report.meetings.flatMap((meeting) => [
      meeting.heading,
      ...meeting.statements.map((statement) => statement.text),
    ]),
  ];
  return (entry: EntityDeclaration['entry'], origin: Origin): string[] => {
    const { name, nameDe, aliases = [] } = entry;
    for (const alias of aliases) {
      const fail = (detail: string): never => {
        throw new AnnotationError(origin.file, origin.entry, `alias "${alias}" ${detail}`);
      };
      if (alias === name || alias === nameDe) fail('repeats its name or nameDe');
      if (!texts.some((text) => text.includes(alias))) fail('does not occur in the report');
    }
    return [...new Set([...(nameDe === name ? [] : [nameDe]), ...aliases])];
  };
}

/** Dates are ISO strings of varying precision, so prefix order is chronological order. */
function checkDates(annotations: Annotations): void {
  for (const meeting of annotations.meetings) {
    if (meeting.date !== undefined && !meeting.date.startsWith(String(meeting.year))) {
      const detail = `date ${meeting.date} is not in its year ${meeting.year}`;
      throw new AnnotationError(MEETINGS_FILE, meeting.id, detail);
    }
  }
  for (const action of annotations.actions) {
    if (action.start && action.end && action.start > action.end) {
      const detail = `start ${action.start} is after end ${action.end}`;
      throw new AnnotationError(ANNOTATION_FILES.actions, action.id, detail);
    }
  }
}

/**
 * The NEXT chain of the timeline. Each step cites what dates its two meetings (`datedBy`). A
 * step is INFERRED where no date orders the two (the report dates both only to the same year)
 * or where one of the meetings is itself inferred; otherwise the dates state it.
 */
function addTimeline(
  graph: GraphAccumulator,
  annotations: Annotations,
  datedBy: (meeting: MeetingEntry, origin: Origin) => string[],
): void {
  const byId = new Map(annotations.meetings.map((meeting) => [meeting.id, meeting]));
  const seen = new Set<string>();
  annotations.timeline.forEach((id, index) => {
    const origin = { file: MEETINGS_FILE, entry: `timeline[${index}]` };
    const meeting = byId.get(id);
    if (meeting === undefined)
      throw new AnnotationError(origin.file, origin.entry, `"${id}" is no meeting`);
    if (meeting.date === undefined)
      throw new AnnotationError(origin.file, origin.entry, `"${id}" has no date to order it by`);
    if (seen.has(id)) throw new AnnotationError(origin.file, origin.entry, `"${id}" appears twice`);
    seen.add(id);
    const previousId = annotations.timeline[index - 1];
    if (previousId === undefined) return;
    const previous = byId.get(previousId)!;
    const [before, after] = [previous.date!, meeting.date];
    if (before > after) {
      throw new AnnotationError(
        origin.file,
        origin.entry,
        `"${id}" (${after}) is earlier than "${previousId}"`,
      );
    }
    const undated = after.startsWith(before) || before.startsWith(after);
    const inferredEnd = [previous, meeting].find((m) => m.inferred);
    const note = undated
      ? `the report dates both only to ${before.length <= after.length ? before : after}; their order is the order of its blocks, read as chronological`
      : inferredEnd
        ? `${inferredEnd.id} is itself inferred (see its note); the dates order the two`
        : undefined;
    const props = {
      inferred: note === undefined ? undefined : true,
      note,
      sourceIds: [...datedBy(previous, origin), ...datedBy(meeting, origin)],
    };
    graph.addRelationship({ type: 'NEXT', from: previousId, to: id, props }, origin);
  });
}

function entityDeclarations(
  annotations: Annotations,
  matched: Map<string, MatchedHeading>,
): EntityDeclaration[] {
  const declare =
    (label: EntityLabel, file: string) =>
    (entry: EntityDeclaration['entry'], props = {}) => ({
      label,
      file,
      entry,
      props,
    });
  return [
    ...annotations.countries.map((entry) => declare('Country', ANNOTATION_FILES.countries)(entry)),
    ...annotations.cities.map((entry) => declare('City', ANNOTATION_FILES.cities)(entry)),
    ...annotations.institutions.map((entry) =>
      declare('Institution', ANNOTATION_FILES.institutions)(entry, { kind: entry.kind }),
    ),
    ...annotations.projects.map((entry) => declare('Project', ANNOTATION_FILES.projects)(entry)),
    ...annotations.meetings.map((entry) =>
      declare('Meeting', MEETINGS_FILE)(entry, {
        kind: entry.kind,
        status: entry.status,
        year: entry.year,
        date: entry.date,
        order: matched.get(entry.id)?.order,
      }),
    ),
    ...annotations.actions.map((entry) =>
      declare('Action', ANNOTATION_FILES.actions)(entry, {
        kind: entry.kind,
        description: entry.description,
        descriptionDe: entry.descriptionDe,
        start: entry.start,
        end: entry.end,
      }),
    ),
    ...annotations.fields.map((entry) => declare('FieldOfAction', ANNOTATION_FILES.fields)(entry)),
  ];
}
