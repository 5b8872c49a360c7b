// Labels in English or German, in the page's language (the store's): entity names switch
// between `name` and `nameDe`, statements between `textEn` and `text`, kinds take their titles
// from the model, and the page's own words follow.
import type { Named } from './api';
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
  graphLabel: {
    en: 'Network graph. Click a node to expand it, double-click for details.',
    de: 'Netzwerkgraph. Klick auf einen Knoten erweitert ihn, Doppelklick zeigt Details.',
  },
  hint: {
    en: 'Click: expand · double-click: details · drag: move · wheel/pinch: zoom',
    de: 'Klick: erweitern · Doppelklick: Details · Ziehen: verschieben · Rad/Pinch: Zoom',
  },
  legend: { en: 'Legend', de: 'Legende' },
  nodesInView: { en: 'Nodes in view', de: 'Knoten in der Ansicht' },
  truncated: {
    en: 'Neighbourhood cut short at the node limit.',
    de: 'Nachbarschaft am Knotenlimit abgeschnitten.',
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
    en: 'Double-click a node, pick a search hit, a meeting or a table row to see its details.',
    de: 'Doppelklick auf einen Knoten, einen Suchtreffer, ein Treffen oder eine Tabellenzeile zeigt Details.',
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
} as const;

export type StringKey = keyof typeof STRINGS;

function lang(): Lang {
  return page.get().lang;
}

export function t(key: StringKey): string {
  return STRINGS[key][lang()];
}

export function kindLabel(kind: Kind): string {
  return kindTitle(kind)[lang()];
}

/** The entity's name in the current language: German is the source spelling. */
export function label(entity: Named): string {
  return lang() === 'de' && entity.nameDe ? entity.nameDe : entity.name;
}

/** The statement in the current language. */
export function statementText(s: { text: string; textEn: string }): string {
  return lang() === 'de' ? s.text : s.textEn;
}

/** Enum values such as FILM_COMMISSION read as "film commission". */
export function humanize(value: string): string {
  return value.toLowerCase().replace(/_/g, ' ');
}
