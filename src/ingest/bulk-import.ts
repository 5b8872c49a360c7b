// Bulk loading into a new database: the graph written as CSV files in the format of Neo4j's
// importer (`neo4j-admin database import full`, src/neo4j/import.ts), then imported while no
// Neo4j has the store open. For the initial load of a large graph (the benchmark's scale
// 10,000: 6.6 M relationships); writeGraph (batched UNWIND) stays the loader of a running
// database, for incremental loads and curation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordChange } from '../db/changes';
import { createDatabase, type Database } from '../db/database';
import { DOCUMENT_IDS, isRelationshipType } from '../model';
import {
  databaseDir,
  importIntoStore,
  type CsvFormat,
  type NodeFile,
  type RelationshipFile,
} from '../neo4j/import';
import { startNeo4j } from '../neo4j/launcher';
import { buildSources } from '../sources/registry';
import { CURATION_DOCUMENT_ID, PLACE_UNPLACED_SOURCES } from './documents';
import type { GraphData, GraphNode, GraphRelationship } from './graph-data';
import { isNodeLabel } from './model';
import { applySchema } from './schema';

/**
 * Separates array elements in a field: the ASCII unit separator, which no text of ours holds
 * (a value that does is an error, not a silent split).
 */
const ARRAY_DELIMITER = '\u001f';

/** The importer's column types, as writeGraph stores the values (integers as INTEGER). */
type ColumnType = 'string' | 'long' | 'double' | 'boolean';

/**
 * A value the importer cannot be given as writeGraph would store it. The writer's `add` names
 * the node or relationship (that message is built only then, not for every row).
 */
class UnstorableValue extends Error {}

function scalarType(value: unknown): ColumnType {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      if (!Number.isFinite(value)) throw new UnstorableValue(`${value} cannot be stored`);
      return Number.isInteger(value) ? 'long' : 'double';
    default:
      throw new UnstorableValue(`a ${typeof value} cannot be stored as a property`);
  }
}

/** `long`, `string[]` …; null for a value that is not stored (null, undefined). */
function columnType(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) return scalarType(value);
  const types = new Set<ColumnType>();
  for (const item of value) types.add(scalarType(item));
  if (types.size === 1) return `${[...types][0]}[]`;
  if (types.size === 2 && types.has('long') && types.has('double')) return 'double[]';
  throw new UnstorableValue('a list of mixed types cannot be stored');
}

const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** One field of a row (the column's type known): strings quoted, lists joined. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (!Array.isArray(value)) return typeof value === 'string' ? quoted(value) : String(value);
  const items = value.map((item) => {
    const text = String(item);
    if (text.includes(ARRAY_DELIMITER)) {
      throw new UnstorableValue('a list element holds the character U+001F');
    }
    return text;
  });
  return quoted(items.join(ARRAY_DELIMITER));
}

/** A CSV file of rows of one shape (labels or type, and property columns with their types). */
class CsvFile {
  private readonly stream: fs.WriteStream;
  private pending: string[] = [];
  rows = 0;

  constructor(
    readonly file: string,
    readonly keys: string[],
    header: string,
  ) {
    this.stream = fs.createWriteStream(file);
    this.pending.push(header);
  }

  add(line: string): void {
    this.pending.push(line);
    this.rows += 1;
  }

