import neo4j, { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../db/database';
import { GraphData, GraphNode, GraphRelationship } from './graph-data';
import { isNodeLabel, isRelationshipType } from './model';

export type WriteOptions = {
  /** Rows per UNWIND. */
  batchSize?: number;
  /**
   * true (default): everything in one write transaction, so a failure leaves the database as it
   * was. false: commit batch by batch, for graphs too large for one transaction.
   */
  singleTransaction?: boolean;
};

export type WriteSummary = { nodes: number; relationships: number };

type GraphWriter = Pick<Database, 'writeTransaction'>;

const LOAD_TIMEOUT_MS = 10 * 60_000;
type Row = Record<string, unknown>;
type Step = { cypher: string; rows: Row[]; expectWritten: boolean; describe: string };

const quote = (name: string): string => `\`${name}\``;

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

function nodeSteps(nodes: GraphNode[], batchSize: number): Step[] {
  const groups = groupBy(nodes, (node) => checkedLabels(node).join(':'));
  return [...groups].flatMap(([key, group]) => {
    const labels = key.split(':');
    const mergeLabel = mergeLabelOf(labels);
    const extraLabels = labels.filter((label) => label !== mergeLabel);
    const cypher = [
      'UNWIND $rows AS row',
      `MERGE (n:${quote(mergeLabel)} {id: row.id})`,
      extraLabels.length > 0 ? `SET n:${extraLabels.map(quote).join(':')}` : '',
      'SET n += row.props',
    ]
      .filter(Boolean)
      .join('\n');
    return batches(group, batchSize).map((batch) => ({
      cypher,
      rows: batch.map((node) => ({ id: node.id, props: toNeo4jProps(node.props) })),
      expectWritten: false,
      describe: `${batch.length} :${key} nodes`,
    }));
  });
}

function relationshipSteps(data: GraphData, batchSize: number): Step[] {
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
    const cypher = [
      'UNWIND $rows AS row',
      `MATCH (a:${quote(fromLabel)} {id: row.from})`,
      `MATCH (b:${quote(toLabel)} {id: row.to})`,
      `MERGE (a)-[r:${quote(type)}${discriminator}]->(b)`,
      'SET r += row.props',
      'RETURN count(r) AS written',
    ].join('\n');
    return batches(group, batchSize).map((batch) => ({
      cypher,
      rows: batch.map((rel) => ({
        from: rel.from,
        to: rel.to,
        key: rel.key ?? null,
        props: toNeo4jProps(rel.props),
      })),
      expectWritten: true,
      describe: `${batch.length} :${type} relationships (${fromLabel} → ${toLabel})`,
    }));
  });
}

async function runStep(tx: ManagedTransaction, step: Step): Promise<void> {
  const result = await tx.run(step.cypher, { rows: step.rows });
  if (!step.expectWritten) return;
  const written = result.records[0]?.get('written');
  const count = neo4j.isInt(written) ? written.toNumber() : Number(written);
  if (count !== step.rows.length) {
    throw new Error(`wrote ${count} of ${step.describe}: an end node is missing in the database`);
  }
}

/**
 * Writes the graph with batched UNWIND … MERGE by id, grouped by label set and relationship
 * type. Idempotent: loading the same data twice changes nothing.
 */
export async function writeGraph(
  db: GraphWriter,
  data: GraphData,
  options: WriteOptions = {},
): Promise<WriteSummary> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`invalid batchSize ${batchSize}`);
  // Build every query before touching the database: a bad label or dangling end fails early.
  const steps = [...nodeSteps(data.nodes, batchSize), ...relationshipSteps(data, batchSize)];

  // A bulk load may take longer than the API's short transaction timeout allows.
  const timeout = { timeoutMs: LOAD_TIMEOUT_MS };
  if (options.singleTransaction ?? true) {
    await db.writeTransaction(async (tx) => {
      for (const step of steps) await runStep(tx, step);
    }, timeout);
  } else {
    for (const step of steps) await db.writeTransaction((tx) => runStep(tx, step), timeout);
  }
  return { nodes: data.nodes.length, relationships: data.relationships.length };
}
