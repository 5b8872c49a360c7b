// Stops the Neo4j that global-setup.ts started (none when NEO4J_URI was given) and removes
// its data.
import fs from 'node:fs';
import { takeTestNeo4j } from './test-neo4j';

export default async function globalTeardown(): Promise<void> {
  const started = takeTestNeo4j();
  if (!started) return;
  await started.neo4j.stop();
  fs.rmSync(started.dataDir, { recursive: true, force: true });
}
