// Labels in English or German, in the page's language (the store's): entity names switch
// between `name` and `nameDe`, statements between `textEn` and `text`, kinds take their titles
// from the model, and the page's own words follow.
import { isRelationshipType, relationshipKind } from '../../src/model/relationships';
import type { Named } from './api';
import type {
  ActionKind,
  Basis,
  InstitutionKind,
  MeetingKind,
  MeetingStatus,
  StatementKind,
} from './generated/graphql';
import { kindTitle } from './kinds';
import type { Kind } from './kinds';
import { page } from './page';

export type Lang = 'en' | 'de';

const STRINGS = {
  title: { en: 'Creative Cities explorer', de: 'Creative Cities Explorer' },
  subtitle: {
    en: 'Partner meetings 2010–2012: who leads what, and how it connects',
    de: 'Partnertreffen 2010–2012: wer was federführend leitet und wie alles zusammenhängt',
  },
  skipToGraph: { en: 'Skip to the graph', de: 'Zum Graphen springen' },
  search: { en: 'Search', de: 'Suche' },
  searchPlaceholder: {
    en: 'Search cities, institutions, actions…',
    de: 'Städte, Institutionen, Maßnahmen suchen…',
  },
  noHits: { en: 'No matches', de: 'Keine Treffer' },
  language: { en: 'Language', de: 'Sprache' },
  graphTab: { en: 'Graph', de: 'Graph' },
  tableTab: { en: 'Who leads what', de: 'Wer leitet was' },
  views: { en: 'Views', de: 'Ansichten' },
  fit: { en: 'Fit', de: 'Einpassen' },
  relayout: { en: 'Re-arrange', de: 'Neu anordnen' },
  reset: { en: 'Start view', de: 'Startansicht' },
  expand: { en: 'Expand selected', de: 'Auswahl erweitern' },
  openDetails: { en: 'Details of selected', de: 'Details der Auswahl' },
  exportPng: { en: 'PNG', de: 'PNG' },
  exportJson: { en: 'JSON', de: 'JSON' },
  exportPngLabel: { en: 'Export the graph view as PNG', de: 'Graphansicht als PNG exportieren' },
  exportJsonLabel: {
    en: 'Export the current subgraph as JSON',
    de: 'Aktuellen Teilgraphen als JSON exportieren',
  },
  exportGraphmlLabel: {
    en: 'Export the current subgraph as GraphML',
    de: 'Aktuellen Teilgraphen als GraphML exportieren',
  },
  exportGexfLabel: {
    en: 'Export the current subgraph as GEXF (Gephi)',
    de: 'Aktuellen Teilgraphen als GEXF (Gephi) exportieren',
  },
  hasLead: { en: 'Has a lead', de: 'Mit Federführung' },
  exportCsv: { en: '⤓ CSV', de: '⤓ CSV' },
  exportCsvLabel: {
    en: 'Export the rows shown as CSV',
    de: 'Angezeigte Zeilen als CSV exportieren',
  },
  graphLabel: {
    en: 'Network graph. Click a node for its details, double-click to expand it.',
    de: 'Netzwerkgraph. Klick auf einen Knoten zeigt Details, Doppelklick erweitert ihn.',
  },
  hint: {
    en: 'Click: details · double-click: expand · click an edge: its sources · drag: move · wheel/pinch: zoom',
    de: 'Klick: Details · Doppelklick: erweitern · Klick auf eine Kante: ihre Quellen · Ziehen: verschieben · Rad/Pinch: Zoom',
  },
  legend: { en: 'Legend', de: 'Legende' },
  nodesInView: { en: 'Nodes in view', de: 'Knoten in der Ansicht' },
  truncated: {
    en: 'Neighbourhood cut short at the node limit.',
    de: 'Nachbarschaft am Knotenlimit abgeschnitten.',
  },
  capStart: {
    en: 'Showing {shown} of {of} cities and projects with their neighbourhoods: the view draws at most {cap} nodes. Filter or search to narrow.',
    de: 'Gezeigt: {shown} von {of} Städten und Projekten mit ihren Nachbarschaften; die Ansicht zeichnet höchstens {cap} Knoten. Filtern oder suchen, um einzugrenzen.',
  },
  capFull: {
    en: 'The view draws at most {cap} nodes and left some out: search for an entity to start afresh around it.',
    de: 'Die Ansicht zeichnet höchstens {cap} Knoten und hat einige weggelassen: nach einem Eintrag suchen, um neu um ihn zu beginnen.',
  },
  pathTitle: { en: 'How are these connected?', de: 'Wie hängen diese zusammen?' },
  from: { en: 'From', de: 'Von' },
  to: { en: 'To', de: 'Nach' },
  showPath: { en: 'Show path', de: 'Pfad zeigen' },
  clearPath: { en: 'Clear', de: 'Löschen' },
  noPath: {
    en: 'No connection within 6 steps.',
    de: 'Keine Verbindung innerhalb von 6 Schritten.',
  },
  pickBoth: { en: 'Choose both ends first.', de: 'Bitte zuerst beide Enden wählen.' },
  steps: { en: 'steps', de: 'Schritte' },
  details: { en: 'Details', de: 'Details' },
  detailsEmpty: {
    en: 'Click a node or an edge, pick a search hit, a meeting or a table row to see its details.',
    de: 'Klick auf einen Knoten oder eine Kante, einen Suchtreffer, ein Treffen oder eine Tabellenzeile zeigt Details.',
  },
  close: { en: 'Close', de: 'Schließen' },
  fields: { en: 'Fields', de: 'Angaben' },
  relationships: { en: 'Relationships', de: 'Beziehungen' },
  sources: { en: 'Sources', de: 'Quellen' },
  german: { en: 'German original', de: 'Deutsches Original' },
  english: { en: 'English', de: 'Englisch' },
  topics: { en: 'Topics', de: 'Thema' },
  outcomes: { en: 'Outcomes', de: 'Ergebnis/Ableitung' },
  actionsLed: { en: 'Actions and who leads them', de: 'Maßnahmen und Federführung' },
  participants: { en: 'Participants', de: 'Teilnehmende' },
  contributors: { en: 'Contributors', de: 'Mitwirkende' },
  timeline: { en: 'Meetings timeline', de: 'Zeitleiste der Treffen' },
  planned: { en: 'planned', de: 'geplant' },
  nobodyLeads: { en: 'no lead named', de: 'keine Federführung genannt' },
  lead: { en: 'Lead', de: 'Federführung' },
  decidedAt: { en: 'Meetings', de: 'Treffen' },
  start: { en: 'Start', de: 'Beginn' },
  allFields: { en: 'All fields', de: 'Alle Handlungsfelder' },
  allCities: { en: 'All cities', de: 'Alle Städte' },
  filterField: { en: 'Filter by field of action', de: 'Nach Handlungsfeld filtern' },
  filterCity: {
    en: 'Filter by city (lead or contributor)',
    de: 'Nach Stadt filtern (Federführung oder Mitwirkung)',
  },
  rowsShown: { en: 'actions shown', de: 'Maßnahmen angezeigt' },
  showInGraph: { en: 'Show in graph', de: 'Im Graph zeigen' },
  loading: { en: 'Loading…', de: 'Lädt…' },
  error: { en: 'Something went wrong', de: 'Etwas ist schiefgegangen' },
  notFound: { en: 'not found', de: 'nicht gefunden' },
  typeAWord: { en: 'type a name or a word', de: 'einen Namen oder ein Wort eingeben' },
  basis: { en: 'Basis', de: 'Grundlage' },
  role: { en: 'Role', de: 'Rolle' },
  relationship: { en: 'Relationship', de: 'Beziehung' },
  noSources: {
    en: 'No source passage (a structural link).',
    de: 'Keine Quellenstelle (struktureller Link).',
  },
  filters: { en: 'Filters', de: 'Filter' },
  kinds: { en: 'Kinds', de: 'Arten' },
  year: { en: 'Year', de: 'Jahr' },
  all: { en: 'All', de: 'Alle' },
  hide: { en: 'Hide selected', de: 'Auswahl ausblenden' },
  undoHide: { en: 'Show last hidden', de: 'Zuletzt Ausgeblendetes zeigen' },
  layout: { en: 'Layout', de: 'Anordnung' },
  layoutForce: { en: 'Force', de: 'Kräfte' },
  layoutConcentric: { en: 'Rings by kind', de: 'Ringe nach Art' },
  connections: { en: 'connections in view', de: 'Verbindungen in der Ansicht' },
  kind: { en: 'Kind', de: 'Art' },
  id: { en: 'Id', de: 'Id' },
  nameDe: { en: 'Source spelling', de: 'Schreibweise der Quelle' },
  status: { en: 'Status', de: 'Status' },
  date: { en: 'Date', de: 'Datum' },
  venue: { en: 'Venue', de: 'Ort' },
  description: { en: 'Description', de: 'Beschreibung' },
  period: { en: 'Period', de: 'Zeitraum' },
  partOf: { en: 'Part of', de: 'Teil von' },
  enteredBy: { en: 'entered through the API by', de: 'über die API eingetragen von' },
  place: { en: 'Place', de: 'Ort' },
  host: { en: 'Host', de: 'Gastgeber' },
  noneNamed: { en: 'none named', de: 'keine genannt' },
  decisions: { en: 'Decisions', de: 'Beschlüsse' },
  forLeipzig: { en: 'What follows for Leipzig', de: 'Ableitung für Leipzig' },
  furtherResults: { en: 'Further results', de: 'Weitere Ergebnisse' },
  projectTitle: { en: 'Title', de: 'Titel' },
  programme: { en: 'Programme', de: 'Programm' },
  website: { en: 'Website', de: 'Website' },
  basisStated: { en: 'stated', de: 'genannt' },
  basisInferred: { en: 'inferred', de: 'erschlossen' },
  basisCurated: { en: 'curated', de: 'kuratiert' },
  citedFrom: { en: 'Cited (in our words) from', de: 'Sinngemäß zitiert aus' },
  filterProject: { en: 'Filter by project', de: 'Nach Projekt filtern' },
  allProjects: { en: 'All projects', de: 'Alle Projekte' },
  filterKind: { en: 'Filter by kind', de: 'Nach Art filtern' },
  allKinds: { en: 'All kinds', de: 'Alle Arten' },
  help: { en: 'Help', de: 'Hilfe' },
  helpTitle: { en: 'How to use this page', de: 'So funktioniert diese Seite' },
  helpGraph: {
    en: 'The graph starts with the whole network: the five partner cities, the projects and what surrounds them. Click a node or an edge for its details; double-click a node (or use “Expand selected”) to draw its neighbours around it. Filters, “Hide selected” and the two layouts change what you see, never the data.',
    de: 'Der Graph beginnt mit dem ganzen Netzwerk: den fünf Partnerstädten, den Projekten und ihrem Umfeld. Klick auf einen Knoten oder eine Kante zeigt Details; Doppelklick (oder „Auswahl erweitern“) zeichnet die Nachbarn rundherum. Filter, „Auswahl ausblenden“ und die zwei Anordnungen ändern die Ansicht, nie die Daten.',
  },
  helpSearch: {
    en: 'Search finds cities, institutions, actions, meetings and statements in English and German; Enter opens the top hit. “Who leads what” lists every action with its lead, filterable and exportable as CSV. The address bar always holds a link to what you see.',
    de: 'Die Suche findet Städte, Institutionen, Maßnahmen, Treffen und Aussagen auf Deutsch und Englisch; die Eingabetaste öffnet den ersten Treffer. „Wer leitet was“ listet jede Maßnahme mit ihrer Federführung, filterbar und als CSV exportierbar. Die Adresszeile enthält stets einen Link auf die aktuelle Ansicht.',
  },
  helpSources: {
    en: 'Every fact names its source: a quote from the report (German beside English), or a fact cited in our words from another document, with its title, date and link. “Inferred” marks what a person read from a source; “curated” what a curator entered.',
    de: 'Jede Angabe nennt ihre Quelle: ein Zitat aus dem Bericht (Deutsch neben Englisch) oder eine sinngemäß zitierte Angabe aus einem anderen Dokument mit Titel, Datum und Link. „Erschlossen“ kennzeichnet, was eine Person aus einer Quelle gelesen hat; „kuratiert“, was über die API eingetragen wurde.',
  },
  helpTools: { en: 'For developers', de: 'Für Entwickler' },
  graphiqlLink: {
    en: 'GraphiQL: query the GraphQL API (/graphql) in the browser, with the example operations',
    de: 'GraphiQL: die GraphQL-API (/graphql) im Browser abfragen, mit den Beispielabfragen',
  },
  neo4jBrowserLink: {
    en: "Neo4j Browser: query the graph in Cypher, with the project's style and example queries",
    de: 'Neo4j Browser: den Graphen mit Cypher abfragen, mit dem Stil und den Beispielabfragen des Projekts',
  },
  neo4jBrowserHelp: {
    en: 'Neo4j Browser: `npm start` prints its address (“Neo4j Browser: http://…/browser/?dbms=…”) when it runs the embedded Neo4j; open it and connect (no password). With `docker compose up` it is http://localhost:7474 (user and password from NEO4J_USER / NEO4J_PASSWORD).',
    de: 'Neo4j Browser: `npm start` gibt seine Adresse aus („Neo4j Browser: http://…/browser/?dbms=…“), wenn es das eingebettete Neo4j startet; öffnen und verbinden (ohne Passwort). Mit `docker compose up`: http://localhost:7474 (Benutzer und Passwort aus NEO4J_USER / NEO4J_PASSWORD).',
  },
} as const;

