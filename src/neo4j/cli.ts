// `npm run neo4j`: a local Neo4j until Ctrl-C, with its data in NEO4J_DATA_DIR or .data/neo4j
// (the one `npm start` uses), on NEO4J_BOLT_PORT and NEO4J_HTTP_PORT or 7687 and 7474 (the
// usual ports, so that Neo4j Browser's defaults fit). With NODE_ENV=production it asks for a
// password, as `npm start` does then (NEO4J_PASSWORD, or the one in the data folder).
import path from 'node:path';
import { loadConfig } from '../config';
import { embeddedAuthFor, startNeo4j } from './launcher';

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
  const config = loadConfig();
  const dataDir = path.resolve(
    process.env.NEO4J_DATA_DIR || path.join(__dirname, '..', '..', '.data', 'neo4j'),
  );
  const neo4j = await startNeo4j({
    dataDir,
    boltPort: port('NEO4J_BOLT_PORT', 7687),
    httpPort: port('NEO4J_HTTP_PORT', 7474),
    quiet: true,
    auth: embeddedAuthFor(config),
  });
  const login = neo4j.passwordFile
    ? `user neo4j, password in ${neo4j.passwordFile}`
    : 'no authentication';
  console.log(
    [
      `Neo4j is running (pid ${neo4j.pid}, data in ${dataDir}, log ${path.join(dataDir, 'neo4j.log')})`,
      `  Bolt:    ${neo4j.uri}  (${login}; listens on 127.0.0.1 only)`,
      `  HTTP:    ${neo4j.httpUrl}`,
      `  Browser: ${neo4j.browserUrl}`,
      neo4j.passwordFile
        ? `  For the API: NEO4J_URI=${neo4j.uri} NEO4J_PASSWORD="$(cat ${neo4j.passwordFile})" npm start`
        : `  For the API: NEO4J_URI=${neo4j.uri} npm start`,
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
