import { randomUUID } from 'node:crypto';
import neo4j, { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../db/database';
import { isRelationshipType } from '../model';
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
   * of MERGEing them, which skips MERGE's lookups and locks. The data must hold every node id
   * and every relationship (type, ends, key) once. Loading twice is then an error, not a no-op.
   */
  intoEmptyDatabase?: boolean;
  /**
   * Batches committed at the same time when singleTransaction is false (default 1): one
   * transaction keeps one Neo4j core busy. Nodes are all committed before relationships.
   */
  concurrency?: number;
};

/** The data's size, and whether writing it changed the graph (then a Change records it). */
export type WriteSummary = { nodes: number; relationships: number; changed: boolean };

type GraphWriter = Pick<Database, 'writeTransaction'>;

const LOAD_TIMEOUT_MS = 10 * 60_000;
type Row = Record<string, unknown>;
type Step = { cypher: string; rows: Row[]; expectWritten: boolean; describe: string };
type Mode = 'merge' | 'create';

const quote = (name: string): string => `\`${name}\``;

/**
 * Cypher for "some of row.props differs from what `element` holds". MERGE then SETs only
 * where this is true, so the write's counters say whether the load changed anything (Neo4j
 * counts a SET of a property to its own value as a property set; a label the node has, it does
 * not count as added).
 */
const differs = (element: string): string =>
  `any(key IN keys(row.props) WHERE coalesce(${element}[key] <> row.props[key], true))`;
const when = (condition: string, update: string): string =>
  `FOREACH (_ IN CASE WHEN ${condition} THEN [1] ELSE [] END | ${update})`;

/**
 * Sets each property of row.props that differs on node `n`, except those a curator changed
 * (`n.curatedProperties`, kept by src/curation/writes.ts): a reload never overwrites them.
 */
export const LOAD_UNCURATED_PROPERTIES =
  'FOREACH (key IN [key IN keys(row.props) WHERE NOT key IN coalesce(n.curatedProperties, []) ' +
  'AND coalesce(n[key] <> row.props[key], true)] | SET n[key] = row.props[key])';

/** Integral numbers go in as Neo4j INTEGER (JS numbers would be stored as FLOAT). */
function toNeo4jValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toNeo4jValue);
  return value;
}

function toNeo4jProps(props: Record<string, unknown>): Row {
  return Object.fromEntries(
    Object.entries(props).map(([key, value]) => [key, toNeo4jValue(value)]),
  );
}

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

function nodeSteps(nodes: GraphNode[], batchSize: number, mode: Mode): Step[] {
  const groups = groupBy(nodes, (node) => checkedLabels(node).join(':'));
  return [...groups].flatMap(([key, group]) => {
    const labels = key.split(':');
    const mergeLabel = mergeLabelOf(labels);
    const extraLabels = labels.filter((label) => label !== mergeLabel);
    const cypher =
      mode === 'create'
        ? // The id goes in with the properties: one SET of a whole map, no Eager step.
          ['UNWIND $rows AS row', `CREATE (n:${labels.map(quote).join(':')})`, 'SET n = row']
        : [
            'UNWIND $rows AS row',
            `MERGE (n:${quote(mergeLabel)} {id: row.id})`,
            ...(extraLabels.length > 0 ? [`SET n:${extraLabels.map(quote).join(':')}`] : []),
            // Only the differing properties, and none a curator has changed (curatedProperties):
            // a reload never overwrites a curated value.
            LOAD_UNCURATED_PROPERTIES,
          ];
    const rowOf =
      mode === 'create'
        ? (node: GraphNode) => ({ ...toNeo4jProps(node.props), id: node.id })
        : (node: GraphNode) => ({ id: node.id, props: toNeo4jProps(node.props) });
    return batches(group, batchSize).map((batch) => ({
      cypher: cypher.join('\n'),
      rows: batch.map(rowOf),
      expectWritten: false,
      describe: `${batch.length} :${key} nodes`,
    }));
  });
}

function relationshipSteps(data: GraphData, batchSize: number, mode: Mode): Step[] {
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
    const discriminator = keyed === 'keyed' ? ' {key: row.key}' : '';
    const write =
      mode === 'create'
        ? [`CREATE (a)-[r:${quote(type)}]->(b)`, 'SET r = row.props']
        : [
            `MERGE (a)-[r:${quote(type)}${discriminator}]->(b)`,
            when(differs('r'), 'SET r += row.props'),
          ];
    const cypher = [
      'UNWIND $rows AS row',
      `MATCH (a:${quote(fromLabel)} {id: row.from})`,
      `MATCH (b:${quote(toLabel)} {id: row.to})`,
      ...write,
      'RETURN count(r) AS written',
    ].join('\n');
    const rowOf =
      mode === 'create'
        ? // CREATE stores the key as MERGE does: as the relationship's `key` property.
          (rel: GraphRelationship) => ({
            from: rel.from,
            to: rel.to,
            props: toNeo4jProps(rel.key === undefined ? rel.props : { ...rel.props, key: rel.key }),
          })
        : (rel: GraphRelationship) => ({
            from: rel.from,
            to: rel.to,
            key: rel.key ?? null,
            props: toNeo4jProps(rel.props),
          });
    return batches(group, batchSize).map((batch) => ({
      cypher,
      rows: batch.map(rowOf),
      expectWritten: true,
      describe: `${batch.length} :${type} relationships (${fromLabel} → ${toLabel})`,
    }));
  });
}