export type StringKey = keyof typeof STRINGS;

function lang(): Lang {
  return page.get().lang;
}

export function t(key: StringKey): string {
  return STRINGS[key][lang()];
}

/** The string with each {name} replaced by its value (numbers as the language writes them). */
export function tWith(key: StringKey, values: Record<string, string | number>): string {
  return t(key).replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(lang()) : value;
  });
}

export function kindLabel(kind: Kind): string {
  return kindTitle(kind)[lang()];
}

/** The entity's name in the current language: German is the source spelling. */
export function label(entity: Named): string {
  return lang() === 'de' && entity.nameDe ? entity.nameDe : entity.name;
}

/** A role in the current language, where the source gives it in German too. */
/** A role in the language asked for: its German where it has one, else its English. */
export function roleIn(
  role: string | null | undefined,
  roleDe: string | null | undefined,
  language: Lang,
): string {
  return (language === 'de' && roleDe ? roleDe : role) ?? '';
}

/** A link's role in the page's language. */
export function roleText(r: { role?: string | null; roleDe?: string | null }): string {
  return roleIn(r.role, r.roleDe, lang());
}

/** The statement in the current language. */
export function statementText(s: { text: string; textEn: string }): string {
  return lang() === 'de' ? s.text : s.textEn;
}

type Words = { readonly en: string; readonly de: string };

