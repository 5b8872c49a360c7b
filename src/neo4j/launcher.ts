// Runs a real Neo4j Community server without Docker: the Java launcher in tools/neo4j,
// built with Maven on first use. Used by `npm start` (when NEO4J_URI is unset), `npm run
// neo4j` and the integration tests' global setup.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import neo4j, { type AuthToken } from 'neo4j-driver';
import type { Config } from '../config';
import { writeBrowserAssets } from './browser-assets';

export const LAUNCHER_DIR = path.resolve(__dirname, '..', '..', 'tools', 'neo4j');

/** The defaults: a small development and test database. */
const DEFAULT_HEAP = '512m';
const DEFAULT_PAGE_CACHE = '64m';
/** A size as Java's -Xmx and Neo4j's memory settings take it: 512m, 2g, … */
const MEMORY_SIZE = /^[1-9][0-9]*[kmg]$/;

/**
 * A small development and test database (the default heap) on a 2-core machine gets the
 * serial collector: about 120 MB less memory than G1, and it starts as fast. A heap of a
 * gigabyte or more (the benchmark's) gets G1, Neo4j's own choice: it loaded the scale-1000
 * graph 10–20 % faster here (npm run bench:load, 3 runs each).
 */
function garbageCollectorFor(heap: string): string {
  const megabytes =
    Number(heap.slice(0, -1)) * { k: 1 / 1024, m: 1, g: 1024 }[heap.slice(-1) as 'k' | 'm' | 'g'];
  return megabytes >= 1024 ? '-XX:+UseG1GC' : '-XX:+UseSerialGC';
}

export const JVM_OPTIONS = [
  '-XX:+ExitOnOutOfMemoryError',
  // What Neo4j's own start script passes to Java 17.
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.nio.maxCachedBufferSize=1024',
];

const READY_PATTERN = /^NEO4J READY (bolt:\/\/\S+) (http:\/\/\S+)/;
const START_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 20_000;

export interface StartNeo4jOptions {
  /** Holds the server's home (config, databases, Neo4j's logs) and neo4j.log (its output). */
  dataDir: string;
  /** Free ports are picked when not given. */
  boltPort?: number;
  httpPort?: number;
  /** Do not echo the server's and Maven's output (it still goes to `<dataDir>/neo4j.log`). */
  quiet?: boolean;
  /** Where each line of the server's output is echoed (default: stdout as `[neo4j] line`). */
  onOutput?: (line: string) => void;
  /**
   * Optional plugins to put into the server's plugins directory (none by default): `apoc` is
   * APOC Core of the same Neo4j version, which e.g. @neo4j/graphql needs (see bench/).
   */
  plugins?: Neo4jPlugin[];
  /** Larger memory for big graphs (e.g. the benchmark's scale 1000); see Neo4jMemory. */
  memory?: Neo4jMemory;
  /**
   * Authentication on (production): user `neo4j` with `password` when given, else with the
   * password of `<dataDir>/neo4j-password` (generated at the first start). See embeddedPassword.
   * Without it authentication is off (development and tests).
   */
  auth?: { password?: string };
}

/**
 * Sizes such as `512m` or `2g`. heap: the JVM's maximum heap (default 512m); pageCache:
 * Neo4j's page cache, which holds the store files in memory (default 64m).
 */
export interface Neo4jMemory {
  heap?: string;
  pageCache?: string;
}

/** Plugins the launcher build provides, each in target/plugins/<name> (see pom.xml). */
export const NEO4J_PLUGINS = ['apoc'] as const;
export type Neo4jPlugin = (typeof NEO4J_PLUGINS)[number];

/**
 * Neo4j Browser's address with its connect form filled in: this server's Bolt URL, and no
 * authentication (Browser then connects by itself) or, when the server has it, user and
 * password.
 */
export function browserUrlFor(httpUrl: string, boltUri: string, authentication = false): string {
  const query = new URLSearchParams({
    dbms: boltUri,
    preselectAuthMethod: authentication ? 'NATIVE' : 'NO_AUTH',
  });
  return `${httpUrl}/browser/?${query.toString()}`;
}