  /** Writes what was added; waits when the disk lags behind. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('\n') + '\n';
    this.pending = [];
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => this.stream.once('drain', resolve));
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}

/** The property keys of a row with their column types, e.g. `name:string,year:long`. */
function shapeOf(props: Record<string, unknown>): Array<[string, string]> {
  const shape: Array<[string, string]> = [];
  for (const key of Object.keys(props).sort()) {
    try {
      const type = columnType(props[key]);
      if (type !== null) shape.push([key, type]);
    } catch (error) {
      throw error instanceof UnstorableValue
        ? new UnstorableValue(`property ${key}: ${error.message}`)
        : error;
    }
  }
  return shape;
}

/** An unstorable value's error, naming its row. */
const located = (error: unknown, where: string) =>
  error instanceof UnstorableValue ? new Error(`${where}, ${error.message}`) : error;

const isEmptyList = (value: unknown) => Array.isArray(value) && value.length === 0;

/** The properties without the empty lists, and the names of those. */
function withoutEmptyLists(props: Record<string, unknown>) {
  const empty = Object.keys(props).filter((key) => isEmptyList(props[key]));
  if (empty.length === 0) return { props, empty };
  return {
    props: Object.fromEntries(Object.entries(props).filter(([, value]) => !isEmptyList(value))),
    empty,
  };
}

const headerOf = (columns: string[], shape: Array<[string, string]>) =>
  [...columns, ...shape.map(([key, type]) => `${key}:${type}`)].join(',');

/**
 * The empty lists the data holds: the importer reads an empty field as no value, so they are
 * set after the import (restoreEmptyLists), as writeGraph stores them.
 */
export interface EmptyLists {
  nodes: Array<{ id: string; property: string }>;
  relationships: Array<{
    type: string;
    from: string;
    to: string;
    key: string | null;
    property: string;
  }>;
}

/** What the importer is given: the files, and how they are written. */
export interface ImportCsv {
  nodes: NodeFile[];
  relationships: RelationshipFile[];
  format: CsvFormat;
  nodeCount: number;
  relationshipCount: number;
  emptyLists: EmptyLists;
}

/**
 * Writes a graph, chunk by chunk, as import CSV into `dir`: a file per label set and property
 * shape of nodes (the importer's number `:ID`, then the id stored as the `id` property, as
 * writeGraph stores it, and the properties), a file per relationship type and property shape
 * (the ends' numbers; a relationship's `key` stored as its `key` property, as writeGraph's
 * CREATE does). Labels and types are checked against the model, a node id given twice and a
 * relationship to a node the graph lacks are refused.
 */
class ImportCsvWriter {
  private readonly files = new Map<string, CsvFile>();
  private readonly nodeFiles: NodeFile[] = [];
  private readonly relationshipFiles: RelationshipFile[] = [];
  private multiline = false;
  private nodeCount = 0;
  private relationshipCount = 0;
  private readonly emptyLists: EmptyLists = { nodes: [], relationships: [] };
  /**
   * The importer's number for each node id, in the order they are met. The CSV names nodes by
   * these numbers (`--id-type=integer`), not by our string ids: the importer then looks up no
   * strings for the relationships' ends (its relationship stage at scale 10,000: 36 s with
   * string ids, 14–17 s with numbers).
   */
  private readonly numbers = new Map<string, number>();
  /** Whether the node of each number was added (a relationship may name a node before it). */
  private readonly added: boolean[] = [];

  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  private fileFor(key: string, create: (file: string) => CsvFile): CsvFile {
    let csv = this.files.get(key);
    if (!csv) {
      csv = create(path.join(this.dir, `${this.files.size}.csv`));
      this.files.set(key, csv);
    }
    return csv;
  }

  private numberOf(id: string): number {
    let number = this.numbers.get(id);
    if (number === undefined) {
      number = this.numbers.size;
      this.numbers.set(id, number);
    }
    return number;
  }

  private row(values: string[]): string {
    const line = values.join(',');
    if (!this.multiline && /[\r\n]/.test(line)) this.multiline = true;
    return line;
  }

  private addNode(node: GraphNode): void {
    const labels = [...new Set(node.labels)].sort();
    const unknown = labels.find((label) => !isNodeLabel(label));
    if (labels.length === 0 || unknown !== undefined) {
      throw new Error(`node ${node.id}: label "${unknown ?? '(none)'}" is not in the graph model`);
    }
    const number = this.numberOf(node.id);
    if (this.added[number]) throw new Error(`node ${node.id} is in the graph twice`);
    this.added[number] = true;
    const { id: _ignored, ...all } = node.props;
    const { props, empty } = withoutEmptyLists(all);
    for (const property of empty) this.emptyLists.nodes.push({ id: node.id, property });
    const shape = shapeOf(props);
    const key = `node ${labels.join(':')} ${headerOf([], shape)}`;
    const csv = this.fileFor(key, (file) => {
      this.nodeFiles.push({ labels, file });
      return new CsvFile(
        file,
        shape.map(([name]) => name),
        headerOf([':ID', 'id:string'], shape),
      );
    });
    csv.add(
      this.row([String(number), quoted(node.id), ...csv.keys.map((name) => field(props[name]))]),
    );
    this.nodeCount += 1;
  }

