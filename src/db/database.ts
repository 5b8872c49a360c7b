import { SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import neo4j, {
  Driver,
  ManagedTransaction,
  QueryResult,
  RecordShape,
  type Session,
} from 'neo4j-driver';
import { isConnectivityError, isRetryableConflict, translateNeo4jError } from './errors';
import { toPlain } from './plain';

export { toPlain };

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database: string;
  /** Called once per round trip to Neo4j (a query or a transaction); tests count them. */
  onRoundTrip?: () => void;
  /** Neo4j ends a transaction that runs longer (also one waiting for a lock). Default 10 s. */
  transactionTimeoutMs?: number;
  /** Connections to Neo4j (default 50); a request waits connectionAcquisitionTimeoutMs for one. */
  maxConnectionPoolSize?: number;
  /**
   * Default 10 s, as long as a transaction may run: a burst of writes to one entity queues on
   * its lock while holding connections, and the requests behind them should wait their turn,
   * not fail, for as long as one of those writes could take anyway.
   */
  connectionAcquisitionTimeoutMs?: number;
}

/** How long transactions that lost a conflict (deadlock, lock) are retried. */
const CONFLICT_RETRY_MS = 10_000;

type Params = Record<string, unknown>;
type AccessMode = 'READ' | 'WRITE';

/**
 * What this process asks of the driver's connection pool, as counted here: neo4j-driver
 * publishes no state of its pool (its own idle and in-use connections are not known).
 */
export interface PoolUsage {
  /** Sessions open now (a query, a transaction or a ping): each holds a connection or waits for one. */
  sessionsInUse: number;
  /**
   * Sessions beyond the pool's maximum, which must be waiting for a connection. With a
   * cluster (neo4j:// routing) each server has a pool of that size: then a lower bound.
   */
  sessionsWaitingForConnection: number;
  /** maxConnectionPoolSize: the most connections the driver opens to one server. */
  maxConnectionPoolSize: number;
}

/**
 * Spans of the Neo4j work, children of whatever span is active (the GraphQL operation's).
 * Without a tracer provider (tracing off, see src/tracing.ts) they are no-ops.
 */
const tracer = trace.getTracer('creative-cities-graph/db');

/**
 * The one place that talks to the driver: sessions per unit of work, executeRead /
 * executeWrite (which retry transient errors), rows turned into plain JS, Neo4j errors
 * turned into domain errors (src/errors.ts).
 */
export interface Database {
  readonly driver: Driver;
  read<T = Record<string, unknown>>(cypher: string, params?: Params): Promise<T[]>;
  write<T = Record<string, unknown>>(cypher: string, params?: Params): Promise<T[]>;
  /** `timeoutMs` overrides the transaction timeout, e.g. for bulk loads. */
  writeTransaction<R>(
    work: (tx: ManagedTransaction) => Promise<R>,
    options?: { timeoutMs?: number },
  ): Promise<R>;
  /** Resolves when Neo4j answers; rejects (translated) otherwise. */
  ping(): Promise<void>;
  /** Sessions in use and waiting, for the metrics. */
  poolUsage(): PoolUsage;
  close(): Promise<void>;
}

/**
 * Plain rows of a result: every record as an object, Integers as numbers. Built from the
 * record's keys and fields rather than `record.toObject()`, whose down-compiled generator
 * allocated about 1.5 kB of garbage per record (0.78 MB for a 500-row list).
 */
export function rowsOf<T>(result: QueryResult<RecordShape>): T[] {
  return result.records.map((record) => {
    const row: Record<string, unknown> = {};
    record.keys.forEach((key, index) => {
      row[key as string] = toPlain(record.get(index));
    });
    return row as T;
  });
}

/**
 * JS numbers travel as floats; Cypher wants integers for LIMIT, SKIP, years and orders.
 * Every whole number in the parameters goes as a Neo4j Integer. Lists and maps without one
 * are passed on as they are, not copied: a bulk load's rows arrive converted already.
 */
export function toNeo4jParams(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) {
    let converted: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = toNeo4jParams(value[i]);
      if (item !== value[i]) (converted ??= value.slice())[i] = item;
    }
    return converted ?? value;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const map = value as Record<string, unknown>;
    let converted: Record<string, unknown> | undefined;
    for (const key in map) {
      const entry = toNeo4jParams(map[key]);
      if (entry !== map[key]) (converted ??= { ...map })[key] = entry;
    }
    return converted ?? value;
  }
  return value;
}

/** Marks a span as failed by `error`. */
function failed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/**
 * The work sees a ManagedTransaction (run only): commit and rollback stay ours. Each query
 * it runs gets integer parameters and a span that ends when its result has arrived.
 */
function managed(tx: Pick<ManagedTransaction, 'run'>, attributes: Attributes): ManagedTransaction {
  const run = tx.run.bind(tx);
  return Object.assign(Object.create(tx) as ManagedTransaction, {
    run: (cypher: string, params?: Params) => {
      const span = tracer.startSpan('neo4j query', {
        kind: SpanKind.CLIENT,
        attributes: { ...attributes, 'db.query.text': cypher },
      });
      const result = run(cypher, toNeo4jParams(params ?? {}) as Params);
      // Every caller awaits the result; this only watches it (a rejection stays the caller's).
      result.then(
        () => span.end(),
        (error: unknown) => {
          failed(span, error);
          span.end();
        },
      );
      return result;
    },
  });
}

