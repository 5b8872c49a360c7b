import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolUsage } from '../db/database';
import type { HeavyQueryUsage } from './heavy-queries';

/** What one GraphQL request was, as the access log and the metrics see it. */
export interface RequestOutcome {
  operationName: string | null;
  /** query, mutation, subscription; null when the request never got that far. */
  operationType: string | null;
  seconds: number;
  errorCodes: readonly string[];
}

/**
 * Operation names come from clients: past this many distinct ones, further names are
 * counted as `(other)`, so that a client inventing names cannot grow the metrics without end.
 */
const MAX_OPERATION_NAMES = 200;

export interface Metrics {
  record(outcome: RequestOutcome): void;
  /** The Content-Type of render()'s text. */
  contentType: string;
  /** Every metric in Prometheus's text format, for GET /metrics. */
  render(): Promise<string>;
}

/** What the gauges read when scraped. */
export interface GaugeSources {
  neo4jPool: () => PoolUsage;
  /** Absent when heavy queries are not capped. */
  heavyQueries?: () => HeavyQueryUsage;
}

/**
 * Per operation name and type: requests, their duration, errors by code; the Neo4j sessions
 * and heavy queries in use and waiting; and the process's own metrics (CPU, memory, event loop
 * lag, GC). Each server has its own registry.
 */
export function createMetrics(sources: GaugeSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  // neo4j-driver publishes nothing of its pool: these are counted by src/db/database.ts.
  gauge(
    'neo4j_sessions_in_use',
    'Neo4j sessions (one query or transaction each, or a readiness ping) open in this process, ' +
      'each holding a pooled connection or waiting for one. Counted by the API: the driver ' +
      'publishes no pool state, and its idle connections are not known.',
    () => sources.neo4jPool().sessionsInUse,
  );
  gauge(
    'neo4j_sessions_waiting_for_connection',
    'Sessions in use beyond the pool maximum, which must be waiting to acquire a connection ' +
      '(in use minus maximum, at least 0; with a cluster each server has its own pool, so a lower bound).',
    () => sources.neo4jPool().sessionsWaitingForConnection,
  );
  gauge(
    'neo4j_connection_pool_max_size',
    'The driver setting maxConnectionPoolSize: the most connections it opens to one Neo4j server.',
    () => sources.neo4jPool().maxConnectionPoolSize,
  );
  const heavyQueries = sources.heavyQueries;
  if (heavyQueries) {
    gauge(
      'graphql_heavy_queries_running',
      'Operations of at least HEAVY_QUERY_COST running now (at most HEAVY_QUERIES_MAX_CONCURRENT).',
      () => heavyQueries().running,
    );
    gauge(
      'graphql_heavy_queries_queued',
      'Operations of at least HEAVY_QUERY_COST waiting for their turn (at most HEAVY_QUERIES_MAX_QUEUED).',
      () => heavyQueries().queued,
    );
  }
  const labelNames = ['operation_name', 'operation_type'] as const;
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests answered, by operation name and type.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to having sent its answer.',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL answers, by operation name and type and by extensions.code.',
    labelNames: [...labelNames, 'code'],
    registers: [registry],
  });

  const knownNames = new Set<string>();
  const nameLabel = (name: string | null): string => {
    if (!name) return '';
    if (knownNames.has(name)) return name;
    if (knownNames.size >= MAX_OPERATION_NAMES) return '(other)';
    knownNames.add(name);
    return name;
  };

  return {
    record(outcome) {
      const labels = {
        operation_name: nameLabel(outcome.operationName),
        operation_type: outcome.operationType ?? 'unknown',
      };
      requests.inc(labels);
      duration.observe(labels, outcome.seconds);
      for (const code of outcome.errorCodes) errors.inc({ ...labels, code });
    },
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}