/** CREATE makes a second node or relationship where MERGE would have found the first. */
function checkUnique(data: GraphData): void {
  const first = <T>(items: T[], keyOf: (item: T) => string): string | undefined => {
    const seen = new Set<string>();
    for (const item of items) {
      const key = keyOf(item);
      if (seen.has(key)) return key;
      seen.add(key);
    }
    return undefined;
  };
  const node = first(data.nodes, (n) => n.id);
  if (node !== undefined) throw new Error(`node ${node} is in the data twice`);
  const rel = first(
    data.relationships,
    (r) => `(${r.from})-[:${r.type} ${r.key ?? ''}]->(${r.to})`,
  );
  if (rel !== undefined) throw new Error(`relationship ${rel} is in the data twice`);
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

/** Runs the step; true if it changed the graph. */
async function runStep(tx: ManagedTransaction, step: Step): Promise<boolean> {
  const result = await tx.run(step.cypher, { rows: step.rows });
  if (step.expectWritten) {
    const written = result.records[0]?.get('written');
    const count = neo4j.isInt(written) ? written.toNumber() : Number(written);
    if (count !== step.rows.length) {
      throw new Error(`wrote ${count} of ${step.describe}: an end node is missing in the database`);
    }
  }
  return result.summary.counters.containsUpdates();
}

/**
 * After a document's graph is written: places the Sources no load placed (curators' entries),
 * and records the load in history if it changed the graph. Returns whether it did.
 */
async function finishLoad(
  tx: ManagedTransaction,
  data: GraphData & { document: NonNullable<GraphData['document']> },
  stepsChanged: boolean,
): Promise<boolean> {
  const placed = await tx.run(PLACE_UNPLACED_SOURCES, { curationId: CURATION_DOCUMENT_ID });
  const changed = stepsChanged || placed.summary.counters.containsUpdates();
  if (changed) {
    const { id, title } = data.document;
    await tx.run(
      `CREATE (:Change {id: $change.id, at: $change.at, by: 'load', operation: 'load',
                        entityId: $change.entityId, summary: $change.summary})`,
      {
        change: {
          id: `change/${randomUUID()}`,
          at: new Date().toISOString(),
          entityId: id,
          summary: `loaded ${title}: ${data.nodes.length} nodes, ${data.relationships.length} relationships`,
        },
      },
    );
  }
  return changed;
}

/**
 * Writes the graph with batched UNWIND … MERGE by id, grouped by label set and relationship
 * type. Idempotent: loading the same data twice changes nothing (unless intoEmptyDatabase).
 * Data read from a document (`data.document`) is a load of it: a load that changes the graph
 * records a Change (by 'load') in its transaction, or in a last one when batches commit apart.
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
  // Build every query before touching the database: a bad label or dangling end fails early.
  if (mode === 'create') checkUnique(data);
  const nodes = nodeSteps(data.nodes, batchSize, mode);
  const relationships = relationshipSteps(data, batchSize, mode);

  // A bulk load may take longer than the API's short transaction timeout allows.
  const timeout = { timeoutMs: LOAD_TIMEOUT_MS };
  const { document } = data;
  let changed = false;
  const run = async (tx: ManagedTransaction, step: Step) => {
    if (await runStep(tx, step)) changed = true;
  };
  if (options.singleTransaction ?? true) {
    await db.writeTransaction(async (tx) => {
      changed = false; // the transaction may be retried
      if (mode === 'create') await checkEmpty(tx);
      for (const step of [...nodes, ...relationships]) await run(tx, step);
      if (document) changed = await finishLoad(tx, { ...data, document }, changed);
    }, timeout);
  } else {
    if (mode === 'create') await db.writeTransaction(checkEmpty, timeout);
    const commit = (step: Step) => () => db.writeTransaction((tx) => run(tx, step), timeout);
    // Relationships need both ends committed.
    await runAll(nodes.map(commit), concurrency);
    await runAll(relationships.map(commit), concurrency);
    if (document) {
      const stepsChanged = changed;
      changed = await db.writeTransaction(
        (tx) => finishLoad(tx, { ...data, document }, stepsChanged),
        timeout,
      );
    }
  }
  return { nodes: data.nodes.length, relationships: data.relationships.length, changed };
}
