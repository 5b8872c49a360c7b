import neo4j, { ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
import { recordChange } from '../db/changes';
import type { Database } from '../db/database';
import {
  DOCUMENT_IDS,
  isRelationshipType,
  linkIdentity,
  RETRACTED_LABEL,
  RETRACTED_LINK_LABEL,
  STATED_VALUE_PREFIX,
} from '../model';
import { CURATION_DOCUMENT_ID, PLACE_UNPLACED_SOURCES } from './documents';
import { GraphData, GraphNode, GraphRelationship } from './graph-data';
import { isNodeLabel } from './model';

export type WriteOptions = {
  /** Rows per UNWIND. */
  batchSize?: number;
  /**
   * true (default): everything in one write transaction, so a failure leaves the database as it
   * was. false: commit batch by batch, for graphs too large for one transaction.
   */
  singleTransaction?: boolean;
  /**
   * For bulk loads into a new database (the benchmark's): writeGraph first checks that the
   * database holds no node and refuses otherwise, then CREATEs nodes and relationships instead
   * of MERGEing them, which skips MERGE's lookups and locks, and finds a relationship's ends by
   * the element ids their CREATE returned. The data must hold every node id and every
   * relationship (type, ends, key) once. Loading twice is then an error, not a no-op.
   */
  intoEmptyDatabase?: boolean;
  /**
   * Batches committed at the same time when singleTransaction is false (default 1): one
   * transaction keeps one Neo4j core busy. Nodes are all committed before relationships.
   */
  concurrency?: number;
};

/** Counts per kind: a node's label other than Entity, or a relationship's type. */
export type CountsByKind = Record<string, number>;

/** A property whose curated value the document now states otherwise: the curated one stays. */
export interface Conflict {
  id: string;
  property: string;
  curated: unknown;
  stated: unknown;
}

/**
 * The data's size; whether writing it changed the graph (then a Change records it); and what
 * the load added, updated and removed per kind, with the curated values it now contradicts.
 */
export type WriteSummary = {
  nodes: number;
  relationships: number;
  changed: boolean;
  added: CountsByKind;
  updated: CountsByKind;
  removed: CountsByKind;
  conflicts: Conflict[];
};

type GraphWriter = Pick<Database, 'writeTransaction'>;

const LOAD_TIMEOUT_MS = 10 * 60_000;
type Row = Record<string, unknown>;
/** A row of an UNWIND: a map (MERGE) or a list of values (CREATE, see propertyNames). */
type RowValue = Row | unknown[];
type Step = {
  cypher: string;
  /**
   * The batch's rows, made when the step runs: a large load's rows are never all in memory at
   * once, and making them overlaps the database's work on the batches before.
   */
  rows: () => RowValue[];
  kind: string;
  /** A step of relationships: each row must find both its ends. */
  ofRelationships: boolean;
  /** The step returns `added`, `updated` (and for nodes `conflicts`) of its rows. */
  counted: boolean;
  /** Takes what the step returned (a CREATE of nodes: each new node's element id). */
  read?: (records: readonly Neo4jRecord[]) => void;
  describe: string;
};
type Mode = 'merge' | 'create';
/**
 * The element ids of the nodes a CREATE load made, by their id: its relationships find their
 * ends by element id (a direct lookup of the record) instead of a locking seek in the index on
 * id per end. With the properties SET by name (createRelationships), the scale-10,000 bench
 * load into a fresh Neo4j took 387 s instead of 487 s, its Neo4j CPU 357 s instead of 536 s
 * (slow Intel host, 2026-12-01; bench:load's thread CPU).
 */
type Created = Map<string, string>;

/** A name in backticks (a backtick in it doubled, as Cypher escapes it). */
const quote = (name: string): string => `\`${name.replaceAll('`', '``')}\``;

/**
 * The properties that are no document's to set or remove: ids, keys and what curators and the
 * loader itself record about an element (a property a document no longer states is removed,
 * unless it is one of these or curated).
 */
const BOOKKEEPING = [
  'id',
  'key',
  DOCUMENT_IDS,
  'curatedProperties',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
];

/** Adds $document to the element's documentIds where it is not there yet (a no-op writes nothing). */
const stateDocument = (element: string): string =>
  `FOREACH (_ IN CASE WHEN $document IS NULL OR $document IN coalesce(${element}.${DOCUMENT_IDS}, []) ` +
  `THEN [] ELSE [1] END | SET ${element}.${DOCUMENT_IDS} = coalesce(${element}.${DOCUMENT_IDS}, []) + $document)`;

/**
 * Sets each property of row.props that differs on node `n` and removes those it no longer
 * states, except the ones a curator changed (`n.curatedProperties`, kept by
 * src/curation/writes.ts): a reload never overwrites a curated value. It keeps the document's
 * value of a curated property beside it (`stated:<property>`), and tells which of those the
 * document changed (`restated`), so that a changed value that disagrees with the curated one
 * is reported as a conflict. Only what differs is written, so that the write's counters say
 * whether the load changed anything (Neo4j counts a SET of a property to its own value).
 */
export const LOAD_UNCURATED_PROPERTIES = [
  'WITH row, added, n, coalesce(n.curatedProperties, []) AS curated',
  'WITH row, added, n, curated,',
  '  [key IN keys(row.props) WHERE NOT key IN curated AND coalesce(n[key] <> row.props[key], true)] AS changing,',
  '  [key IN keys(n) WHERE NOT key IN keys(row.props) AND NOT key IN curated AND NOT key IN $bookkeeping',
  '    AND NOT key STARTS WITH $statedPrefix] AS stale,',
  '  [key IN curated WHERE coalesce(n[$statedPrefix + key] <> row.props[key],',
  '    n[$statedPrefix + key] IS NOT NULL OR row.props[key] IS NOT NULL)] AS restated',
  'FOREACH (key IN changing | SET n[key] = row.props[key])',
  'FOREACH (key IN stale | SET n[key] = null)',
  'FOREACH (key IN restated | SET n[$statedPrefix + key] = row.props[key])',
  stateDocument('n'),
  'WITH added, n, changing, stale,',
  '  [key IN restated WHERE row.props[key] IS NOT NULL AND row.props[key] <> n[key] |',
  '    {id: n.id, property: key, curated: n[key], stated: row.props[key]}] AS conflicts',
  'RETURN sum(CASE WHEN added THEN 1 ELSE 0 END) AS added,',
  '  sum(CASE WHEN NOT added AND size(changing) + size(stale) > 0 THEN 1 ELSE 0 END) AS updated,',
  '  reduce(found = [], ofRow IN collect(conflicts) | found + ofRow) AS conflicts',
].join('\n');

/**
 * The same for relationship `r`, except that a relationship a curator made or changed
 * (createdBy, updatedBy) keeps its properties as the curator left them.
 */
const LOAD_RELATIONSHIP_PROPERTIES = [
  'WITH row, added, r, r.createdBy IS NOT NULL OR r.updatedBy IS NOT NULL AS curated',
  'WITH row, added, r,',
  '  CASE WHEN curated THEN [] ELSE',
  '    [key IN keys(row.props) WHERE coalesce(r[key] <> row.props[key], true)] END AS changing,',
  '  CASE WHEN curated THEN [] ELSE',
  '    [key IN keys(r) WHERE NOT key IN keys(row.props) AND NOT key IN $bookkeeping] END AS stale',
  'FOREACH (key IN changing | SET r[key] = row.props[key])',
  'FOREACH (key IN stale | SET r[key] = null)',
  stateDocument('r'),
  'RETURN count(r) AS written, sum(CASE WHEN added THEN 1 ELSE 0 END) AS added,',
  '  sum(CASE WHEN NOT added AND size(changing) + size(stale) > 0 THEN 1 ELSE 0 END) AS updated',
].join('\n');

/**
 * What the document no longer states: its id is taken off the relationships and nodes it stated
 * before ($stated: the identities or ids it states now), and those that no other document
 * states and no curator made or changed are deleted (a node with a curator's relationship, or
 * a retracted one, stays). Relationships first, so that each is counted under its type.
 */
const REMOVE_UNSTATED_RELATIONSHIPS = `
MATCH (a)-[r]->(b) WHERE $document IN r.${DOCUMENT_IDS}
  AND NOT (a.id + '|' + type(r) + '|' + b.id + '|' + coalesce(r.key, '')) IN $stated
SET r.${DOCUMENT_IDS} = [d IN r.${DOCUMENT_IDS} WHERE d <> $document]
WITH r, type(r) AS kind
WHERE size(r.${DOCUMENT_IDS}) = 0 AND r.createdBy IS NULL AND r.updatedBy IS NULL
DELETE r
RETURN kind, count(*) AS removed`;

const REMOVE_UNSTATED_NODES = `
MATCH (n) WHERE $document IN n.${DOCUMENT_IDS} AND NOT n.id IN $stated
SET n.${DOCUMENT_IDS} = [d IN n.${DOCUMENT_IDS} WHERE d <> $document]
WITH n, [label IN labels(n) WHERE label <> 'Entity'][0] AS kind
WHERE size(n.${DOCUMENT_IDS}) = 0 AND n.createdBy IS NULL AND n.curatedProperties IS NULL
  AND NOT n:${RETRACTED_LABEL}
  AND NOT EXISTS { (n)-[c]-() WHERE c.createdBy IS NOT NULL OR c.updatedBy IS NOT NULL }
DETACH DELETE n
RETURN kind, count(*) AS removed`;

/** What curators retracted: entities by id, relationships by identity. */
const READ_RETRACTIONS = `
OPTIONAL MATCH (n:${RETRACTED_LABEL}) WITH collect(n.id) AS nodes
OPTIONAL MATCH (l:${RETRACTED_LINK_LABEL})
RETURN nodes, collect(l.id) AS links`;

/** The label a node is MERGEd and MATCHed on: the one its id constraint is on. */
function mergeLabelOf(labels: readonly string[]): string {
  return labels.includes('Entity') ? 'Entity' : (labels[0] as string);
}

function checkedLabels(node: GraphNode): string[] {
  const labels = [...new Set(node.labels)].sort();
  const unknown = labels.find((label) => !isNodeLabel(label));
  if (labels.length === 0 || unknown !== undefined) {
    throw new Error(`node ${node.id}: label "${unknown ?? '(none)'}" is not in the graph model`);
  }
  return labels;
}

function batches<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    result.push(items.slice(start, start + size));
  return result;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    // push, not a copy per item: copying made grouping quadratic (seconds at 66k relationships)
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** A node's kind in a load's summary: its label other than Entity. */
const kindOf = (labels: readonly string[]): string =>
  labels.find((label) => label !== 'Entity') ?? 'Entity';

/** How one group of nodes or relationships is written: its query, its rows, what it returns. */
type GroupWrite<T> = {
  cypher: string;
  rowOf: (item: T) => RowValue;
  read?: (records: readonly Neo4jRecord[]) => void;
};

/**
 * A CREATE's rows are lists, not maps: the values of the group's properties in one order, each
 * SET by name (`n.\`name\` = row[1]`). A map per row sends each key with every row: lists took
 * our client's CPU for a warm load of scale 1000 from 17–19 s to 14–15 s (slow Intel host).
 */
function propertyNames<T>(items: T[], propsOf: (item: T) => Row): string[] {
  const names = new Set<string>();
  for (const item of items) for (const name in propsOf(item)) names.add(name);
  return [...names];
}

/** `e.\`name\` = row[i]` for each name, its value at `offset + i` of the row. */
const setFromRow = (element: string, names: string[], offset: number): string[] =>
  names.map((name, i) => `${element}.${quote(name)} = row[${offset + i}]`);

/** What a CREATE load SETs of the document on each node and relationship. */
type Stamp = (element: string) => string[];

/**
 * CREATE into an empty database. It returns each node's element id, which its relationships
 * are then found by (Created).
 */
function createNodes(
  labels: string[],
  group: GraphNode[],
  stamp: Stamp,
  created: Created,
): GroupWrite<GraphNode> {
  const names = propertyNames(group, (node) => node.props).filter((name) => name !== 'id');
  return {
    cypher: [
      'UNWIND $rows AS row',
      `CREATE (n:${labels.map(quote).join(':')})`,
      `SET ${['n.id = row[0]', ...setFromRow('n', names, 1), ...stamp('n')].join(', ')}`,
      'RETURN row[0] AS id, elementId(n) AS element',
    ].join('\n'),
    rowOf: (node) => [node.id, ...names.map((name) => node.props[name] ?? null)],
    read: (records) => {
      for (const record of records) created.set(record.get('id'), record.get('element'));
    },
  };
}

/** MERGE by id on the label its constraint is on, setting only what differs (see above). */
function mergeNodes(labels: string[]): GroupWrite<GraphNode> {
  const mergeLabel = mergeLabelOf(labels);
  const extraLabels = labels.filter((label) => label !== mergeLabel);
  return {
    cypher: [
      'UNWIND $rows AS row',
      `OPTIONAL MATCH (old:${quote(mergeLabel)} {id: row.id})`,
      'WITH row, old IS NULL AS added',
      `MERGE (n:${quote(mergeLabel)} {id: row.id})`,
      ...(extraLabels.length > 0 ? [`SET n:${extraLabels.map(quote).join(':')}`] : []),
      LOAD_UNCURATED_PROPERTIES,
    ].join('\n'),
    rowOf: (node) => ({ id: node.id, props: node.props }),
  };
}

function nodeSteps(
  nodes: GraphNode[],
  batchSize: number,
  mode: Mode,
  stamp: Stamp,
  created: Created,
): Step[] {
  const groups = groupBy(nodes, (node) => checkedLabels(node).join(':'));
  return [...groups].flatMap(([key, group]) => {
    const labels = key.split(':');
    const { cypher, rowOf, read } =
      mode === 'create' ? createNodes(labels, group, stamp, created) : mergeNodes(labels);
    return batches(group, batchSize).map((batch) => ({
      cypher,
      rows: () => batch.map(rowOf),
      kind: kindOf(labels),
      ofRelationships: false,
      counted: mode === 'merge',
      read,
      describe: `${batch.length} :${key} nodes`,
    }));
  });
}

/**
 * CREATE into an empty database: the ends are found by the element ids their CREATE returned
 * (Created), and each property is SET by name (`SET r = map` would make Neo4j read all rows
 * before writing any: an Eager step). The key goes in as a property, where the MERGEs of later
 * loads find it.
 */
function createRelationships(
  type: string,
  group: GraphRelationship[],
  keyed: boolean,
  stamp: Stamp,
  created: Created,
): GroupWrite<GraphRelationship> {
  // a relationship's key goes last (an unkeyed group may have a property named key)
  const names = propertyNames(group, (rel) => rel.props).filter((name) => !keyed || name !== 'key');
  const set = [...setFromRow('r', keyed ? [...names, 'key'] : names, 2), ...stamp('r')];
  return {
    cypher: [
      'UNWIND $rows AS row',
      'MATCH (a) WHERE elementId(a) = row[0]',
      'MATCH (b) WHERE elementId(b) = row[1]',
      `CREATE (a)-[r:${quote(type)}]->(b)`,
      ...(set.length > 0 ? [`SET ${set.join(', ')}`] : []),
      'RETURN count(r) AS written',
    ].join('\n'),
    rowOf: (rel) => [
      created.get(rel.from) ?? null,
      created.get(rel.to) ?? null,
      ...names.map((name) => rel.props[name] ?? null),
      ...(keyed ? [rel.key ?? null] : []),
    ],
  };
}

/** MERGE by the ends' ids (and the key), setting only what differs (see above). */
function mergeRelationships(
  type: string,
  fromLabel: string,
  toLabel: string,
  keyed: boolean,
): GroupWrite<GraphRelationship> {
  const pattern = (name: string) =>
    `(a)-[${name}:${quote(type)}${keyed ? ' {key: row.key}' : ''}]->(b)`;
  return {
    cypher: [
      'UNWIND $rows AS row',
      `MATCH (a:${quote(fromLabel)} {id: row.from})`,
      `MATCH (b:${quote(toLabel)} {id: row.to})`,
      `OPTIONAL MATCH ${pattern('old')}`,
      'WITH row, a, b, old IS NULL AS added',
      `MERGE ${pattern('r')}`,
      LOAD_RELATIONSHIP_PROPERTIES,
    ].join('\n'),
    rowOf: (rel) => ({
      from: rel.from,
      to: rel.to,
      key: rel.key ?? null,
      props: rel.props,
    }),
  };
}

function relationshipSteps(
  data: GraphData,
  batchSize: number,
  mode: Mode,
  stamp: Stamp,
  created: Created,
): Step[] {
  const mergeLabels = new Map(
    data.nodes.map((node) => [node.id, mergeLabelOf(checkedLabels(node))]),
  );
  const endpointLabel = (rel: GraphRelationship, id: string): string => {
    const label = mergeLabels.get(id);
    if (!label)
      throw new Error(`(${rel.from})-[:${rel.type}]->(${rel.to}): node ${id} is not in the graph`);
    return label;
  };
  const keyOf = (rel: GraphRelationship): string => {
    if (!isRelationshipType(rel.type))
      throw new Error(`relationship type "${rel.type}" is not in the graph model`);
    const keyed = rel.key === undefined ? 'unkeyed' : 'keyed';
    return [rel.type, endpointLabel(rel, rel.from), endpointLabel(rel, rel.to), keyed].join(' ');
  };
  return [...groupBy(data.relationships, keyOf)].flatMap(([key, group]) => {
    const [type = '', fromLabel = '', toLabel = '', keyed] = key.split(' ');
    const { cypher, rowOf } =
      mode === 'create'
        ? createRelationships(type, group, keyed === 'keyed', stamp, created)
        : mergeRelationships(type, fromLabel, toLabel, keyed === 'keyed');
    return batches(group, batchSize).map((batch) => ({
      cypher,
      rows: () => batch.map(rowOf),
      kind: type,
      ofRelationships: true,
      counted: mode === 'merge',
      describe: `${batch.length} :${type} relationships (${fromLabel} → ${toLabel})`,
    }));
  });
}

/** The nodes and relationships of the data that no curator retracted. */
function withoutRetracted(data: GraphData, retracted: Retractions): GraphData {
  if (retracted.nodes.size === 0 && retracted.links.size === 0) return data;
  return {
    ...data,
    nodes: data.nodes.filter((node) => !retracted.nodes.has(node.id)),
    relationships: data.relationships.filter(
      (rel) =>
        !retracted.nodes.has(rel.from) &&
        !retracted.nodes.has(rel.to) &&
        !retracted.links.has(linkIdentity(rel.from, rel.type, rel.to, rel.key)),
    ),
  };
}

type Retractions = { nodes: Set<string>; links: Set<string> };

async function readRetractions(tx: ManagedTransaction): Promise<Retractions> {
  const [record] = (await tx.run(READ_RETRACTIONS)).records;
  return {
    nodes: new Set((record?.get('nodes') as string[] | undefined) ?? []),
    links: new Set((record?.get('links') as string[] | undefined) ?? []),
  };
}

/**
 * CREATE makes a second node or relationship where MERGE would have found the first. The
 * relationships are told apart by type and start, then by end and key, without a string of all
 * four per relationship: that took 18 s of the scale-10,000 load, before its first write.
 */
function checkUnique(data: GraphData): void {
  const ids = new Set<string>();
  for (const node of data.nodes) {
    if (ids.has(node.id)) throw new Error(`node ${node.id} is in the data twice`);
    ids.add(node.id);
  }
  // type → start → the end (and key) of its first relationship, or all of them once there are two
  const ends = new Map<string, Map<string, string | Set<string>>>();
  for (const rel of data.relationships) {
    let byStart = ends.get(rel.type);
    if (!byStart) ends.set(rel.type, (byStart = new Map()));
    const end = rel.key === undefined ? rel.to : `${rel.to}\n${rel.key}`;
    const seen = byStart.get(rel.from);
    if (seen === end || (seen instanceof Set && seen.has(end))) {
      const identity = `(${rel.from})-[:${rel.type} ${rel.key ?? ''}]->(${rel.to})`;
      throw new Error(`relationship ${identity} is in the data twice`);
    }
    if (seen === undefined) byStart.set(rel.from, end);
    else if (typeof seen === 'string') byStart.set(rel.from, new Set([seen, end]));
    else seen.add(end);
  }
}

async function checkEmpty(tx: ManagedTransaction): Promise<void> {
  const result = await tx.run('RETURN EXISTS { MATCH (n) } AS found');
  if (result.records[0]?.get('found') !== false) {
    throw new Error('intoEmptyDatabase: the database is not empty');
  }
}

/** Runs the tasks with at most `limit` at a time; after a failure starts no new one. */
async function runAll(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < tasks.length) {
      const task = tasks[next++] as () => Promise<void>;
      await task().catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  // Let every started transaction end before reporting the first failure.
  const results = await Promise.allSettled(Array.from({ length: limit }, worker));
  const rejected = results.find((result) => result.status === 'rejected');
  if (rejected) throw rejected.reason;
}

const toNumber = (value: unknown): number =>
  neo4j.isInt(value) ? value.toNumber() : Number(value);

/** What a load did, added up over its steps. */
class LoadTally {
  changed = false;
  readonly added: CountsByKind = {};
  readonly updated: CountsByKind = {};
  readonly removed: CountsByKind = {};
  readonly conflicts: Conflict[] = [];

  static count(counts: CountsByKind, kind: string, n: number): void {
    if (n > 0) counts[kind] = (counts[kind] ?? 0) + n;
  }

  /** This tally with another's counts added (a committed transaction's). */
  plus(other: LoadTally): LoadTally {
    const sum = new LoadTally();
    sum.changed = this.changed || other.changed;
    for (const tally of [this, other]) {
      for (const key of ['added', 'updated', 'removed'] as const) {
        for (const [kind, n] of Object.entries(tally[key])) LoadTally.count(sum[key], kind, n);
      }
      sum.conflicts.push(...tally.conflicts);
    }
    return sum;
  }
}

/** Runs the step and adds up what it did in `tally`. */
async function runStep(
  tx: ManagedTransaction,
  step: Step,
  tally: LoadTally,
  params: Record<string, unknown>,
): Promise<void> {
  const rows = step.rows();
  const result = await tx.run(step.cypher, { ...params, rows });
  const [record] = result.records;
  step.read?.(result.records);
  if (step.ofRelationships) {
    const count = toNumber(record?.get('written'));
    if (count !== rows.length) {
      throw new Error(`wrote ${count} of ${step.describe}: an end node is missing in the database`);
    }
  }
  if (!step.counted) {
    // CREATE adds every row
    LoadTally.count(tally.added, step.kind, rows.length);
  } else if (record) {
    LoadTally.count(tally.added, step.kind, toNumber(record.get('added')));
    LoadTally.count(tally.updated, step.kind, toNumber(record.get('updated')));
    if (!step.ofRelationships) tally.conflicts.push(...(record.get('conflicts') as Conflict[]));
  }
  if (result.summary.counters.containsUpdates()) tally.changed = true;
}

/** Removes what the document stated before and states no more (see REMOVE_UNSTATED_*). */
async function removeUnstated(
  tx: ManagedTransaction,
  data: GraphData,
  document: string,
  tally: LoadTally,
): Promise<void> {
  const steps = [
    {
      cypher: REMOVE_UNSTATED_RELATIONSHIPS,
      stated: data.relationships.map((rel) => linkIdentity(rel.from, rel.type, rel.to, rel.key)),
    },
    { cypher: REMOVE_UNSTATED_NODES, stated: data.nodes.map((node) => node.id) },
  ];
  for (const { cypher, stated } of steps) {
    const result = await tx.run(cypher, { document, stated });
    for (const record of result.records) {
      LoadTally.count(tally.removed, record.get('kind') as string, toNumber(record.get('removed')));
    }
    if (result.summary.counters.containsUpdates()) tally.changed = true;
  }
}

/** "2 Institution, 1 LEADS", or "nothing". */
const listCounts = (counts: CountsByKind): string =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ') || 'nothing';

/**
 * A load's summary in one line: "added 1 Institution; updated 2 Country; removed 1 LEADS;
 * conflicts: meeting/x name (curated "A", document "B")".
 */
export function describeLoad(
  summary: Pick<WriteSummary, 'added' | 'updated' | 'removed' | 'conflicts'>,
): string {
  const conflicts = summary.conflicts.map(
    (c) =>
      `${c.id} ${c.property} (curated ${JSON.stringify(c.curated)}, document ${JSON.stringify(c.stated)})`,
  );
  return [
    `added ${listCounts(summary.added)}`,
    `updated ${listCounts(summary.updated)}`,
    `removed ${listCounts(summary.removed)}`,
    `conflicts: ${conflicts.length > 0 ? conflicts.join(', ') : 'none'}`,
  ].join('; ');
}

/**
 * After a document's graph is written: removes what it no longer states, places the Sources
 * no load placed (curators' entries), and records the load in history if it changed the graph.
 */
async function finishLoad(
  tx: ManagedTransaction,
  data: GraphData & { document: NonNullable<GraphData['document']> },
  written: LoadTally,
): Promise<LoadTally> {
  const own = new LoadTally();
  await removeUnstated(tx, data, data.document.id, own);
  const placed = await tx.run(PLACE_UNPLACED_SOURCES, { curationId: CURATION_DOCUMENT_ID });
  if (placed.summary.counters.containsUpdates()) own.changed = true;
  const tally = written.plus(own);
  if (!tally.changed) return tally;
  const { id, title } = data.document;
  await recordChange(tx, {
    at: new Date().toISOString(),
    by: 'load',
    operation: 'load',
    entityId: id,
    summary: `loaded ${title}: ${describeLoad(tally)}`,
  });
  return tally;
}

/**
 * Writes the graph with batched UNWIND … MERGE by id, grouped by label set and relationship
 * type. Idempotent: loading the same data twice changes nothing (unless intoEmptyDatabase).
 *
 * Data read from a document (`data.document`) is a load of it: every node and relationship it
 * writes lists the document in its documentIds; what no curator retracted is written (a
 * retracted entity or relationship is not written again); what the document stated before and
 * states no more loses the document, and is removed if nothing else states it; and a load that
 * changes the graph records a Change (by 'load') with its summary, in its transaction or in a
 * last one when batches commit apart.
 */
export async function writeGraph(
  db: GraphWriter,
  data: GraphData,
  options: WriteOptions = {},
): Promise<WriteSummary> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`invalid batchSize ${batchSize}`);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`invalid concurrency ${concurrency}`);
  const mode: Mode = options.intoEmptyDatabase ? 'create' : 'merge';
  const { document } = data;
  const documentId = document?.id ?? null;
  // Build every query before touching the database: a bad label or dangling end fails early.
  if (mode === 'create') checkUnique(data);
  const stamp: Stamp = (element) =>
    documentId === null ? [] : [`${element}.${DOCUMENT_IDS} = [$document]`];
  const created: Created = new Map();
  const plan = (graph: GraphData) => [
    ...nodeSteps(graph.nodes, batchSize, mode, stamp, created),
    ...relationshipSteps(graph, batchSize, mode, stamp, created),
  ];
  const planned = plan(data);
  // The steps leave out what curators retracted (an empty database has no retractions).
  const stepsFor = async (tx: ManagedTransaction) => {
    if (mode === 'create') return planned;
    const retracted = await readRetractions(tx);
    return retracted.nodes.size + retracted.links.size === 0
      ? planned
      : plan(withoutRetracted(data, retracted));
  };
  const params = {
    document: documentId,
    bookkeeping: BOOKKEEPING,
    statedPrefix: STATED_VALUE_PREFIX,
  };

  // A bulk load may take longer than the API's short transaction timeout allows.
  const timeout = { timeoutMs: LOAD_TIMEOUT_MS };
  let tally = new LoadTally();
  if (options.singleTransaction ?? true) {
    tally = await db.writeTransaction(async (tx) => {
      const written = new LoadTally(); // the transaction may be retried: count afresh
      if (mode === 'create') await checkEmpty(tx);
      for (const step of await stepsFor(tx)) await runStep(tx, step, written, params);
      return document ? finishLoad(tx, { ...data, document }, written) : written;
    }, timeout);
  } else {
    if (mode === 'create') await db.writeTransaction(checkEmpty, timeout);
    const steps = mode === 'create' ? planned : await db.writeTransaction(stepsFor, timeout);
    // Each batch's counts are added once its transaction has committed.
    const commit = (step: Step) => async () => {
      const written = await db.writeTransaction(async (tx) => {
        const own = new LoadTally();
        await runStep(tx, step, own, params);
        return own;
      }, timeout);
      tally = tally.plus(written);
    };
    // Relationships need both ends committed.
    await runAll(steps.filter((step) => !step.ofRelationships).map(commit), concurrency);
    await runAll(steps.filter((step) => step.ofRelationships).map(commit), concurrency);
    if (document) {
      const written = tally;
      tally = await db.writeTransaction(
        (tx) => finishLoad(tx, { ...data, document }, written),
        timeout,
      );
    }
  }
  const { changed, added, updated, removed, conflicts } = tally;
  return {
    nodes: data.nodes.length,
    relationships: data.relationships.length,
    changed,
    added,
    updated,
    removed,
    conflicts,
  };
}