  private addRelationship(rel: GraphRelationship): void {
    if (!isRelationshipType(rel.type)) {
      throw new Error(`relationship type "${rel.type}" is not in the graph model`);
    }
    const { props, empty } = withoutEmptyLists(
      rel.key === undefined ? rel.props : { ...rel.props, key: rel.key },
    );
    for (const property of empty) {
      const { type, from, to } = rel;
      this.emptyLists.relationships.push({ type, from, to, key: rel.key ?? null, property });
    }
    const shape = shapeOf(props);
    const key = `relationship ${rel.type} ${headerOf([], shape)}`;
    const csv = this.fileFor(key, (file) => {
      this.relationshipFiles.push({ type: rel.type, file });
      return new CsvFile(
        file,
        shape.map(([name]) => name),
        headerOf([':START_ID', ':END_ID'], shape),
      );
    });
    csv.add(
      this.row([
        String(this.numberOf(rel.from)),
        String(this.numberOf(rel.to)),
        ...csv.keys.map((name) => field(props[name])),
      ]),
    );
    this.relationshipCount += 1;
  }

  /** Adds a chunk of the graph (its relationships may end at nodes of other chunks). */
  async add(data: GraphData): Promise<void> {
    for (const node of data.nodes) {
      try {
        this.addNode(node);
      } catch (error) {
        throw located(error, `node ${node.id}`);
      }
    }
    for (const rel of data.relationships) {
      try {
        this.addRelationship(rel);
      } catch (error) {
        throw located(error, `(${rel.from})-[:${rel.type}]->(${rel.to})`);
      }
    }
    for (const csv of this.files.values()) await csv.flush();
  }

  /** Ends every file (also after a failure: no stream is left open). */
  async closeFiles(): Promise<void> {
    for (const csv of this.files.values()) await csv.close();
  }

