import { z } from 'zod';

const apiKeys = z
  .string()
  .default('')
  .transform((text, ctx) => {
    // "name:key,name:key" → key → name (the name is what writes record as their author)
    const keys = new Map<string, string>();
    for (const pair of text
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const at = pair.indexOf(':');
      const name = pair.slice(0, at).trim();
      const key = pair.slice(at + 1).trim();
      if (at <= 0 || !key || key.length < 8) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected name:key pairs (key ≥ 8 characters), separated by commas',
        });
        return z.NEVER;
      }
      keys.set(key, name);
    }
    return keys;
  });

/** "https://a.example,http://localhost:5173" → the origins, each scheme://host[:port]. */
const origins = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const list = text
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
    for (const origin of list) {
      if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
        ctx.addIssue({
          code: 'custom',
          message: `expected origins such as https://app.example.org, separated by commas; got "${origin}"`,
        });
        return z.NEVER;
      }
    }
    return list;
  });

const perMinute = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const envSchema = z.object({
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'expected a bolt:// or neo4j:// URI')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.-]*$/, 'expected a database name')
    .default('neo4j'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  API_KEYS: apiKeys,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  METRICS: z.enum(['on', 'off']).default('on'),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  CORS_ORIGINS: origins,
  RATE_LIMIT_WRITES_PER_MINUTE: perMinute(60),
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: perMinute(10),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  HEAVY_QUERY_COST: z.coerce.number().min(1).default(500),
  HEAVY_QUERIES_MAX_CONCURRENT: z.coerce.number().int().min(0).default(1),
  HEAVY_QUERIES_MAX_QUEUED: z.coerce.number().int().min(0).default(64),
  // The explorer's link to Neo4j Browser (the embedded Neo4j's is known without it).
  NEO4J_BROWSER_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'expected an http(s) URL, e.g. http://localhost:7474/browser/')
    .optional(),
  EXPLORER_NODE_CAP: z.coerce.number().int().min(10).max(5000).optional(),
  // Read by OpenTelemetry itself (src/tracing.ts); checked here so that a typo stops start-up.
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .regex(
      /^https?:\/\/[^/\s]+/,
      "expected the collector's http(s) URL, e.g. http://collector:4318",
    )
    .optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .enum(['http/protobuf', 'http/json'], 'expected http/protobuf or http/json (no gRPC)')
    .optional(),
});

export interface Config {
  /** Unset means: start the embedded Neo4j of tools/neo4j. */
  neo4jUri?: string;
  neo4jUser: string;
  neo4jPassword: string;
  /** Whether NEO4J_PASSWORD was set: in production it then replaces the embedded Neo4j's own. */
  neo4jPasswordSet: boolean;
  neo4jDatabase: string;
  port: number;
  /** API key → the name of its holder. */
  apiKeys: ReadonlyMap<string, string>;
  logLevel: string;
  production: boolean;
  /** Whether /metrics is served (on the API's port unless metricsPort is set). */
  metrics: boolean;
  metricsPort?: number;
  /** Origins that browsers may call the API from; empty means the same origin only. */
  corsOrigins: readonly string[];
  /** Per minute, per client address or key name; 0 switches a limit off. */
  rateLimits: { writesPerMinute: number; authFailuresPerMinute: number };
  /** How many reverse proxies in front of the API set X-Forwarded-For (the client's address). */
  trustProxyHops: number;
  /**
   * Operations of at least `cost` (graphql-armor's cost) run at most `maxConcurrent` at a time
   * (0: no cap); up to `maxQueued` more wait their turn, further ones are refused.
   */
  heavyQueries: HeavyQueryLimits;
  /** What the explorer page reads from /explorer-config.json. */
  explorer: ExplorerConfig;
}

export interface ExplorerConfig {
  /** Neo4j Browser's address, linked from the page's help; none: the help says how to open it. */
  neo4jBrowserUrl?: string;
  /** At most this many nodes drawn at once; none: the page's own default. */
  nodeCap?: number;
}

export interface HeavyQueryLimits {
  cost: number;
  maxConcurrent: number;
  maxQueued: number;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; a bad value throws one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const blankToUndefined = Object.fromEntries(
    Object.keys(envSchema.shape).map((name) => [name, env[name] === '' ? undefined : env[name]]),
  );
  const parsed = envSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration: ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  return Object.freeze({
    neo4jUri: e.NEO4J_URI,
    neo4jUser: e.NEO4J_USER,
    neo4jPassword: e.NEO4J_PASSWORD ?? 'neo4j',
    neo4jPasswordSet: e.NEO4J_PASSWORD !== undefined,
    neo4jDatabase: e.NEO4J_DATABASE,
    port: e.PORT,
    apiKeys: e.API_KEYS,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    metrics: e.METRICS === 'on',
    metricsPort: e.METRICS_PORT,
    corsOrigins: e.CORS_ORIGINS,
    rateLimits: {
      writesPerMinute: e.RATE_LIMIT_WRITES_PER_MINUTE,
      authFailuresPerMinute: e.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
    },
    trustProxyHops: e.TRUST_PROXY_HOPS,
    heavyQueries: {
      cost: e.HEAVY_QUERY_COST,
      maxConcurrent: e.HEAVY_QUERIES_MAX_CONCURRENT,
      maxQueued: e.HEAVY_QUERIES_MAX_QUEUED,
    },
    explorer: { neo4jBrowserUrl: e.NEO4J_BROWSER_URL, nodeCap: e.EXPLORER_NODE_CAP },
  });
}