// Typed by the schema's enums: a new value fails the typecheck here until it has its words in
// both languages. Relationship types have theirs in the model (src/model/relationships.ts).
const VALUES: Record<
  InstitutionKind | MeetingKind | ActionKind | MeetingStatus | Basis | StatementKind,
  Words
> = {
  MUNICIPAL_OFFICE: { en: 'municipal office', de: 'städtisches Amt' },
  UNIVERSITY: { en: 'university', de: 'Hochschule' },
  FOUNDATION: { en: 'foundation', de: 'Stiftung' },
  RESEARCH_INSTITUTE: { en: 'research institute', de: 'Forschungsinstitut' },
  BANK: { en: 'bank', de: 'Bank' },
  CLUSTER: { en: 'cluster', de: 'Cluster' },
  FILM_COMMISSION: { en: 'film commission', de: 'Filmkommission' },
  SCIENCE_PARK: { en: 'science park', de: 'Technologiepark' },
  GOVERNMENT: { en: 'government', de: 'Regierung' },
  PROJECT: { en: 'project', de: 'Projekt' },
  COMMITTEE: { en: 'committee', de: 'Ausschuss' },
  WORKING_GROUP: { en: 'working group', de: 'Arbeitsgruppe' },
  CONTACT_POINT: { en: 'contact point', de: 'Kontaktstelle' },
  OTHER: { en: 'other', de: 'sonstige' },
  KICK_OFF_EVENT: { en: 'kick-off event', de: 'Auftaktveranstaltung' },
  CONFERENCE: { en: 'conference', de: 'Konferenz' },
  PARTNER_MEETING: { en: 'partner meeting', de: 'Partnertreffen' },
  HELD: { en: 'held', de: 'stattgefunden' },
  PLANNED: { en: 'planned', de: 'geplant' },
  ANALYSIS: { en: 'analysis', de: 'Analyse' },
  PLAN: { en: 'plan', de: 'Plan' },
  STUDY: { en: 'study', de: 'Studie' },
  EXHIBITION: { en: 'exhibition', de: 'Ausstellung' },
  WORKSHOP: { en: 'workshop', de: 'Workshop' },
  COMMUNICATION: { en: 'communication', de: 'Kommunikation' },
  WORK_PACKAGE: { en: 'work package', de: 'Arbeitspaket' },
  NETWORKING: { en: 'networking', de: 'Vernetzung' },
  STATED: { en: 'stated in a source', de: 'in einer Quelle genannt' },
  INFERRED: { en: 'inferred', de: 'erschlossen' },
  CURATED: { en: 'curated', de: 'kuratiert' },
  DECISION: { en: 'decision', de: 'Beschluss' },
  ADOPTION: { en: 'adoption', de: 'Verabschiedung' },
  TASK: { en: 'task', de: 'Aufgabe' },
  PRESENTATION: { en: 'presentation', de: 'Präsentation' },
  DISCUSSION: { en: 'discussion', de: 'Diskussion' },
  RECORD: { en: 'record', de: 'Bericht' },
};

/** A relationship type's name, e.g. BASED_IN as "based in" / "mit Sitz in". */
export function relationshipLabel(type: string): string {
  return isRelationshipType(type) ? relationshipKind(type).title[lang()] : humanize(type);
}

/** An enum value (a kind, status or basis) in the page's language. */
export function valueLabel(value: string): string {
  const words = (VALUES as Record<string, Words | undefined>)[value];
  return words ? words[lang()] : humanize(value);
}

/** Values the page has no words for read as "film commission" rather than FILM_COMMISSION. */
function humanize(value: string): string {
  return value.toLowerCase().replace(/_/g, ' ');
}
