// A synthetic Creative-Cities-like network at a scale factor: the report's shape (countries,
// cities, institutions, meetings with topics and outcomes, actions in fields, sources for
// everything), repeated once per "project network" (scale 1 ≈ the report's size), with
// Zipf-skewed leads, contributions and participations, and a few ties across networks.
// Deterministic: the same scale and seed give the same graph. It comes as a stream of chunks
// (generateChunks), so that scale 10,000 need not be in memory at once; bench/run.ts writes
// them as import CSV for neo4j-admin's bulk import and loads the whole graph through the
// project's own loader (writeGraph, in batches), and times both. Labels, id prefixes and
// relationship types are the model's (src/model); test/unit/model.test.ts checks that every
// relationship joins the labels the model says it joins.
import type { GraphData, GraphNode, GraphRelationship } from '../src/ingest/graph-data';
import { ACTION_KINDS, INSTITUTION_KINDS } from '../src/ingest/model';
import { entityKind, type EntityLabel, type RelationshipTypeName } from '../src/model';

/** Per network (scale unit), about the report's numbers. */
const PER_NETWORK = {
  cities: 5,
  institutions: 25,
  meetings: 8,
  actions: 25,
  topicsPerMeeting: 3,
  outcomesPerMeeting: 8,
  participantsPerMeeting: 6,
  actionsPerMeeting: 5,
  contributionsPerAction: 2,
  mentionsPerStatement: 2,
};

/** Ids of typical entities of the generated graph: the benchmarks' parameters. */
export interface SampleIds {
  city: string;
  otherCity: string;
  institution: string;
  meeting: string;
  action: string;
  /** A word of one city's name: a selective full-text search. */
  searchText: string;
  /**
   * City pairs spread over the networks, from the first and last (city and otherCity) to two
   * neighbouring ones: the growth of connection is measured over them, as one pair's path search
   * costs what the order of Neo4j's search makes of it (see bench/README.md).
   */
  cityPairs: Array<{ fromId: string; toId: string }>;
}

export interface GeneratedGraph extends GraphData {
  scale: number;
  sample: SampleIds;
}

/** The id of a generated entity: the kind's prefix, then `bench-` and the numbers that tell it apart. */
const benchId = (label: EntityLabel, ...numbers: number[]) =>
  `${entityKind(label).idPrefix}bench-${numbers.join('-')}`;

/** mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['lei', 'gda', 'pec', 'lju', 'gen', 'bra', 'vor', 'kel', 'mar', 'tin', 'osa'];
const SYLLABLES_2 = ['pzig', 'nsk', 'sana', 'bljo', 'ova', 'dorf', 'grad', 'ino', 'burg', 'ice'];
const INSTITUTION_WORDS = ['Office', 'University', 'Foundation', 'Institute', 'Cluster', 'Agency'];
const INSTITUTION_WORDS_DE = ['Amt', 'Universität', 'Stiftung', 'Institut', 'Cluster', 'Agentur'];
const TOPICS = [
  ['Kreativwirtschaft', 'creative industries'],
  ['Aktionsplan', 'action plan'],
  ['Netzwerk', 'network'],
  ['Ausstellung', 'exhibition'],
  ['Studie', 'study'],
  ['Förderung', 'funding'],
  ['Stadtentwicklung', 'urban development'],
  ['Bildung und Beschäftigung', 'education and employment'],
  ['Marketing', 'marketing'],
  ['Kontaktstelle', 'contact point'],
] as const;
const FIELDS = [
  ['Networks', 'Netzwerke'],
  ['Education and Employment', 'Bildung und Beschäftigung'],
  ['Marketing', 'Marketing'],
  ['Urban Development', 'Stadtentwicklung'],
] as const;

/** Zipf-like pick of an index in [0, n): index 0 most often (weight 1/(rank+1)). */
function zipf(rand: () => number, n: number): number {
  // Inverse of the continuous approximation of the harmonic CDF.
  const x = Math.exp(rand() * Math.log(n + 1)) - 1;
  return Math.min(n - 1, Math.floor(x));
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

/** A made-up place name, unique through the network and city number. */
function placeName(network: number, index: number): string {
  const a = SYLLABLES[(network * 7 + index) % SYLLABLES.length] as string;
  const b = SYLLABLES_2[(network * 3 + index * 5) % SYLLABLES_2.length] as string;
  return `${a[0]?.toUpperCase()}${a.slice(1)}${b}${toLetters(network * PER_NETWORK.cities + index)}`;
}

/** 0 → 'a', 25 → 'z', 26 → 'ba' …: keeps names one word, so full text matches them whole. */
function toLetters(n: number): string {
  let text = '';
  let rest = n;
  do {
    text = String.fromCharCode(97 + (rest % 26)) + text;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return text;
}

/** The ids the benchmarks ask for at a scale (they exist in the graph of that scale). */
export function sampleIds(scale: number): SampleIds {
  return {
    city: benchId('City', 0, 0),
    otherCity: benchId('City', scale - 1, 3),
    institution: benchId('Institution', 0, 1),
    meeting: benchId('Meeting', 0, 1),
    action: benchId('Action', 0, 0),
    searchText: placeName(0, 2),
    cityPairs: Array.from({ length: 8 }, (_, k) => {
      const network = Math.floor((k * scale) / 8);
      return {
        fromId: benchId('City', network, k % PER_NETWORK.cities),
        toId: benchId('City', scale - 1 - network, (k + 3) % PER_NETWORK.cities),
      };
    }),
  };
}

/** The whole graph of a scale in memory: for small scales (tests, scales up to 1000). */
export function generateGraph(scale: number, seed = 1): GeneratedGraph {
  const nodes: GraphNode[] = [];
  const relationships: GraphRelationship[] = [];
  for (const chunk of generateChunks(scale, { seed })) {
    for (const node of chunk.nodes) nodes.push(node);
    for (const rel of chunk.relationships) relationships.push(rel);
  }
  return { scale, nodes, relationships, sample: sampleIds(scale) };
}

/**
 * The graph of a scale as a stream of chunks of `networksPerChunk` networks each (the first
 * also holds the countries and fields), so that scale 10,000 (≈ 3 M nodes, 6.6 M
 * relationships) never has to be in memory at once. Together the chunks are exactly
 * generateGraph's graph; a chunk's relationships may end at nodes of earlier chunks.
 */
export function* generateChunks(
  scale: number,
  { seed = 1, networksPerChunk = 200 }: { seed?: number; networksPerChunk?: number } = {},
): Generator<GraphData> {
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`invalid scale ${scale}`);
  const rand = random(seed);
  let nodes: GraphNode[] = [];
  let relationships: GraphRelationship[] = [];
  const document = 'Synthetic partner meetings (benchmark)';
  const relate = (
    type: RelationshipTypeName,
    from: string,
    to: string,
    props: Record<string, unknown> = {},
  ) => relationships.push({ type, from, to, props });

  // Every source is in the one synthetic document, as every real one is in its document
  // (Source.origin is non-null): the explorer's neighbourhoods read it for the edge cards.
  const documentId = 'document/bench-synthetic';
  nodes.push({
    labels: ['Document'],
    id: documentId,
    props: { title: document, kind: 'REPORT', language: 'de' },
  });
  let sourceCount = 0;
  const addSource = (section: string, quote: string, statementId?: string): string => {
    const id = `source/bench-${sourceCount++}`;
    nodes.push({
      labels: ['Source'],
      id,
      props: { document, section, quote, ...(statementId ? { statementId } : {}) },
    });
    relate('IN_DOCUMENT', id, documentId);
    return id;
  };
  const addEntity = (label: EntityLabel, id: string, props: Record<string, unknown>): string => {
    nodes.push({ labels: ['Entity', label], id, props });
    const sourceId = addSource(`Entities > ${label}`, String(props.nameDe ?? props.name));
    relate('STATED_IN', id, sourceId);
    return sourceId;
  };
  const fact = (
    type: RelationshipTypeName,
    from: string,
    to: string,
    sourceId: string,
    props: Record<string, unknown> = {},
  ) => relate(type, from, to, { ...props, sourceIds: [sourceId] });
  /** The chunk so far, its relationships deduplicated; starts the next one. */
  const flush = (): GraphData => {
    const chunk = { nodes, relationships: dedupe(relationships) };
    nodes = [];
    relationships = [];
    return chunk;
  };

  // Countries and fields grow slowly: there are only so many countries and topics.
  const countryCount = Math.min(45, 5 * Math.ceil(Math.sqrt(scale)));
  const countries = Array.from({ length: countryCount }, (_, i) => benchId('Country', i));
  countries.forEach((id, i) =>
    addEntity('Country', id, { name: `Country ${toLetters(i)}`, nameDe: `Land ${toLetters(i)}` }),
  );
  const fieldCount = FIELDS.length * Math.ceil(Math.sqrt(scale));
  const fields = Array.from({ length: fieldCount }, (_, i) => benchId('FieldOfAction', i));
  fields.forEach((id, i) => {
    const [name, nameDe] = FIELDS[i % FIELDS.length] as readonly [string, string];
    const suffix = i < FIELDS.length ? '' : ` ${Math.floor(i / FIELDS.length)}`;
    addEntity('FieldOfAction', id, { name: name + suffix, nameDe: nameDe + suffix });
  });

  let previousMeeting: string | undefined;
  let meetingOrder = 0;
  for (let network = 0; network < scale; network++) {
    const n = (label: EntityLabel, i: number) => benchId(label, network, i);
    const cities = Array.from({ length: PER_NETWORK.cities }, (_, i) => n('City', i));
    const institutions = Array.from({ length: PER_NETWORK.institutions }, (_, i) =>
      n('Institution', i),
    );
    const meetings = Array.from({ length: PER_NETWORK.meetings }, (_, i) => n('Meeting', i));
    const actions = Array.from({ length: PER_NETWORK.actions }, (_, i) => n('Action', i));
    const actors = [...cities, ...institutions];
    // A few ties across networks: a partner from the previous network now and then.
    const anyActor = (): string =>
      network > 0 && rand() < 0.05
        ? benchId('Institution', network - 1, zipf(rand, PER_NETWORK.institutions))
        : (actors[zipf(rand, actors.length)] as string);

    cities.forEach((id, i) => {
      const name = placeName(network, i);
      const sourceId = addEntity('City', id, { name, nameDe: name });
      fact('IN_COUNTRY', id, countries[(network + i) % countries.length] as string, sourceId);
      fact('MEMBER_OF', id, institutions[0] as string, sourceId, { role: 'partner city' });
    });
    institutions.forEach((id, i) => {
      const word = i % INSTITUTION_WORDS.length;
      const city = cities[i % cities.length] as string;
      const place = placeName(network, i % cities.length);
      const sourceId = addEntity('Institution', id, {
        name: `${INSTITUTION_WORDS[word]} ${i} of ${place}`,
        nameDe: `${INSTITUTION_WORDS_DE[word]} ${i} ${place}`,
        kind: i === 0 ? 'PROJECT' : pick(rand, INSTITUTION_KINDS),
      });
      if (i > 0) fact('BASED_IN', id, city, sourceId);
      if (i > 0 && i % 3 === 0) fact('MEMBER_OF', id, institutions[0] as string, sourceId);
    });
    actions.forEach((id, i) => {
      const [de, en] = pick(rand, TOPICS);
      const sourceId = addEntity('Action', id, {
        name: `${en} ${network}-${i}`,
        nameDe: `${de} ${network}-${i}`,
        kind: pick(rand, ACTION_KINDS),
        description: `Joint ${en} of network ${network}.`,
        descriptionDe: `Gemeinsame ${de} des Netzwerks ${network}.`,
        start: String(2010 + (i % 3)),
        ...(i % 4 === 0 ? { end: String(2012 + (i % 2)) } : {}),
      });
      fact('IN_FIELD', id, fields[zipf(rand, fields.length)] as string, sourceId);
      if (i >= 15) fact('PART_OF', id, actions[i % 15] as string, sourceId);
      // Leads and contributions are skewed: a few actors do most of the work.
      fact('LEADS', actors[zipf(rand, actors.length)] as string, id, sourceId);
      const contributors = new Set<string>();
      for (let c = 0; c < PER_NETWORK.contributionsPerAction; c++) contributors.add(anyActor());
      for (const actor of contributors) {
        fact('CONTRIBUTES_TO', actor, id, sourceId, { role: `${en} work`, roleDe: `${de}` });
      }
    });
    meetings.forEach((id, i) => {
      const hostIndex = i % cities.length;
      const host = cities[hostIndex] as string;
      const year = 2010 + Math.floor(i / 3);
      const name = `Partner meeting ${placeName(network, hostIndex)} ${year}`;
      const sourceId = addEntity('Meeting', id, {
        name,
        nameDe: `Partnertreffen ${placeName(network, hostIndex)} ${year}`,
        kind: i === 0 ? 'KICK_OFF_EVENT' : 'PARTNER_MEETING',
        status: 'HELD',
        year,
        date: `${year}-${String((i % 12) + 1).padStart(2, '0')}`,
        order: ++meetingOrder,
      });
      fact('HELD_IN', id, host, sourceId);
      if (i % 4 === 0) fact('AT_VENUE', id, institutions[1 + hostIndex] as string, sourceId);
      if (previousMeeting) relate('NEXT', previousMeeting, id);
      previousMeeting = id;
      const participants = new Set<string>([host]);
      while (participants.size < PER_NETWORK.participantsPerMeeting) participants.add(anyActor());
      for (const actor of participants) {
        fact('TOOK_PART_IN', actor, id, sourceId, { role: actor === host ? 'host' : 'partner' });
      }
      const addressed = new Set<string>();
      for (let a = 0; a < PER_NETWORK.actionsPerMeeting; a++) {
        addressed.add(actions[zipf(rand, actions.length)] as string);
      }
      for (const action of addressed) fact('ADDRESSED', id, action, sourceId);

      const parts = [
        ['topic', 'HAS_TOPIC', 'Thema', PER_NETWORK.topicsPerMeeting],
        ['outcome', 'HAS_OUTCOME', 'Ergebnis/Ableitung', PER_NETWORK.outcomesPerMeeting],
      ] as const;
      for (const [part, type, heading, count] of parts) {
        for (let s = 1; s <= count; s++) {
          const statementId = `statement/bench-${network}-${i}/${part}/${s}`;
          const [de, en] = pick(rand, TOPICS);
          const section = `${name} > ${heading} > ${s}`;
          const text = `${de}: Abstimmung der Partner im Netzwerk ${network}, Punkt ${s}`;
          nodes.push({
            labels: ['Statement'],
            id: statementId,
            props: {
              text,
              textEn: `${en}: partners agree in network ${network}, item ${s}`,
              section,
              part,
              order: s,
            },
          });
          relate(type, id, statementId, { order: s });
          const quoteId = addSource(section, text, statementId);
          relate('STATED_IN', statementId, quoteId);
          for (let m = 0; m < PER_NETWORK.mentionsPerStatement; m++) {
            const mentioned =
              rand() < 0.5 ? anyActor() : (actions[zipf(rand, actions.length)] as string);
            relate('MENTIONS', statementId, mentioned);
          }
        }
      }
    });
    if ((network + 1) % networksPerChunk === 0 && network + 1 < scale) yield flush();
  }
  yield flush();
}

/**
 * One relationship per (type, from, to, key): the loader MERGEs them anyway. Per chunk is
 * enough: every relationship has an end among the nodes of its network.
 */
function dedupe(relationships: GraphRelationship[]): GraphRelationship[] {
  const seen = new Set<string>();
  return relationships.filter((rel) => {
    const key = `${rel.type} ${rel.from} ${rel.to} ${rel.key ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
