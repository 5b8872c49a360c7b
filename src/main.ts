// npm start: Neo4j (the embedded launcher unless NEO4J_URI is set) → schema → report → API.
// First of all imports: tracing patches the modules below as they load (src/tracing.ts).
import { stopTracing, tracingEnabled } from './tracing';
import http from 'node:http';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { createDatabase } from './db/database';
import { createServer } from './graphql/server';
import { createLogger } from './logger';
import { checkNeo4j } from './neo4j/connection-check';
import { embeddedAuthFor, startNeo4j, type LocalNeo4j } from './neo4j/launcher';
import { ensureReportLoaded } from './ingest';

const SHUTDOWN_GRACE_MS = 15_000;

/**
 * In production every line is a JSON log line (for the log collector); elsewhere the
 * start-up messages are plain text for the person at the terminal.
 */
const production = process.env.NODE_ENV === 'production';

/** One line that says why start-up stopped, then the exit. */
function fail(message: string, exitCode: number): never {
  if (production) createLogger('fatal').fatal(message);
  else console.error(message);
  process.exit(exitCode);
}

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2);
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const announce = (message: string, fields: Record<string, unknown>) =>
    production ? logger.info(fields, message) : console.log(message);

  let embedded: LocalNeo4j | null = null;
  let neo4j = {
    uri: config.neo4jUri ?? '',
    user: config.neo4jUser,
    password: config.neo4jPassword,
  };
  if (!config.neo4jUri) {
    logger.info('NEO4J_URI not set: starting the embedded Neo4j (data in .data/neo4j)');
    embedded = await startNeo4j({
      dataDir: path.join(__dirname, '..', '.data', 'neo4j'),
      onOutput: production ? (line) => logger.info({ neo4j: line }, 'neo4j output') : undefined,
      auth: embeddedAuthFor(config),
    });
    neo4j = { uri: embedded.uri, user: embedded.user, password: embedded.password };
  }

  await checkNeo4j({ ...neo4j, database: config.neo4jDatabase });
  const db = createDatabase({ ...neo4j, database: config.neo4jDatabase });
  await ensureReportLoaded(db, logger);

  const explorer = {
    ...config.explorer,
    neo4jBrowserUrl: config.explorer.neo4jBrowserUrl ?? embedded?.browserUrl,
  };
  const api = await createServer({ config: { ...config, explorer }, db, logger });
  const server = http.createServer(api.handler);
  const port = await listen(server, config.port);
  const metricsServer =
    api.metricsHandler && config.metricsPort
      ? http.createServer(api.metricsHandler)
      : null;
  if (metricsServer) await listen(metricsServer, config.metricsPort!);
  announce(`API ready: http://localhost:${port}/graphql  (explorer: http://localhost:${port}/)`, {
    port,
    metricsPort: metricsServer ? config.metricsPort : undefined,
    tracing: tracingEnabled ? process.env.OTEL_EXPORTER_OTLP_ENDPOINT : 'off',
  });
  if (embedded) {
    const login = embedded.passwordFile
      ? `user neo4j, password in ${embedded.passwordFile}`
      : 'no authentication';
    announce(`Neo4j Browser: ${embedded.browserUrl}  (connect to ${embedded.uri}, ${login})`, {
      neo4jBrowser: embedded.browserUrl,
    });
  }
  // In the background: requests are answered meanwhile, only their first plans may wait.
  api.warmUp().then(
    (summary) =>
      summary.unexpected.length === 0
        ? logger.info(summary, 'contract queries warmed up')
        : logger.warn(summary, 'contract queries warmed up, with unexpected errors'),
    (error: unknown) => logger.warn({ err: error }, 'warm-up failed'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // Stop accepting connections and close idle keep-alives; requests in flight finish (up
    // to SHUTDOWN_GRACE_MS) before the database goes: closing it first would fail them.
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const idleCloser = setInterval(() => server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => {
      logger.warn('shutdown grace period over: closing the remaining connections');
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    metricsServer?.close();
    await drained;
    clearInterval(idleCloser);
    clearTimeout(deadline);
    await api.stop();
    await db.close();
    if (embedded) await embedded.stop();
    await stopTracing();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Listens on the port; a port in use stops start-up with a line that says so. */
async function listen(server: http.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  }).catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE'
      ? new Error(`port ${port} is in use by another process (set PORT or METRICS_PORT)`)
      : error;
  });
  return (server.address() as { port: number }).port;
}

main().catch((error: unknown) => {
  fail(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`, 1);
});
