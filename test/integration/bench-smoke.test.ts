// Smoke version of `npm run bench` (bench/): the generator at the smallest scale, loaded
// through writeGraph in batches and, into a second Neo4j, through the bulk import (the same
// graph), then each benchmark's query path once: our API and the hand-written raw Cypher
// return the same data for every contract read operation, the Cypher our API sent runs again
// directly (the generated raw side), and the @neo4j/graphql peer answers its operations.
// Correctness only, no timing assertions. It starts its own Neo4j with APOC (the peer needs
// it), apart from the suite's database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateChunks, generateGraph, sampleIds } from '../../bench/generate';
import {
  benchDatabase,
  buildIndexes,
  bulkLoadScale,
  compareThroughput,
  generatedRows,
  graphql,
  loadScale,
  rawData,
  roundTripsOf,
  startServer,
  type BenchServer,
  type LoadResult,
} from '../../bench/harness';
import {
  canonical,
  contractDocuments,
  rawQuery,
  READ_OPERATIONS,
  variablesOf,
} from '../../bench/operations';
import { PEER_OPERATIONS } from '../../bench/peer';
import type { Database } from '../../src/db/database';
import { startNeo4j, type LocalNeo4j } from '../../src/neo4j/launcher';
import { fingerprint } from '../support/graph-checksum';

jest.setTimeout(420_000);

type Ref = { id: string };
type Partnership = { city: Ref; sharedActions: Ref[]; sharedMeetings: Ref[] };

