import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('gives defaults for an empty environment (embedded Neo4j, port 4000)', () => {
    const config = loadConfig({});
    expect(config.neo4jUri).toBeUndefined();
    expect(config.port).toBe(4000);
    expect(config.neo4jDatabase).toBe('neo4j');
    expect(config.apiKeys.size).toBe(0);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("tells whether NEO4J_PASSWORD was set (the embedded Neo4j's own password otherwise)", () => {
    expect(loadConfig({})).toMatchObject({ neo4jPassword: 'neo4j', neo4jPasswordSet: false });
    expect(loadConfig({ NEO4J_PASSWORD: '' })).toMatchObject({ neo4jPasswordSet: false });
    expect(loadConfig({ NEO4J_PASSWORD: 'given-secret' })).toMatchObject({
      neo4jPassword: 'given-secret',
      neo4jPasswordSet: true,
    });
  });

  it('reads API keys as name:key pairs', () => {
    const config = loadConfig({ API_KEYS: 'alice:alice-secret-1, bob:bob-secret-22' });
    expect(config.apiKeys.get('alice-secret-1')).toBe('alice');
    expect(config.apiKeys.get('bob-secret-22')).toBe('bob');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['NEO4J_URI', 'http://localhost:7474'],
    ['API_KEYS', 'no-colon-here'],
    ['API_KEYS', 'alice:short'],
    ['LOG_LEVEL', 'loud'],
    ['NEO4J_DATABASE', 'bad name!'],
    ['NODE_ENV', 'prod'],
    ['METRICS', 'yes'],
    ['METRICS_PORT', '0'],
    ['CORS_ORIGINS', 'https://ok.example,not-an-origin'],
    ['CORS_ORIGINS', 'https://app.example/path'],
    ['RATE_LIMIT_WRITES_PER_MINUTE', '-1'],
    ['RATE_LIMIT_AUTH_FAILURES_PER_MINUTE', 'many'],
    ['HEAVY_QUERY_COST', '0'],
    ['HEAVY_QUERIES_MAX_CONCURRENT', '1.5'],
    ['HEAVY_QUERIES_MAX_QUEUED', '-1'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318'],
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc'],
    ['NEO4J_BROWSER_URL', 'localhost:7474/browser/'],
    ['EXPLORER_NODE_CAP', '5'],
  ])('rejects %s=%s with one line naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(
      new RegExp(`^Invalid configuration: ${name}: `),
    );
  });

  it('reads the operations settings: metrics, CORS origins, rate limits, proxies', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({
      production: false,
      metrics: true,
      metricsPort: undefined,
      corsOrigins: [],
      rateLimits: { writesPerMinute: 60, authFailuresPerMinute: 10 },
      trustProxyHops: 0,
      heavyQueries: { cost: 500, maxConcurrent: 1, maxQueued: 64 },
    });
    const set = loadConfig({
      NODE_ENV: 'production',
      METRICS: 'off',
      METRICS_PORT: '9464',
      CORS_ORIGINS: 'https://app.example.org, http://localhost:5173',
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '3',
      TRUST_PROXY_HOPS: '1',
      HEAVY_QUERY_COST: '1000',
      HEAVY_QUERIES_MAX_CONCURRENT: '0',
      HEAVY_QUERIES_MAX_QUEUED: '8',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    });
    expect(set).toMatchObject({
      production: true,
      metrics: false,
      metricsPort: 9464,
      corsOrigins: ['https://app.example.org', 'http://localhost:5173'],
      rateLimits: { writesPerMinute: 0, authFailuresPerMinute: 3 },
      trustProxyHops: 1,
      heavyQueries: { cost: 1000, maxConcurrent: 0, maxQueued: 8 },
    });
  });

  it("reads the explorer's settings: Neo4j Browser's address and its node cap", () => {
    expect(loadConfig({}).explorer).toEqual({ neo4jBrowserUrl: undefined, nodeCap: undefined });
    expect(
      loadConfig({
        NEO4J_BROWSER_URL: 'http://localhost:7474/browser/',
        EXPLORER_NODE_CAP: '120',
      }).explorer,
    ).toEqual({ neo4jBrowserUrl: 'http://localhost:7474/browser/', nodeCap: 120 });
  });

  it('accepts neo4j:// routing URIs for clusters and Aura', () => {
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io' }).neo4jUri).toBe(
      'neo4j+s://abc.databases.neo4j.io',
    );
  });
});
