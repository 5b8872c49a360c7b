// `npm run neo4j:build`: builds tools/neo4j (Maven Wrapper) when it is missing or stale.
import { buildLauncher, launcherNeedsBuild } from './launcher';

async function main(): Promise<void> {
  if (!launcherNeedsBuild()) {
    console.log('Neo4j launcher is up to date (tools/neo4j/target).');
    return;
  }
  console.log(
    'Building the Neo4j launcher (tools/neo4j, first time downloads Neo4j from Maven Central)…',
  );
  const started = Date.now();
  await buildLauncher();
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
