// Start-up failures of `npm start` (src/main.ts): each stops with one line naming its cause.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../../src/db/database';
import { startNeo4j } from '../../src/neo4j/launcher';
import { neo4jTestEnv } from '../support/neo4j-env';

const root = path.join(__dirname, '..', '..');

interface Exit {
  code: number | null;
  /** stdout and stderr, without blank lines. */
  lines: string[];
}

/** Runs src/main.ts with the test Neo4j's settings and these variables, until it exits. */
async function start(env: Record<string, string>): Promise<Exit> {
  const test = neo4jTestEnv();
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NEO4J_URI: test.uri,
      NEO4J_USER: test.user,
      NEO4J_PASSWORD: test.password,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, lines: output.split('\n').filter((line) => line.trim()) };
}

describe('start-up failures: one line naming the cause', () => {
  it('refuses NODE_ENV other than production, development or test', async () => {
    expect(await start({ NODE_ENV: 'prod' })).toEqual({
      code: 2,
      lines: [expect.stringMatching(/^Invalid configuration: NODE_ENV: /)],
    });
  });

  it('names the unreachable host and port', async () => {
    expect(await start({ NEO4J_URI: 'bolt://127.0.0.1:1' })).toEqual({
      code: 1,
      lines: [
        'Start-up failed: cannot reach Neo4j at 127.0.0.1:1: connection refused (check NEO4J_URI)',
      ],
    });
  });

  it('names a TLS mismatch and a missing database', async () => {
    const { host } = new URL(neo4jTestEnv().uri.replace('bolt:', 'http:'));
    expect(await start({ NEO4J_URI: `bolt+s://${host}` })).toEqual({
      code: 1,
      lines: [expect.stringMatching(/^Start-up failed: TLS mismatch with Neo4j at /)],
    });
    expect(await start({ NEO4J_DATABASE: 'nosuchdb' })).toEqual({
      code: 1,
      lines: [expect.stringMatching(/^Start-up failed: Neo4j at .* has no database "nosuchdb"/)],
    });
  });

  it('writes its failure as one JSON line in production', async () => {
    const { code, lines } = await start({
      NODE_ENV: 'production',
      NEO4J_URI: 'bolt://127.0.0.1:1',
    });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 60,
      msg: expect.stringMatching(/^Start-up failed: cannot reach Neo4j at 127\.0\.0\.1:1/),
    });
  });

  it('says that the port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const exit = await start({ PORT: String(port) });
      expect(exit.code).toBe(1);
      expect(exit.lines.at(-1)).toBe(
        `Start-up failed: port ${port} is in use by another process (set PORT or METRICS_PORT)`,
      );
    } finally {
      blocker.close();
      // The start-up recorded the report as loaded into the test database: forget that.
      const db = createDatabase(neo4jTestEnv());
      await db.write("MATCH (l:ReportLoad {id: 'report'}) DELETE l");
      await db.close();
    }
  });

  it('says that the data folder is in use by another Neo4j', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-ops-lock-'));
    const first = await startNeo4j({ dataDir, quiet: true });
    try {
      const second = startNeo4j({ dataDir, quiet: true });
      await expect(second).rejects.toThrow(
        `Neo4j did not start: its data folder ${dataDir} is in use by another Neo4j ` +
          `(the store lock is held): stop the other server first.`,
      );
    } finally {
      await first.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
