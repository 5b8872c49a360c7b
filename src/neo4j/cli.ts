// `npm run neo4j`: a local Neo4j until Ctrl-C, with its data in NEO4J_DATA_DIR or .data/neo4j
// (the one `npm start` uses), on NEO4J_BOLT_PORT and NEO4J_HTTP_PORT or 7687 and 7474 (the
// usual ports, so that Neo4j Browser's defaults fit).
import path from 'node:path';
import { startNeo4j } from './launcher';

function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 65535) {
    throw new Error(`${name} must be a port number (1-65535), got "${value}"`);
  }
  return number;
}

async function main(): Promise<void> {
  const dataDir = path.resolve(
    process.env.NEO4J_DATA_DIR || path.join(__dirname, '..', '..', '.data', 'neo4j'),
  );
  const neo4j = await startNeo4j({
    dataDir,
    boltPort: port('NEO4J_BOLT_PORT', 7687),
    httpPort: port('NEO4J_HTTP_PORT', 7474),
    quiet: true,
  });
  console.log(
    [
      `Neo4j is running (pid ${neo4j.pid}, data in ${dataDir}, log ${path.join(dataDir, 'neo4j.log')})`,
      `  Bolt:    ${neo4j.uri}  (no authentication; listens on 127.0.0.1 only)`,
      `  HTTP:    ${neo4j.httpUrl}`,
      `  Browser: ${neo4j.browserUrl}`,
      `  For the API: NEO4J_URI=${neo4j.uri} npm start`,
      'Ctrl-C stops it.',
    ].join('\n'),
  );
  const stop = () => {
    console.log('Stopping Neo4j…');
    neo4j.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
