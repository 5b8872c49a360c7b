import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  browserUrlFor,
  embeddedAuthFor,
  embeddedPassword,
  NEO4J_PLUGINS,
  PASSWORD_FILE,
  findFreePorts,
  LAUNCHER_DIR,
  launcherCommand,
  launcherNeedsBuild,
} from '../../src/neo4j/launcher';

describe('launcherCommand', () => {
  const base = {
    launcherDir: '/opt/launcher',
    dataDir: 'rel/data',
    boltPort: 7001,
    httpPort: 7002,
  };

  it('runs the launcher class with a small heap, its classpath, ports and data dir', () => {
    const { command, args } = launcherCommand(base);
    expect(command).toBe('java');
    expect(args).toEqual(expect.arrayContaining(['-Xms256m', '-Xmx512m', '-XX:+UseSerialGC']));
    const classpath = args[args.indexOf('-cp') + 1];
    expect(classpath).toBe(
      ['/opt/launcher/target/classes', '/opt/launcher/target/lib/*'].join(path.delimiter),
    );
    const main = args.indexOf('launcher.Launcher');
    expect(main).toBeGreaterThan(args.indexOf('-cp'));
    expect(args.slice(main + 1)).toEqual([
      '--data-dir',
      path.resolve('rel/data'),
      '--bolt-port',
      '7001',
      '--http-port',
      '7002',
      '--page-cache',
      '64m',
      '--watch-stdin',
    ]);
  });

  it('gives a bigger heap and page cache when asked', () => {
    const { args } = launcherCommand({ ...base, memory: { heap: '2g', pageCache: '1g' } });
    expect(args).toContain('-Xmx2g');
    expect(args).not.toContain('-Xmx512m');
    expect(args[args.indexOf('--page-cache') + 1]).toBe('1g');
  });

  it('uses G1 from a heap of a gigabyte, the serial collector below', () => {
    const collectors = (heap: string) =>
      launcherCommand({ ...base, memory: { heap } }).args.filter((arg) => arg.endsWith('GC'));
    expect(collectors('2g')).toEqual(['-XX:+UseG1GC']);
    expect(collectors('1024m')).toEqual(['-XX:+UseG1GC']);
    expect(collectors('1023m')).toEqual(['-XX:+UseSerialGC']);
    expect(collectors('900000k')).toEqual(['-XX:+UseSerialGC']);
  });

  it('refuses a memory size Java and Neo4j would not take', () => {
    expect(() => launcherCommand({ ...base, memory: { heap: '2 GB' } })).toThrow(
      /memory.heap must be a size such as 512m or 2g, got "2 GB"/,
    );
    expect(() => launcherCommand({ ...base, memory: { pageCache: '1g\nx=y' } })).toThrow(
      /memory.pageCache/,
    );
  });

  it('passes the password file and the browser assets folder as absolute paths', () => {
    const { args } = launcherCommand({
      ...base,
      passwordFile: 'rel/data/neo4j-password',
      browserAssetsDir: 'rel/data/browser-assets',
    });
    const main = args.indexOf('launcher.Launcher');
    expect(args.slice(main + 10)).toEqual([
      '--password-file',
      path.resolve('rel/data/neo4j-password'),
      '--browser-assets',
      path.resolve('rel/data/browser-assets'),
    ]);
  });

  it('uses the java of JAVA_HOME when given', () => {
    expect(launcherCommand({ ...base, javaHome: '/jdk' }).command).toBe('/jdk/bin/java');
  });
});