/** Runs `work` in a span that is active meanwhile (its queries' spans become its children). */
function inSpan<R>(
  name: string,
  kind: SpanKind,
  attributes: Attributes,
  work: () => Promise<R>,
): Promise<R> {
  return tracer.startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

export function createDatabase(options: DatabaseOptions): Database {
  const maxConnectionPoolSize = options.maxConnectionPoolSize ?? 50;
  const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
    // Fail fast when Neo4j is gone: the API must answer SERVICE_UNAVAILABLE quickly.
    connectionTimeout: 3_000,
    connectionAcquisitionTimeout: options.connectionAcquisitionTimeoutMs ?? 10_000,
    maxConnectionPoolSize,
    // Integers arrive as JS numbers (ours are years, orders and counts, far below 2^53),
    // which saves an Integer object per value on large results.
    disableLosslessIntegers: true,
  });
  const transactionTimeout = options.transactionTimeoutMs ?? 10_000;
  const server = new URL(options.uri.replace(/^[a-z+]+:/, 'bolt:'));
  /** What every span of this database says about it (OpenTelemetry's database conventions). */
  const databaseAttributes = (mode: AccessMode): Attributes => ({
    'db.system.name': 'neo4j',
    'db.namespace': options.database,
    'server.address': server.hostname,
    'server.port': Number(server.port || 7687),
    'db.neo4j.access_mode': mode,
  });

  let sessionsInUse = 0;
  /** A session for the use, counted as in use (holding or waiting for a connection) meanwhile. */
  async function withSession<R>(mode: AccessMode, use: (session: Session) => Promise<R>) {
    sessionsInUse += 1;
    const session = driver.session({
      database: options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      return await use(session);
    } finally {
      await session.close().catch(() => undefined);
      sessionsInUse -= 1;
    }
  }

  /** One explicit transaction: the work's queries, then commit (rollback on failure). */
  function inTransaction<R>(
    mode: AccessMode,
    work: (tx: ManagedTransaction) => Promise<R>,
    timeout: number,
  ): Promise<R> {
    const attributes = databaseAttributes(mode);
    return inSpan('neo4j transaction', SpanKind.INTERNAL, attributes, () =>
      withSession(mode, async (session) => {
        const tx = session.beginTransaction({ timeout });
        try {
          const result = await work(managed(tx, attributes));
          await tx.commit();
          return result;
        } catch (error) {
          if (tx.isOpen()) await tx.rollback().catch(() => undefined);
          throw error;
        }
      }),
    );
  }

  /**
   * A single read query as an auto-commit transaction: one network round trip (RUN and PULL
   * sent together) instead of also a COMMIT; nothing to roll back for a read.
   */
  function autoCommitRead<T>(cypher: string, params: Params): Promise<T[]> {
    const attributes = { ...databaseAttributes('READ'), 'db.query.text': cypher };
    return inSpan('neo4j query', SpanKind.CLIENT, attributes, () =>
      withSession('READ', async (session) => {
        const result = await session.run(cypher, toNeo4jParams(params) as Params, {
          timeout: transactionTimeout,
        });
        return rowsOf<T>(result);
      }),
    );
  }

  /**
   * Our own retry loop instead of the driver's executeRead/executeWrite, whose retries of an
   * unreachable server take seconds: transactions that lost a conflict (deadlock, lock) are
   * retried for up to CONFLICT_RETRY_MS with a short jittered backoff; a read meeting a dead connection (left over from
   * a Neo4j restart) is tried once more; anything else fails at once, so that the API answers
   * SERVICE_UNAVAILABLE quickly. Writes are not repeated after a connection failure: the
   * commit may have happened, and a non-idempotent write must not be applied twice.
   */
  async function withRetries<R>(mode: AccessMode, once: () => Promise<R>): Promise<R> {
    options.onRoundTrip?.();
    const started = Date.now();
    for (let tries = 1; ; tries++) {
      try {
        return await once();
      } catch (error) {
        const conflict =
          isRetryableConflict(error, mode) && Date.now() - started < CONFLICT_RETRY_MS;
        const staleConnection = mode === 'READ' && tries === 1 && isConnectivityError(error);
        if (!conflict && !staleConnection) throw translateNeo4jError(error);
        if (conflict) await sleep(Math.min(200, 10 * 2 ** tries) * (0.5 + Math.random()));
      }
    }
  }

  const transaction = <R>(
    mode: AccessMode,
    work: (tx: ManagedTransaction) => Promise<R>,
    timeout = transactionTimeout,
  ) => withRetries(mode, () => inTransaction(mode, work, timeout));

  return {
    driver,
    read: (cypher, params = {}) => withRetries('READ', () => autoCommitRead(cypher, params)),
    write: (cypher, params = {}) =>
      transaction('WRITE', async (tx) => rowsOf(await tx.run(cypher, params))),
    writeTransaction: (work, { timeoutMs } = {}) => transaction('WRITE', work, timeoutMs),
    async ping() {
      sessionsInUse += 1;
      try {
        await driver.getServerInfo({ database: options.database });
      } catch (error) {
        throw translateNeo4jError(error);
      } finally {
        sessionsInUse -= 1;
      }
    },
    poolUsage: () => ({
      sessionsInUse,
      sessionsWaitingForConnection: Math.max(0, sessionsInUse - maxConnectionPoolSize),
      maxConnectionPoolSize,
    }),
    close: () => driver.close(),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
