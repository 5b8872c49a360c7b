// The local Neo4j is a real server: Bolt, Cypher, transactions, the HTTP connector and
// Neo4j Browser (with the project's style and guide, and no other host allowed); startNeo4j's
// own instance keeps its data across a stop and restart, and asks for a password when told to.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type AuthToken, type Driver } from 'neo4j-driver';
import {
  BROWSER_GUIDE_FILE,
  BROWSER_STYLE_FILE,
  writeBrowserAssets,
} from '../../src/neo4j/browser-assets';
import { browserUrlFor, PASSWORD_FILE, startNeo4j } from '../../src/neo4j/launcher';
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

  itWithHttp('serves Neo4j Browser at /browser/, allowed to reach this server only', async () => {
    const response = await fetch(`${httpUrl}/browser/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/<title>Neo4j Browser<\/title>/);
    const policy = new Map(
      (response.headers.get('content-security-policy') ?? '')
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...sources]) => [name, sources]),
    );
    const { port: boltPort } = new URL(env.uri.replace('bolt:', 'http:'));
    const { port: httpPort } = new URL(httpUrl!);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      `http://127.0.0.1:${httpPort}`,
      `http://localhost:${httpPort}`,
      `ws://127.0.0.1:${boltPort}`,
      `ws://localhost:${boltPort}`,
      `http://127.0.0.1:${boltPort}`,
      `http://localhost:${boltPort}`,
    ]);
    // No other host anywhere (Neo4j's default names Segment, canny.io and Google Fonts).
    const sources = [...policy.values()].flat();
    expect(sources.filter((source) => /\.[a-z]+$|^(https?|wss?):$/.test(source))).toEqual([]);
  });

  itWithHttp("serves the project's style and guide for Browser at /browser-assets/", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'browser-assets-expected-'));
    try {
      writeBrowserAssets(dataDir);
      for (const file of [BROWSER_STYLE_FILE, BROWSER_GUIDE_FILE]) {
        const response = await fetch(`${httpUrl}/browser-assets/${file}`);
        expect(response.status).toBe(200);
        expect(await response.text()).toBe(fs.readFileSync(path.join(dataDir, file), 'utf8'));
      }
      expect((await fetch(`${httpUrl}/browser-assets/neo4j.conf`)).status).toBe(404);
      // Only the files it was given: nothing beside them in the data folder.
      const outside = await fetch(`${httpUrl}/browser-assets/..%2Fneo4j.log`);
      expect([400, 404]).toContain(outside.status);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  itWithHttp('tells Browser to load the style and the guide on connect', async () => {
    const { records } = await driver.executeQuery(
      'CALL dbms.clientConfig() YIELD name, value RETURN name, value',
      {},
      { database: env.database },
    );
    const settings = new Map(records.map((r) => [r.get('name') as string, r.get('value')]));
    expect(settings.get('browser.post_connect_cmd')).toBe(
      `style ${httpUrl}/browser-assets/${BROWSER_STYLE_FILE}; ` +
        `guide ${httpUrl}/browser-assets/${BROWSER_GUIDE_FILE}`,
    );
    expect(settings.get('browser.remote_content_hostname_whitelist')).toBe('127.0.0.1,localhost');
    expect(settings.get('client.allow_telemetry')).toBe('false');
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

describe('startNeo4j with authentication (as in production)', () => {
  const THREE_STARTS = 360_000;
  let dataDir: string;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-launcher-auth-test-'));
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The error code Neo4j answers `RETURN 1` with ('ok' if none); no `auth`: no credentials. */
  const attempt = async (uri: string, auth?: AuthToken) => {
    const driver = neo4j.driver(uri, auth);
    try {
      await driver.executeQuery('RETURN 1', {}, { database: 'neo4j' });
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code;
    } finally {
      await driver.close();
    }
  };
  const UNAUTHORIZED = 'Neo.ClientError.Security.Unauthorized';

  it(
    "asks for the data folder's password, keeps it at the next start, and takes a given one",
    async () => {
      const file = path.join(dataDir, PASSWORD_FILE);
      const first = await startNeo4j({ dataDir, quiet: true, auth: {} });
      let password: string;
      try {
        password = fs.readFileSync(file, 'utf8').trim();
        expect(first).toMatchObject({ authentication: true, password, passwordFile: file });
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        expect(new URL(first.browserUrl).searchParams.get('preselectAuthMethod')).toBe('NATIVE');

        expect(await attempt(first.uri, undefined)).toBe(UNAUTHORIZED); // no credentials
        expect(await attempt(first.uri, neo4j.auth.basic('neo4j', 'neo4j'))).toBe(UNAUTHORIZED);
        expect(await attempt(first.uri, neo4j.auth.basic('neo4j', password))).toBe('ok');
        const query = (auth?: string) =>
          fetch(`${first.httpUrl}/db/neo4j/query/v2`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(auth ? { authorization: `Basic ${Buffer.from(auth).toString('base64')}` } : {}),
            },
            body: JSON.stringify({ statement: 'RETURN 1' }),
          });
        expect((await query()).status).toBe(401);
        expect((await query(`neo4j:${password}`)).status).toBe(202);

        // Bolt and HTTP still listen on the loopback interface only.
        const { records } = await withDriver(
          first.uri,
          (driver) =>
            driver.executeQuery(
              "SHOW SETTINGS YIELD name, value WHERE name ENDS WITH '.listen_address' RETURN name, value",
              {},
              { database: 'neo4j' },
            ),
          neo4j.auth.basic('neo4j', password),
        );
        const addresses = records.map((record) => record.get('value') as string);
        expect(addresses.length).toBeGreaterThanOrEqual(2);
        for (const address of addresses) expect(address).toMatch(/^127\.0\.0\.1:/);
      } finally {
        await first.stop();
      }

      const second = await startNeo4j({ dataDir, quiet: true, auth: {} });
      try {
        expect(second.password).toBe(password);
        expect(await attempt(second.uri, neo4j.auth.basic('neo4j', password))).toBe('ok');
      } finally {
        await second.stop();
      }

      // NEO4J_PASSWORD replaces it: in Neo4j and in the file.
      const given = 'Ljubljana-2012-rotated';
      const third = await startNeo4j({ dataDir, quiet: true, auth: { password: given } });
      try {
        expect(third.password).toBe(given);
        expect(fs.readFileSync(file, 'utf8')).toBe(`${given}\n`);
        expect(await attempt(third.uri, neo4j.auth.basic('neo4j', given))).toBe('ok');
        expect(await attempt(third.uri, neo4j.auth.basic('neo4j', password))).toBe(UNAUTHORIZED);
      } finally {
        await third.stop();
      }
    },
    THREE_STARTS,
  );
});

async function withDriver<T>(
  uri: string,
  work: (driver: Driver) => Promise<T>,
  auth = neo4j.auth.basic('neo4j', 'neo4j'),
): Promise<T> {
  const driver = neo4j.driver(uri, auth);
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
