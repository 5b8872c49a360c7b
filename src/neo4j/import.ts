// Neo4j's own bulk importer (`neo4j-admin database import full`) on the launcher's store: the
// fastest way to fill a new database. It writes the store files directly, so it runs while no
// Neo4j has the store open: before startNeo4j on the same data folder (or after stop()). Its
// classes (neo4j-import-tool, neo4j-command-line) come with the launcher's Neo4j artifacts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { buildLauncher, JVM_OPTIONS, LAUNCHER_DIR, launcherNeedsBuild } from './launcher';

/** One CSV file of nodes: every row gets these labels; the header names its columns. */
export interface NodeFile {
  labels: string[];
  file: string;
}

/** One CSV file of relationships of one type. */
export interface RelationshipFile {
  type: string;
  file: string;
}

/**
 * How the CSV files are written (bulk-import.ts writes them so). Node ids (`:ID`, `:START_ID`,
 * `:END_ID`) are always integers (`--id-type=integer`).
 */
export interface CsvFormat {
  /** Separates the elements of an array value within its field. */
  arrayDelimiter: string;
  /** Some quoted field spans lines (slower: the importer cannot split the files). */
  multilineFields: boolean;
}

export interface ImportOptions {
  /** The launcher's data folder (startNeo4j's dataDir): the store goes to `<dataDir>/home`. */
  dataDir: string;
  nodes: NodeFile[];
  relationships: RelationshipFile[];
  format: CsvFormat;
  /** The importer's Java heap (default 1g); its caches live off the heap. */
  heap?: string;
  /** The importer's off-heap memory (default: Neo4j's, 90 % of what the machine has free). */
  offHeap?: string;
  /** Replace a database the folder holds already (default: refuse). */
  overwrite?: boolean;
  /** Echo the importer's output (it always goes to `<dataDir>/import.log`). */
  onOutput?: (line: string) => void;
}

export interface ImportResult {
  seconds: number;
  /** What the importer reports it imported. */
  nodes: number;
  relationships: number;
}

/** A character as the importer takes any: `U+001F`. */
const unicodeName = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The database Neo4j Community serves (the only user database it has). */
const DATABASE = 'neo4j';

/** Where the launcher's Neo4j keeps the database's store (its home is `<dataDir>/home`). */
export function databaseDir(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'home', 'data', 'databases', DATABASE);
}

/**
 * Imports the CSV files into the database `neo4j` of the data folder, which must not be in use
 * and, unless `overwrite`, must not hold that database yet. Rejects with the importer's last
 * lines when it fails (a duplicate id, a relationship to a missing node, a bad value …).
 */
export async function importIntoStore(options: ImportOptions): Promise<ImportResult> {
  if (!options.overwrite && fs.existsSync(databaseDir(options.dataDir))) {
    throw new Error(
      `${databaseDir(options.dataDir)} exists: the bulk import only creates a new database ` +
        '(remove the folder first, or load into the running database without bulk import)',
    );
  }
  if (launcherNeedsBuild()) await buildLauncher({ quiet: true });
  const home = path.join(path.resolve(options.dataDir), 'home');
  fs.mkdirSync(path.join(home, 'conf'), { recursive: true });
  const target = path.join(LAUNCHER_DIR, 'target');
  const args = [
    `-Xmx${options.heap ?? '1g'}`,
    '-XX:+UseG1GC',
    ...JVM_OPTIONS,
    '-cp',
    [path.join(target, 'classes'), path.join(target, 'lib', '*')].join(path.delimiter),
    'org.neo4j.cli.AdminTool',
    'database',
    'import',
    'full',
    ...options.nodes.map(({ labels, file }) => `--nodes=${labels.join(':')}=${file}`),
    ...options.relationships.map(({ type, file }) => `--relationships=${type}=${file}`),
    '--id-type=integer',
    `--array-delimiter=${unicodeName(options.format.arrayDelimiter)}`,
    `--multiline-fields=${options.format.multilineFields}`,
    `--overwrite-destination=${options.overwrite ?? false}`,
    `--report-file=${path.join(path.resolve(options.dataDir), 'import.report')}`,
    ...(options.offHeap ? [`--max-off-heap-memory=${options.offHeap}`] : []),
    DATABASE,
  ];
  const logFile = path.join(path.resolve(options.dataDir), 'import.log');
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const started = process.hrtime.bigint();
  const child = spawn(
    process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java',
    args,
    {
      env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      log.write(line + '\n');
      output.push(line);
      options.onOutput?.(line);
    });
  }
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await new Promise<void>((resolve) => log.end(resolve));
  const text = output.join('\n');
  const imported = /Imported:\s+(\d+) nodes\s+(\d+) relationships/.exec(text);
  if (code !== 0 || !imported) {
    throw new Error(
      `The bulk import failed (exit ${code}; ${logFile}):\n` +
        output
          .slice(-25)
          .map((line) => `  ${line}`)
          .join('\n'),
    );
  }
  return { seconds, nodes: Number(imported[1]), relationships: Number(imported[2]) };
}
