import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

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
  /** GET /metrics: every metric in Prometheus's text format. */
  handler: RequestHandler;
}

/**
 * Per operation name and type: requests, their duration, errors by code; and the process's
 * own metrics (CPU, memory, event loop lag, GC). Each server has its own registry.
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
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
    handler: async (_req, res) => {
      res.setHeader('content-type', registry.contentType);
      res.end(await registry.metrics());
    },
  };
}
