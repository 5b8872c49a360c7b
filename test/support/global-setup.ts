// Integration tests: a throwaway Neo4j (fresh temp data dir, free ports) for the whole run,
// unless NEO4J_URI names one already (e.g. `docker compose up neo4j`), which is then used
// as it is. The test files read it from process.env (see neo4j-env.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startNeo4j } from '../../src/neo4j/launcher';
import { setTestNeo4j } from './test-neo4j';

export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_URI) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-test-neo4j-'));
  const started = Date.now();
  const neo4j = await startNeo4j({ dataDir, quiet: true });
  setTestNeo4j({ neo4j, dataDir });
  Object.assign(process.env, {
    NEO4J_URI: neo4j.uri,
    NEO4J_USER: neo4j.user,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_HTTP_URL: neo4j.httpUrl,
    NEO4J_BROWSER_URL: neo4j.browserUrl,
  });
  console.log(
    `\nNeo4j for the tests: ${neo4j.uri} (${((Date.now() - started) / 1000).toFixed(1)} s, ` +
      `data ${dataDir})`,
  );
}