describe('benchmark smoke run', () => {
  let dataDir: string;
  let neo4j: LocalNeo4j;
  let db: Database;
  let ours: BenchServer;
  let peer: BenchServer;
  let floor: BenchServer;
  let load: LoadResult;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-bench-smoke-'));
    neo4j = await startNeo4j({ dataDir, quiet: true, plugins: ['apoc'] });
    db = benchDatabase(neo4j);
    load = await loadScale(db, 1, { batchSize: 100 });
    await buildIndexes(db);
    ours = await startServer('ours', neo4j.uri);
    peer = await startServer('peer', neo4j.uri);
    floor = await startServer('floor', neo4j.uri);
  });

  afterAll(async () => {
    await ours?.stop();
    await peer?.stop();
    await floor?.stop();
    await db?.close();
    await neo4j?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('the generator is deterministic, grows with the scale and loads completely', async () => {
    const small = generateGraph(1);
    expect(generateGraph(1)).toEqual(small);
    const larger = generateGraph(3);
    expect(larger.nodes.length).toBeGreaterThan(2.5 * small.nodes.length);
    expect(larger.relationships.length).toBeGreaterThan(2.5 * small.relationships.length);
    // The stream of chunks (scale 10,000 is written as CSV chunk by chunk) is the same graph.
    const chunks = [...generateChunks(3, { networksPerChunk: 1 })];
    expect(chunks).toHaveLength(3);
    expect(chunks.flatMap((chunk) => chunk.nodes)).toEqual(larger.nodes);
    expect(chunks.flatMap((chunk) => chunk.relationships)).toEqual(larger.relationships);
    const [counts] = await db.read<{ nodes: number; relationships: number }>(
      'MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships',
    );
    expect(counts).toEqual({ nodes: load.nodes, relationships: load.relationships });
    expect(load.relationshipsPerSecond).toBeGreaterThan(0);
  });

  test.each(READ_OPERATIONS)('%s: our API and the raw Cypher return the same data', async (op) => {
    const document = contractDocuments().get(op) as string;
    const variables = variablesOf(op, load.sample);
    const api = await graphql(ours.url, document, variables);
    const raw = rawQuery(op, load.sample);
    const direct = await rawData(db.driver, raw.cypher, raw.params);
    expect(canonical(api)).toEqual(canonical(direct));
    // Not a trivial answer: the sample ids exist and lists are filled.
    expect(JSON.stringify(api)).toMatch(/"id":"[a-z]+\/bench-/);
    // The round-trip count works and stays small (batched loaders, no N+1).
    const trips = await roundTripsOf(ours, () => graphql(ours.url, document, variables));
    expect(trips).toBeGreaterThanOrEqual(1);
    expect(trips).toBeLessThanOrEqual(10);
  });

  test('the city pairs of the connection growth are distinct cities, each pair connected', async () => {
    const pairs = load.sample.cityPairs;
    expect(pairs[0]).toEqual({ fromId: load.sample.city, toId: load.sample.otherCity });
    const spread = sampleIds(10).cityPairs;
    expect(new Set(spread.map((pair) => pair.fromId)).size).toBe(spread.length);
    const document = contractDocuments().get('Connection') as string;
    for (const pair of pairs) {
      expect(pair.fromId).not.toEqual(pair.toId);
      const { connection } = (await graphql(ours.url, document, pair)) as {
        connection: { length: number; nodes: Ref[] } | null;
      };
      expect(connection?.length).toBeGreaterThan(0);
      expect(connection?.nodes.map((node) => node.id)).toEqual(
        expect.arrayContaining([pair.fromId, pair.toId]),
      );
    }
  });

  test("the bulk import (neo4j-admin database import full) gives the online load's graph", async () => {
    const bulkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-bench-smoke-bulk-'));
    let imported: LocalNeo4j | undefined;
    let importedDb: Database | undefined;
    try {
      const bulk = await bulkLoadScale(bulkDir, 1);
      expect(bulk).toMatchObject({ nodes: load.nodes, relationships: load.relationships });
      expect(bulk.relationshipsPerSecond).toBeGreaterThan(0);
      // The importer creates a database only: a second import into the folder is refused.
      await expect(bulkLoadScale(bulkDir, 1)).rejects.toThrow(/exists/);
      imported = await startNeo4j({ dataDir: bulkDir, quiet: true });
      importedDb = benchDatabase(imported);
      // Every node and relationship with every property and its type (years as integers).
      expect(await fingerprint(importedDb)).toEqual(await fingerprint(db));
    } finally {
      await importedDb?.close();
      await imported?.stop();
      fs.rmSync(bulkDir, { recursive: true, force: true });
    }
  });

  test.each(READ_OPERATIONS)('%s: the Cypher our API sent runs directly', async (op) => {
    const document = contractDocuments().get(op) as string;
    const variables = variablesOf(op, load.sample);
    await ours.queries(); // forget earlier ones
    await graphql(ours.url, document, variables);
    const sent = await ours.queries();
    // One query per root field, and it is the read path's (a projection, not the raw one).
    expect(sent).toHaveLength(1);
    expect(sent[0]?.cypher).not.toEqual(rawQuery(op, load.sample).cypher);
    const rows = await generatedRows(db.driver, sent);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).toMatch(/bench-/);
    // The HTTP floor answers the same rows over HTTP (what the bench times beside ours).
    await floor.serve(sent);
    expect(await graphql(floor.url, document, variables)).toEqual(JSON.parse(JSON.stringify(rows)));
  });

  test("a city that shares no action or meeting is nobody's partner", async () => {
    const city = load.sample.city;
    const partnersOf = async (id: string) => {
      const data = (await graphql(
        ours.url,
        `
          query ($id: ID!) {
            city(id: $id) {
              partners {
                city {
                  id
                }
                sharedActions {
                  id
                }
                sharedMeetings {
                  id
                }
              }
            }
          }
        `,
        { id },
      )) as { city: { partners: Partnership[] } };
      return data.city.partners;
    };
    const before = await partnersOf(city);
    expect(before.length).toBeGreaterThan(0);
    for (const partner of before) {
      expect(partner.sharedActions.length + partner.sharedMeetings.length).toBeGreaterThan(0);
    }
    // A lone city in the same country: found by the old query (every other city), not now.
    await db.write(
      `MATCH (:City {id: $city})-[:IN_COUNTRY]->(country)
       CREATE (:Entity:City {id: 'city/lone', name: 'Lone', nameDe: 'Lone'})-[:IN_COUNTRY]->(country)`,
      { city },
    );
    try {
      expect(await partnersOf(city)).toEqual(before);
      expect(await partnersOf('city/lone')).toEqual([]);
    } finally {
      await db.write(`MATCH (c:City {id: 'city/lone'}) DETACH DELETE c`);
    }
  });

  test.each(Object.keys(PEER_OPERATIONS))('%s: the @neo4j/graphql peer answers', async (op) => {
    const operation = op as keyof typeof PEER_OPERATIONS;
    const variables = variablesOf(operation, load.sample);
    const data = await graphql(peer.url, PEER_OPERATIONS[operation] as string, variables);
    const list = Object.values(data)[0] as unknown[];
    expect(list.length).toBeGreaterThan(0);
  });

  test('the throughput path (autocannon, server CPU) alternates between both servers', async () => {
    const document = contractDocuments().get('Cities') as string;
    const before = { ours: await ours.stats(), peer: await peer.stats() };
    const rates = await compareThroughput(
      {
        ours: { server: ours, query: document, variables: {} },
        peer: { server: peer, query: PEER_OPERATIONS.Cities as string, variables: {} },
      },
      { connections: 2, seconds: 1, rounds: 2 },
    );
    expect(Object.keys(rates)).toEqual(['ours', 'peer']);
    for (const result of Object.values(rates)) {
      expect(result.errors).toBe(0);
      expect(result.requestsPerSecond).toBeGreaterThan(0);
      expect(result.cpuMsPerRequest).toBeGreaterThan(0);
    }
    // Each server answered its own requests: its counter of database round trips moved.
    expect((await ours.stats()).roundTrips).toBeGreaterThan(before.ours.roundTrips);
    expect((await peer.stats()).roundTrips).toBeGreaterThan(before.peer.roundTrips);
  });
});