export interface LocalNeo4j {
  uri: string;
  httpUrl: string;
  browserUrl: string;
  /** Whether the server asks for a password (see StartNeo4jOptions.auth). */
  authentication: boolean;
  /** With authentication off, any credentials are accepted (these are Neo4j's defaults). */
  user: string;
  password: string;
  /** With authentication: the file that holds the password. */
  passwordFile?: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Whether the embedded Neo4j asks for a password, and which: in production yes (it listens on
 * loopback only, but other local users and processes could reach it), with NEO4J_PASSWORD when
 * set; in development and tests no.
 */
export function embeddedAuthFor(
  config: Pick<Config, 'production' | 'neo4jPassword' | 'neo4jPasswordSet'>,
): StartNeo4jOptions['auth'] {
  if (!config.production) return undefined;
  return { password: config.neo4jPasswordSet ? config.neo4jPassword : undefined };
}

/** In the data folder, beside the server's home: the password of user neo4j. */
export const PASSWORD_FILE = 'neo4j-password';
/** Neo4j's dbms.security.auth_minimum_password_length. */
const MIN_PASSWORD_LENGTH = 8;

/**
 * The password of the embedded Neo4j with authentication: `given` (NEO4J_PASSWORD) when set,
 * else the one `<dataDir>/neo4j-password` holds, else a new random one. The file then holds it
 * (mode 0600: its owner alone reads it): the launcher gives it to Neo4j from there, and an
 * operator finds it there. So a second start keeps the password, and a given one replaces it.
 */
export function embeddedPassword(
  dataDir: string,
  given?: string,
): { password: string; file: string } {
  const file = path.join(dataDir, PASSWORD_FILE);
  const stored = fs.existsSync(file) ? (fs.readFileSync(file, 'utf8').split('\n')[0] ?? '') : '';
  const password = given ?? (stored || crypto.randomBytes(24).toString('base64url'));
  if (password.length < MIN_PASSWORD_LENGTH || /[\r\n]/.test(password)) {
    throw new Error(
      `the embedded Neo4j's password (NEO4J_PASSWORD) must be one line of at least ` +
        `${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  fs.mkdirSync(dataDir, { recursive: true });
  if (password !== stored) fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600); // writeFileSync's mode applies only to a new file
  return { password, file };
}

/** The java command line that runs the built launcher. */
export function launcherCommand(options: {
  launcherDir: string;
  dataDir: string;
  boltPort: number;
  httpPort: number;
  javaHome?: string;
  plugins?: readonly Neo4jPlugin[];
  memory?: Neo4jMemory;
  /** Authentication on, with the password this file holds. */
  passwordFile?: string;
  /** Files for Neo4j Browser to load on connect (see browser-assets.ts). */
  browserAssetsDir?: string;
}): { command: string; args: string[] } {
  const { launcherDir, dataDir, boltPort, httpPort, javaHome } = options;
  const heap = memorySize('heap', options.memory?.heap ?? DEFAULT_HEAP);
  const pageCache = memorySize('pageCache', options.memory?.pageCache ?? DEFAULT_PAGE_CACHE);
  const target = path.join(launcherDir, 'target');
  // Plugins go on the classpath too, as Neo4j's own start script puts plugins/* there: APOC's
  // kernel extensions (e.g. its config) are found only through the classpath.
  const classpath = [
    path.join(target, 'classes'),
    path.join(target, 'lib', '*'),
    ...(options.plugins ?? []).map((plugin) => path.join(target, 'plugins', plugin, '*')),
  ].join(path.delimiter);
  return {
    command: javaHome ? path.join(javaHome, 'bin', 'java') : 'java',
    args: [
      '-Xms256m',
      `-Xmx${heap}`,
      garbageCollectorFor(heap),
      ...JVM_OPTIONS,
      '-cp',
      classpath,
      'launcher.Launcher',
      '--data-dir',
      path.resolve(dataDir),
      '--bolt-port',
      String(boltPort),
      '--http-port',
      String(httpPort),
      '--page-cache',
      pageCache,
      // Stop when our end of its stdin closes: it does not outlive a killed parent.
      '--watch-stdin',
      // A file, not the password itself: the command line is visible to every local user.
      ...(options.passwordFile ? ['--password-file', path.resolve(options.passwordFile)] : []),
      ...(options.browserAssetsDir
        ? ['--browser-assets', path.resolve(options.browserAssetsDir)]
        : []),
    ],
  };
}

function memorySize(name: keyof Neo4jMemory, size: string): string {
  if (!MEMORY_SIZE.test(size)) {
    throw new Error(`memory.${name} must be a size such as 512m or 2g, got "${size}"`);
  }
  return size;
}

/** Ports that are free on 127.0.0.1 now (the OS picks them; all distinct). */
export async function findFreePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((server) => (server.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(
      servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
    );
  }
}

/** Whether the launcher must be (re)built: no build output, or pom/sources newer than it. */
export function launcherNeedsBuild(launcherDir = LAUNCHER_DIR): boolean {
  const outputs = [
    path.join(launcherDir, 'target', 'classes', 'launcher', 'Launcher.class'),
    path.join(launcherDir, 'target', 'lib'),
    ...NEO4J_PLUGINS.map((plugin) => path.join(launcherDir, 'target', 'plugins', plugin)),
  ];
  if (!outputs.every((file) => fs.existsSync(file))) return true;
  const builtAt = Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs));
  const inputs = [path.join(launcherDir, 'pom.xml'), ...listFiles(path.join(launcherDir, 'src'))];
  return inputs.some((file) => fs.statSync(file).mtimeMs > builtAt);
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    );
}

/**
 * Builds the launcher with the Maven Wrapper (only a JDK needed), or `mvn` when the wrapper
 * is missing. `clean` first, so that jars of a former Neo4j version do not stay in target/lib.
 */
export async function buildLauncher(
  options: { quiet?: boolean; launcherDir?: string } = {},
): Promise<void> {
  const launcherDir = options.launcherDir ?? LAUNCHER_DIR;
  const wrapper = path.join(launcherDir, 'mvnw');
  const maven = fs.existsSync(wrapper) ? wrapper : 'mvn';
  const args = [
    '-q',
    '-B',
    '-f',
    path.join(launcherDir, 'pom.xml'),
    'clean',
    'package',
    '-DskipTests',
  ];
  const child = spawn(maven, args, {
    cwd: launcherDir,
    stdio: ['ignore', options.quiet ? 'pipe' : 'inherit', options.quiet ? 'pipe' : 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) {
    throw new Error(
      `Building the Neo4j launcher failed (${maven} ${args.join(' ')}, exit ${code}). ` +
        'It needs a JDK 17+ and access to Maven Central.' +
        (output ? `\n${tail(output, 40)}` : ''),
    );
  }
}

/**
 * Makes `<home>/plugins` hold exactly the requested plugins' jars: copies them from the
 * launcher build and removes those of plugins not requested (a data directory started once
 * with a plugin does not keep it). Other files there are left alone.
 */
export function syncPlugins(
  pluginsDir: string,
  requested: readonly Neo4jPlugin[],
  launcherDir = LAUNCHER_DIR,
): void {
  fs.mkdirSync(pluginsDir, { recursive: true });
  for (const plugin of NEO4J_PLUGINS) {
    const builtDir = path.join(launcherDir, 'target', 'plugins', plugin);
    const jars = fs.existsSync(builtDir) ? fs.readdirSync(builtDir) : [];
    for (const jar of jars) {
      const target = path.join(pluginsDir, jar);
      if (requested.includes(plugin)) fs.copyFileSync(path.join(builtDir, jar), target);
      else fs.rmSync(target, { force: true });
    }
  }
}

/** Starts a local Neo4j and resolves once Bolt answers a query. */
export async function startNeo4j(options: StartNeo4jOptions): Promise<LocalNeo4j> {
  const dataDir = path.resolve(options.dataDir);
  if (launcherNeedsBuild()) await buildLauncher({ quiet: options.quiet });

  const free = await findFreePorts(2);
  const boltPort = options.boltPort ?? (free[0] as number);
  const httpPort = options.httpPort ?? (free.find((port) => port !== boltPort) as number);
  fs.mkdirSync(dataDir, { recursive: true });
  const credentials = options.auth
    ? embeddedPassword(dataDir, options.auth.password)
    : { password: 'neo4j', file: undefined };
  const browserAssetsDir = path.join(dataDir, 'browser-assets');
  writeBrowserAssets(browserAssetsDir);
  const { command, args } = launcherCommand({
    launcherDir: LAUNCHER_DIR,
    dataDir,
    boltPort,
    httpPort,
    javaHome: process.env.JAVA_HOME,
    plugins: options.plugins,
    memory: options.memory,
    passwordFile: credentials.file,
    browserAssetsDir,
  });

  // The Java launcher runs the server with <dataDir>/home as its home.
  syncPlugins(path.join(dataDir, 'home', 'plugins'), options.plugins ?? []);
  const logFile = path.join(dataDir, 'neo4j.log');
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  log.write(`--- ${new Date().toISOString()} starting Neo4j: Bolt ${boltPort}, HTTP ${httpPort}\n`);
  // Its own process group: a Ctrl-C in the terminal reaches only us, so the API can finish
  // its in-flight requests before it stops Neo4j. If we die without stopping it, Neo4j sees
  // its stdin close and shuts down by itself.
  const child = spawn(command, args, { cwd: dataDir, stdio: 'pipe', detached: true });
  track(child);

  const recent: string[] = [];
  let ready: ((urls: { uri: string; httpUrl: string }) => void) | undefined;
  const readyLine = new Promise<{ uri: string; httpUrl: string }>((resolve) => (ready = resolve));
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      log.write(line + '\n');
      if (!options.quiet) (options.onOutput ?? echo)(line);
      recent.push(line);
      if (recent.length > 40) recent.shift();
      const match = READY_PATTERN.exec(line);
      if (match) ready?.({ uri: match[1] as string, httpUrl: match[2] as string });
    });
  }
  // 'close' comes after 'exit' and after the last output line was read.
  const exited = new Promise<string>((resolve) =>
    child.once('close', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)),
  );

  const stop = once(async () => {
    untrack(child);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    child.stdin?.end();
    await new Promise<void>((resolve) => log.end(resolve));
  });

  const failure = (reason: string) =>
    recent.some((line) => line.includes('store_lock'))
      ? new Error(
          `Neo4j did not start: its data folder ${dataDir} is in use by another Neo4j ` +
            `(the store lock is held): stop the other server first.`,
        )
      : new Error(
          `Neo4j did not start: ${reason}. ` +
            (recent.length
              ? `Its output (${logFile}) ends with:\n${recent.map((line) => `  ${line}`).join('\n')}`
              : `It printed nothing (${logFile}).`),
        );
  let timer: NodeJS.Timeout | undefined;
  try {
    const started = Date.now();
    const urls = await Promise.race([
      readyLine,
      new Promise<never>((_, reject) =>
        child.once('error', (error) =>
          reject(failure(`cannot run ${command} (${error.message}); it needs a JDK 17+`)),
        ),
      ),
      exited.then((how) => Promise.reject(failure(`the java process exited with ${how}`))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(failure(`no ready line within ${START_TIMEOUT_MS / 1000} s`)),
          START_TIMEOUT_MS,
        );
      }),
    ]);
    const auth = neo4j.auth.basic('neo4j', credentials.password);
    await waitUntilAnswering(urls.uri, auth, started + START_TIMEOUT_MS).catch((error: Error) => {
      throw failure(`Bolt does not answer at ${urls.uri} (${error.message})`);
    });
    return {
      uri: urls.uri,
      httpUrl: urls.httpUrl,
      browserUrl: browserUrlFor(urls.httpUrl, urls.uri, Boolean(options.auth)),
      authentication: Boolean(options.auth),
      user: 'neo4j',
      password: credentials.password,
      passwordFile: credentials.file,
      pid: child.pid as number,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

const echo = (line: string) => console.log(`[neo4j] ${line}`);

/**
 * Waits until Bolt answers a query. The first query of a fresh JVM loads and compiles Cypher's
 * code (seconds; half a minute on a loaded machine): it is paid here, not by the caller's first
 * query within its transaction timeout.
 */
async function waitUntilAnswering(uri: string, auth: AuthToken, deadline: number): Promise<void> {
  const driver = neo4j.driver(uri, auth);
  try {
    for (;;) {
      const session = driver.session();
      try {
        await session.run('RETURN 1');
        return;
      } catch (error) {
        // A wrong password does not get better by waiting (and Neo4j locks out repeated tries).
        const unauthorized =
          (error as { code?: string }).code === 'Neo.ClientError.Security.Unauthorized';
        if (unauthorized || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      } finally {
        await session.close();
      }
    }
  } finally {
    await driver.close();
  }
}

// Children still running when this process ends get SIGTERM (and shut down cleanly on
// their own). On SIGINT/SIGTERM we only step in when nobody else listens for the signal:
// then we stop them and let the signal end this process as it would have.
const running = new Set<ChildProcess>();

function killRunning(): void {
  for (const child of running) child.kill('SIGTERM');
}

function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return; // the application handles it (and stops us)
  killRunning();
  process.removeListener(signal, onSignal);
  process.kill(process.pid, signal);
}

function track(child: ChildProcess): void {
  if (running.size === 0) {
    process.on('exit', killRunning);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  running.add(child);
}

function untrack(child: ChildProcess): void {
  running.delete(child);
  if (running.size === 0) {
    process.removeListener('exit', killRunning);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= action());
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
