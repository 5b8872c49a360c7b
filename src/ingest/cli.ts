// `npm run load`: loads every registered source's graph (src/sources/registry.ts) into the Neo4j named by NEO4J_URI & co.
import { ConfigError, loadConfig } from '../config';
import { createDatabase } from '../db/database';
import { describeLoad } from './load-graph';
import { loadSources } from './load-report';

async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.neo4jUri) {
    console.error(
      'NEO4J_URI is not set. Point it at a running Neo4j (e.g. NEO4J_URI=bolt://localhost:7687 ' +
        'NEO4J_USER=neo4j NEO4J_PASSWORD=… npm run load), or run `npm start`, which starts the ' +
        'embedded Neo4j and loads the graph itself.',
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof ConfigError ? error.message : `Load failed: ${(error as Error).message}`,
    );
    process.exit(1);
  },
);
