// Where the cost of a request goes: one request at a time, side by side
// (`npm run bench:floor -- [operation] [scale]`, default Provenance at scale 1):
//   raw          the operation's hand-written Cypher through neo4j-driver (no HTTP)
//   bare HTTP    a Fastify app that parses the JSON body and answers a fixed one (the
//                transport's floor: our API is served by Fastify too)
//   HTTP floor   a node:http server answering the rows of the Cypher our API sends for the
//                operation, through neo4j-driver, no GraphQL (bench/server.ts, `floor`)
//   __typename   our API answering `{ __typename }` (HTTP + GraphQL layer, no database)
//   ours         the operation through our API
// Each way is warmed up with 2000 requests first: a fresh Neo4j needs that many to compile
// its hot paths (for a large operation at a large scale, that alone takes minutes).
import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../src/db/database';
import { startNeo4j } from '../src/neo4j/launcher';
import {
  buildIndexes,
  compareLatency,
  graphql,
  loadScale,
  neo4jMemoryFor,
  rawData,
  startServer,
} from './harness';
import { contractDocuments, rawQuery, READ_OPERATIONS, variablesOf } from './operations';

const BARE_SERVER = `const app = require('fastify')();
app.post('/', async () => ({ data: {} }));
app.listen({ port: 0, host: '127.0.0.1' }).then(() => process.send(app.server.address().port));`;

const agent = new http.Agent({ keepAlive: true });
function post(url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (response) => response.resume().on('end', resolve),
    );
    request.on('error', reject);
    request.end(body);
  });
}

// The API server runs as deployed (as in bench/run.ts).
process.env.NODE_ENV = 'production';
process.setSourceMapsEnabled(false);

async function main(): Promise<void> {
  const operation = (process.argv[2] ?? 'Provenance') as (typeof READ_OPERATIONS)[number];
  if (!READ_OPERATIONS.includes(operation)) throw new Error(`one of ${READ_OPERATIONS.join(', ')}`);
  const scale = Number(process.argv[3] ?? 1);
  if (!Number.isInteger(scale) || scale < 1) throw new Error('the scale is a positive integer');
  const neo4j = await startNeo4j({
    dataDir: path.join(os.tmpdir(), `ccg-bench-floor-${process.pid}`),
    quiet: true,
    memory: neo4jMemoryFor(scale),
  });
  const db = createDatabase({
    uri: neo4j.uri,
    user: 'neo4j',
    password: 'neo4j',
    database: 'neo4j',
  });
  const ours = await startServer('ours', neo4j.uri);
  const floor = await startServer('floor', neo4j.uri);
  const bare = spawn(process.execPath, ['-e', BARE_SERVER], {
    cwd: path.join(__dirname, '..'), // where require('fastify') finds it
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { sample } = await loadScale(db, scale);
    await buildIndexes(db);
    const barePort = await new Promise<number>((resolve) =>
      bare.once('message', (port) => resolve(port as number)),
    );
    const raw = rawQuery(operation, sample);
    const document = contractDocuments().get(operation)!;
    const variables = variablesOf(operation, sample);
    await ours.queries(); // forget what came before
    await graphql(ours.url, document, variables);
    await floor.serve(await ours.queries());
    const result = await compareLatency(
      {
        raw: () => rawData(db.driver, raw.cypher, raw.params),
        'bare HTTP': () => post(`http://127.0.0.1:${barePort}/`, '{"query":"{ __typename }"}'),
        'HTTP floor': () => graphql(floor.url, document, variables),
        __typename: () => graphql(ours.url, '{ __typename }', {}),
        [operation]: () => graphql(ours.url, document, variables),
      },
      { warmup: 2000, rounds: 5, perRound: 100 },
    );
    console.log(`p50 of one request at a time (median of 5 rounds × 100), scale ${scale}:`);
    for (const [name, summary] of Object.entries(result)) {
      console.log(`  ${name.padEnd(16)} ${summary.p50.toFixed(2).padStart(6)} ms`);
    }
  } finally {
    bare.kill();
    await ours.stop();
    await floor.stop();
    await db.close();
    await neo4j.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
