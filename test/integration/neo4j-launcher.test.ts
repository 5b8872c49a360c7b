// The local Neo4j is a real server: Bolt, Cypher, transactions, the HTTP connector and
// Neo4j Browser; and startNeo4j's own instance keeps its data across a stop and restart.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { browserUrlFor, startNeo4j } from '../../src/neo4j/launcher';
import { neo4jTestEnv } from '../support/neo4j-env';

describe('the Neo4j of the test run', () => {
  const env = neo4jTestEnv();
  let driver: Driver;

  beforeAll(() => {
    driver = neo4j.driver(env.uri, neo4j.auth.basic(env.user, env.password));
  });
  afterAll(async () => {
    await driver.executeQuery(
      'MATCH (n:LauncherTestNode) DETACH DELETE n',
      {},
      {
        database: env.database,
      },
    );
    await driver.close();
  });

  it('answers Cypher over Bolt', async () => {
    const { records } = await driver.executeQuery(
      'RETURN 1 AS one',
      {},
      {
        database: env.database,
      },
    );
    expect(records[0]?.get('one').toNumber()).toBe(1);
  });

  it('is Neo4j 5 Community', async () => {
    const info = await driver.getServerInfo();
    expect(info.agent).toMatch(/^Neo4j\/5\./);
    const { records } = await driver.executeQuery(
      'CALL dbms.components() YIELD name, edition RETURN name, edition',
      {},
      { database: env.database },
    );
    expect(records[0]?.get('edition')).toBe('community');
  });

  it('keeps what a write transaction committed', async () => {
    const id = `launcher-test-${Date.now()}`;
    const session = driver.session({ database: env.database });
    try {
      await session.executeWrite((tx) =>
        tx.run('CREATE (:LauncherTestNode {id: $id, name: $name})', { id, name: 'Leipzig' }),
      );
      const result = await session.executeRead((tx) =>
        tx.run('MATCH (n:LauncherTestNode {id: $id}) RETURN n.name AS name', { id }),
      );
      expect(result.records.map((record) => record.get('name'))).toEqual(['Leipzig']);
    } finally {
      await session.close();
    }
  });

  const httpUrl = process.env.NEO4J_HTTP_URL;
  const itWithHttp = httpUrl ? it : it.skip; // unknown for an external NEO4J_URI

  itWithHttp('answers on the HTTP connector', async () => {
    const response = await fetch(`${httpUrl}/`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, string>;
    expect(discovery.neo4j_edition).toBe('community');
    expect(discovery.neo4j_version).toMatch(/^5\.26\./);
    expect(discovery.bolt_direct).toBe(env.uri);
  });

  itWithHttp('runs Cypher through the HTTP query API', async () => {
    const response = await fetch(`${httpUrl}/db/neo4j/query/v2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ statement: 'RETURN 40 + 2 AS answer' }),
    });
    expect(response.status).toBe(202);
    const body = (await response.json()) as { data: { values: unknown[][] } };
    expect(body.data.values).toEqual([[42]]);
  });

  itWithHttp('serves Neo4j Browser at /browser/', async () => {
    const response = await fetch(`${httpUrl}/browser/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/<title>Neo4j Browser<\/title>/);
  });
});

describe('startNeo4j', () => {
  const START_STOP_TIMEOUT = 240_000; // two starts of a JVM on a small, busy machine
  let dataDir: string;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-launcher-test-'));
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'stops the server on stop() and keeps its data for the next start',
    async () => {
      const first = await startNeo4j({ dataDir, quiet: true });
      expect(first.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
      expect(first.browserUrl).toBe(browserUrlFor(first.httpUrl, first.uri));
      await withDriver(first.uri, (driver) =>
        driver.executeQuery("CREATE (:Kept {city: 'Pécs'})", {}, { database: 'neo4j' }),
      );
      await first.stop();
      await first.stop(); // a second stop is harmless
      expect(isRunning(first.pid)).toBe(false);

      // The same data directory with more memory (as the benchmark asks for).
      const second = await startNeo4j({
        dataDir,
        quiet: true,
        memory: { heap: '768m', pageCache: '96m' },
      });
      try {
        const { records } = await withDriver(second.uri, (driver) =>
          driver.executeQuery('MATCH (n:Kept) RETURN n.city AS city', {}, { database: 'neo4j' }),
        );
        expect(records.map((record) => record.get('city'))).toEqual(['Pécs']);
        const { records: settings } = await withDriver(second.uri, (driver) =>
          driver.executeQuery(
            "SHOW SETTINGS YIELD name, value WHERE name = 'server.memory.pagecache.size'",
            {},
            { database: 'neo4j' },
          ),
        );
        expect(settings.map((record) => record.get('value'))).toEqual(['96.00MiB']);
        expect(fs.readFileSync(`/proc/${second.pid}/cmdline`, 'utf8').split('\0')).toContain(
          '-Xmx768m',
        );
        expect(fs.readFileSync(path.join(dataDir, 'neo4j.log'), 'utf8')).toMatch(/NEO4J READY/);
      } finally {
        await second.stop();
      }
      expect(isRunning(second.pid)).toBe(false);
      // The first run ended with a clean shutdown, not a kill: Neo4j logged it.
      const neo4jLog = fs.readFileSync(path.join(dataDir, 'home', 'logs', 'neo4j.log'), 'utf8');
      expect(neo4jLog.match(/INFO {2}Stopped\./g)).toHaveLength(2);
    },
    START_STOP_TIMEOUT,
  );

  it(
    'fails with the end of the server output when Neo4j cannot start',
    async () => {
      const taken = net.createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const boltPort = (taken.address() as net.AddressInfo).port;
      try {
        await expect(
          startNeo4j({ dataDir: path.join(dataDir, 'port-taken'), boltPort, quiet: true }),
        ).rejects.toThrow(/Neo4j did not start: the java process exited with code [^]*neo4j\.log/);
      } finally {
        await new Promise((resolve) => taken.close(resolve));
      }
    },
    START_STOP_TIMEOUT,
  );
});

async function withDriver<T>(uri: string, work: (driver: Driver) => Promise<T>): Promise<T> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'neo4j'));
  try {
    return await work(driver);
  } finally {
    await driver.close();
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
