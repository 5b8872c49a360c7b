// Hands the Neo4j started in global setup to global teardown: both run in Jest's main
// process and share its global object (test files do not: they use the environment).
import type { LocalNeo4j } from '../../src/neo4j/launcher';

interface TestNeo4j {
  neo4j: LocalNeo4j;
  dataDir: string;
}

const KEY = Symbol.for('creative-cities-graph.test-neo4j');
const store = globalThis as { [KEY]?: TestNeo4j };

export function setTestNeo4j(started: TestNeo4j): void {
  store[KEY] = started;
}

export function takeTestNeo4j(): TestNeo4j | undefined {
  const started = store[KEY];
  delete store[KEY];
  return started;
}