describe('findFreePorts', () => {
  it('gives distinct ports that can be listened on', async () => {
    const ports = await findFreePorts(3);
    expect(new Set(ports).size).toBe(3);
    for (const port of ports) {
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('launcherNeedsBuild', () => {
  let dir: string;
  const touch = (file: string, secondsAgo: number) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file)) fs.writeFileSync(file, '');
    const time = new Date(Date.now() - secondsAgo * 1000);
    fs.utimesSync(file, time, time);
  };
  const built = (secondsAgo: number) => {
    touch(path.join(dir, 'target', 'classes', 'launcher', 'Launcher.class'), secondsAgo);
    const time = new Date(Date.now() - secondsAgo * 1000);
    const folders = ['lib', ...NEO4J_PLUGINS.map((plugin) => path.join('plugins', plugin))];
    for (const folder of folders.map((name) => path.join(dir, 'target', name))) {
      fs.mkdirSync(folder, { recursive: true });
      fs.utimesSync(folder, time, time);
    }
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'launcher-build-'));
    touch(path.join(dir, 'pom.xml'), 100);
    touch(path.join(dir, 'src', 'main', 'java', 'launcher', 'Launcher.java'), 100);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is true when nothing was built', () => {
    expect(launcherNeedsBuild(dir)).toBe(true);
  });

  it('is false when the build is newer than pom.xml and the sources', () => {
    built(10);
    expect(launcherNeedsBuild(dir)).toBe(false);
  });

  it('is true when pom.xml or a source changed after the build', () => {
    built(10);
    touch(path.join(dir, 'pom.xml'), 1);
    expect(launcherNeedsBuild(dir)).toBe(true);
    touch(path.join(dir, 'pom.xml'), 100);
    touch(path.join(dir, 'src', 'main', 'java', 'launcher', 'Launcher.java'), 1);
    expect(launcherNeedsBuild(dir)).toBe(true);
  });

  it('is true when the dependencies were not copied', () => {
    built(10);
    fs.rmSync(path.join(dir, 'target', 'lib'), { recursive: true });
    expect(launcherNeedsBuild(dir)).toBe(true);
  });

  it('points at the launcher project of this repository by default', () => {
    expect(fs.existsSync(path.join(LAUNCHER_DIR, 'pom.xml'))).toBe(true);
    expect(fs.existsSync(path.join(LAUNCHER_DIR, 'mvnw'))).toBe(true);
  });
});

describe('browserUrlFor', () => {
  it("preselects this server's Bolt URL and no authentication in Neo4j Browser", () => {
    const url = new URL(browserUrlFor('http://127.0.0.1:7474', 'bolt://127.0.0.1:7687'));
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:7474/browser/');
    expect(url.searchParams.get('dbms')).toBe('bolt://127.0.0.1:7687');
    expect(url.searchParams.get('preselectAuthMethod')).toBe('NO_AUTH');
  });

  it('preselects user and password when the server asks for them', () => {
    const url = new URL(browserUrlFor('http://127.0.0.1:7474', 'bolt://127.0.0.1:7687', true));
    expect(url.searchParams.get('dbms')).toBe('bolt://127.0.0.1:7687');
    expect(url.searchParams.get('preselectAuthMethod')).toBe('NATIVE');
  });
});

describe('embeddedPassword', () => {
  let dir: string;
  const file = () => path.join(dir, PASSWORD_FILE);
  const mode = () => fs.statSync(file()).mode & 0o777;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'launcher-password-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates a long random password at the first start, into a file only its owner reads', () => {
    const first = embeddedPassword(dir);
    expect(first.file).toBe(file());
    expect(first.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(fs.readFileSync(file(), 'utf8')).toBe(`${first.password}\n`);
    expect(mode()).toBe(0o600);
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'launcher-password-'));
    try {
      expect(embeddedPassword(elsewhere).password).not.toBe(first.password);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("keeps the file's password at later starts, and makes the file private again", () => {
    const { password } = embeddedPassword(dir);
    fs.chmodSync(file(), 0o644);
    expect(embeddedPassword(dir).password).toBe(password);
    expect(mode()).toBe(0o600);
  });

  it('takes a given password (NEO4J_PASSWORD) over the file, and writes it there', () => {
    embeddedPassword(dir);
    expect(embeddedPassword(dir, 'Pécs-2011-secret').password).toBe('Pécs-2011-secret');
    expect(fs.readFileSync(file(), 'utf8')).toBe('Pécs-2011-secret\n');
    expect(mode()).toBe(0o600);
    expect(embeddedPassword(dir).password).toBe('Pécs-2011-secret');
  });

  it("refuses a password Neo4j would not take, and keeps the file's", () => {
    const { password } = embeddedPassword(dir);
    expect(() => embeddedPassword(dir, 'short')).toThrow(
      "the embedded Neo4j's password (NEO4J_PASSWORD) must be one line of at least 8 characters",
    );
    expect(() => embeddedPassword(dir, 'two\nlines-long')).toThrow(/one line/);
    expect(fs.readFileSync(file(), 'utf8')).toBe(`${password}\n`);
  });
});

describe('embeddedAuthFor', () => {
  const config = { neo4jPassword: 'neo4j', neo4jPasswordSet: false };

  it('asks for a password in production only', () => {
    expect(embeddedAuthFor({ ...config, production: false })).toBeUndefined();
    expect(embeddedAuthFor({ ...config, production: true })).toEqual({ password: undefined });
  });

  it('takes NEO4J_PASSWORD in production when it is set', () => {
    const set = { production: true, neo4jPassword: 'from-the-env', neo4jPasswordSet: true };
    expect(embeddedAuthFor(set)).toEqual({ password: 'from-the-env' });
    expect(embeddedAuthFor({ ...set, production: false })).toBeUndefined();
  });
});