  async close(): Promise<ImportCsv> {
    await this.closeFiles();
    if (this.numbers.size > this.nodeCount) {
      const missing = [...this.numbers].filter(([, number]) => !this.added[number]);
      throw new Error(
        `${missing.length} relationship end(s) name no node of the graph: ` +
          missing
            .slice(0, 5)
            .map(([id]) => id)
            .join(', '),
      );
    }
    return {
      nodes: this.nodeFiles,
      relationships: this.relationshipFiles,
      format: { arrayDelimiter: ARRAY_DELIMITER, multilineFields: this.multiline },
      nodeCount: this.nodeCount,
      relationshipCount: this.relationshipCount,
      emptyLists: this.emptyLists,
    };
  }
}

/** Writes the chunks of a graph as import CSV into `dir`. */
export async function writeImportCsv(chunks: Iterable<GraphData>, dir: string): Promise<ImportCsv> {
  const writer = new ImportCsvWriter(dir);
  try {
    for (const chunk of chunks) await writer.add(chunk);
  } catch (error) {
    await writer.closeFiles();
    throw error;
  }
  return writer.close();
}

/** Sets the empty lists the import could not write (on the started Neo4j). */
export async function restoreEmptyLists(
  db: Pick<Database, 'write'>,
  emptyLists: EmptyLists,
): Promise<void> {
  if (emptyLists.nodes.length > 0) {
    await db.write('UNWIND $rows AS row MATCH (n {id: row.id}) SET n[row.property] = []', {
      rows: emptyLists.nodes,
    });
  }
  if (emptyLists.relationships.length > 0) {
    await db.write(
      `UNWIND $rows AS row
       MATCH (a {id: row.from})-[r]->(b {id: row.to})
       WHERE type(r) = row.type AND (row.key IS NULL OR r.key = row.key)
       SET r[row.property] = []`,
      { rows: emptyLists.relationships },
    );
  }
}

/**
 * The sources' graphs as one, as loading them one after the other gives it (writeGraph's
 * MERGE): a node the sources share once (buildSources gives it the same properties in each),
 * a relationship they share once, with the later sources' property values winning; each
 * element lists the documents that state it in documentIds, in the order they are loaded.
 */
export function combineGraphs(graphs: GraphData[]): GraphData {
  const nodes = new Map<string, GraphNode>();
  const relationships = new Map<string, GraphRelationship>();
  const statedBy = (
    earlier: Record<string, unknown> | undefined,
    props: Record<string, unknown>,
    document: string | undefined,
  ) => {
    const documents = (earlier?.[DOCUMENT_IDS] as string[] | undefined) ?? [];
    if (!document) return documents.length ? { ...props, [DOCUMENT_IDS]: documents } : props;
    const all = documents.includes(document) ? documents : [...documents, document];
    return { ...props, [DOCUMENT_IDS]: all };
  };
  for (const graph of graphs) {
    const document = graph.document?.id;
    for (const node of graph.nodes) {
      const props = statedBy(nodes.get(node.id)?.props, node.props, document);
      nodes.set(node.id, { ...node, props });
    }
    for (const rel of graph.relationships) {
      const key = `${rel.type} ${rel.from} ${rel.to} ${rel.key ?? ''}`;
      const earlier = relationships.get(key);
      const props = statedBy(earlier?.props, { ...earlier?.props, ...rel.props }, document);
      relationships.set(key, { ...rel, props });
    }
  }
  return { nodes: [...nodes.values()], relationships: [...relationships.values()] };
}

export interface BulkLoadSummary {
  nodes: number;
  relationships: number;
  /** Writing the CSV, importing, then starting Neo4j and building the schema. */
  seconds: { csv: number; import: number; schema: number };
}

/**
 * `npm run load -- --bulk`: every registered source (validated first) into a new database of
 * the embedded Neo4j's data folder, through Neo4j's importer; then Neo4j started on it for the
 * schema (constraints, indexes), the Sources no document placed, and a Change per document
 * as an online load records it, and stopped again. Refuses a folder that holds a database.
 */
export async function bulkLoadSources(dataDir: string): Promise<BulkLoadSummary> {
  const built = buildSources();
  if (fs.existsSync(databaseDir(dataDir))) {
    throw new Error(
      `${databaseDir(dataDir)} exists: --bulk only loads into a new database. Load into it ` +
        'with `npm run load` (no --bulk) while it runs, or remove the folder first.',
    );
  }
  const csvDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-bulk-csv-'));
  const timer = stopwatch();
  let imported;
  let csvSeconds;
  let emptyLists;
  try {
    const csv = await writeImportCsv([combineGraphs(built.map(({ graph }) => graph))], csvDir);
    csvSeconds = timer();
    emptyLists = csv.emptyLists;
    imported = await importIntoStore({ dataDir, ...csv });
  } finally {
    fs.rmSync(csvDir, { recursive: true, force: true });
  }
  const importSeconds = timer();
  const neo4j = await startNeo4j({ dataDir, quiet: true });
  // Constraints and indexes over a large store take longer than the API's 10 s transactions.
  const db = createDatabase({
    uri: neo4j.uri,
    user: neo4j.user,
    password: neo4j.password,
    database: 'neo4j',
    transactionTimeoutMs: LOAD_TIMEOUT_MS,
  });
  try {
    await restoreEmptyLists(db, emptyLists);
    await applySchema(db);
    await db.write('CALL db.awaitIndexes(600)');
    await db.write(PLACE_UNPLACED_SOURCES, { curationId: CURATION_DOCUMENT_ID });
    for (const { graph } of built) {
      if (!graph.document) continue;
      const { document } = graph;
      await db.writeTransaction((tx) =>
        recordChange(tx, {
          at: new Date().toISOString(),
          by: 'load',
          operation: 'load',
          entityId: document.id,
          summary:
            `loaded ${document.title}: ${graph.nodes.length} nodes, ` +
            `${graph.relationships.length} relationships (bulk import)`,
        }),
      );
    }
  } finally {
    await db.close();
    await neo4j.stop();
  }
  return {
    nodes: imported.nodes,
    relationships: imported.relationships,
    seconds: { csv: csvSeconds, import: importSeconds, schema: timer() },
  };
}

/** How long the schema steps after a bulk import may take. */
const LOAD_TIMEOUT_MS = 30 * 60_000;

/** Seconds since the last call (or since it was made). */
function stopwatch(): () => number {
  let last = process.hrtime.bigint();
  return () => {
    const now = process.hrtime.bigint();
    const seconds = Number(now - last) / 1e9;
    last = now;
    return seconds;
  };
}
