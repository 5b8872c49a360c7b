// `npm run load`: loads every registered source's graph (src/sources/registry.ts) into the Neo4j
// named by NEO4J_URI & co. `npm run load -- --bulk`: the initial load of the embedded Neo4j's
// new database (NEO4J_DATA_DIR, as `npm run neo4j` takes it, or .data/neo4j, `npm start`'s)
// through Neo4j's bulk importer, while that Neo4j is not running.
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { createDatabase } from '../db/database';
import { bulkLoadSources } from './bulk-import';
import { describeLoad } from './load-graph';
import { loadSources } from './load-report';

const USAGE = 'usage: npm run load [-- --bulk]';

async function load(): Promise<number> {
  const config = loadConfig();
  if (!config.neo4jUri) {
    console.error(
      'NEO4J_URI is not set. Point it at a running Neo4j (e.g. NEO4J_URI=bolt://localhost:7687 ' +
        'NEO4J_USER=neo4j NEO4J_PASSWORD=… npm run load), or run `npm start`, which starts the ' +
        'embedded Neo4j and loads the graph itself, or `npm run load -- --bulk` to fill a new ' +
        'embedded database with the bulk importer.',
    );
    return 1;
  }
  const db = createDatabase({
    uri: config.neo4jUri,
    user: config.neo4jUser,
    password: config.neo4jPassword,
    database: config.neo4jDatabase,
  });
  try {
    const started = Date.now();
    for (const summary of await loadSources(db)) {
      const { source, nodes, relationships, changed } = summary;
      console.log(
        `Loaded ${source}: ${nodes} nodes and ${relationships} relationships into ` +
          `${config.neo4jUri} (database ${config.neo4jDatabase})` +
          (changed
            ? `: ${describeLoad(summary)}.`
            : ': the graph already held them, nothing changed.'),
      );
    }
    console.log(`Done in ${Date.now() - started} ms.`);
    return 0;
  } finally {
    await db.close();
  }
}

async function bulkLoad(): Promise<number> {
  if (process.env.NEO4J_URI) {
    console.error(
      '--bulk writes the store files of the embedded Neo4j (NEO4J_DATA_DIR or .data/neo4j) ' +
        'and cannot load through NEO4J_URI: unset NEO4J_URI, or load without --bulk.',
    );
    return 1;
  }
  const dataDir = path.resolve(
    process.env.NEO4J_DATA_DIR || path.join(__dirname, '..', '..', '.data', 'neo4j'),
  );
  const { nodes, relationships, seconds } = await bulkLoadSources(dataDir);
  console.log(
    `Bulk-loaded ${nodes} nodes and ${relationships} relationships into the new database in ` +
      `${dataDir} (CSV ${seconds.csv.toFixed(1)} s, import ${seconds.import.toFixed(1)} s, ` +
      `schema ${seconds.schema.toFixed(1)} s). Start it with \`npm start\` or \`npm run neo4j\`.`,
  );
  return 0;
}

async function main(args: string[]): Promise<number> {
  const unknown = args.find((arg) => arg !== '--bulk');
  if (unknown !== undefined) {
    console.error(`Unknown argument ${unknown}. ${USAGE}`);
    return 2;
  }
  return args.includes('--bulk') ? bulkLoad() : load();
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof ConfigError ? error.message : `Load failed: ${(error as Error).message}`,
    );
    process.exit(1);
  },
);
