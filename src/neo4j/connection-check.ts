import neo4j from 'neo4j-driver';

export interface Neo4jTarget {
  uri: string;
  user: string;
  password: string;
  database: string;
}

/**
 * Connects once and runs `RETURN 1` in the configured database. On failure it throws one
 * line that names the cause (unreachable host:port, authentication, missing database, TLS):
 * the driver itself says "Failed to connect … compatible encryption settings" to all of them.
 */
export async function checkNeo4j(target: Neo4jTarget): Promise<void> {
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), {
    connectionTimeout: 10_000,
  });
  // An auto-commit query: executeQuery would retry for 30 s what will not get better.
  const session = driver.session({ database: target.database });
  try {
    await session.run('RETURN 1');
  } catch (error) {
    throw new Error(describeNeo4jFailure(error, target), { cause: error });
  } finally {
    await session.close();
    await driver.close();
  }
}

/** The one line that says why Neo4j at `target` cannot be used. */
export function describeNeo4jFailure(error: unknown, target: Neo4jTarget): string {
  const at = `Neo4j at ${hostPortOf(target.uri)}`;
  const code = (error as { code?: unknown } | null)?.code;
  const text = causeChain(error);
  const tls = /^[a-z]+\+s/.test(target.uri);
  if (code === 'Neo.ClientError.Security.Unauthorized') {
    return `${at}: authentication failed for user "${target.user}" (check NEO4J_USER and NEO4J_PASSWORD)`;
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return `${at} has no database "${target.database}" (check NEO4J_DATABASE)`;
  }
  if (/Server responded HTTP/.test(text)) {
    return `${at} is Neo4j's HTTP port, not Bolt (Bolt is usually 7687; check NEO4J_URI)`;
  }
  if (/ECONNREFUSED/.test(text)) return `cannot reach ${at}: connection refused (check NEO4J_URI)`;
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return `cannot reach ${at}: unknown host (check NEO4J_URI)`;
  if (/ETIMEDOUT|timed out|timeout/i.test(text)) return `cannot reach ${at}: no answer (timeout)`;
  if (/certificate|self[- ]signed/i.test(text)) {
    return `TLS with ${at} failed: its certificate is not trusted (for a self-signed one use bolt+ssc:// or neo4j+ssc://)`;
  }
  if (tls && /socket disconnected|SSL|TLS|EPROTO|wrong version/i.test(text)) {
    return `TLS mismatch with ${at}: NEO4J_URI asks for TLS but the server does not speak it on this port (use bolt:// or neo4j://)`;
  }
  if (!tls && /closed|ECONNRESET/i.test(text)) {
    return `${at} closed the connection: it may require TLS (use bolt+s:// or neo4j+s://)`;
  }
  return `cannot use ${at}: ${firstLine(error)}`;
}

function hostPortOf(uri: string): string {
  const url = new URL(uri.replace(/^[a-z+]+:/, 'http:'));
  return `${url.hostname}:${url.port || '7687'}`;
}

/** The messages of an error and of its causes, for matching. */
function causeChain(error: unknown): string {
  const parts: string[] = [];
  for (let e = error; e instanceof Error && parts.length < 5; e = e.cause) parts.push(e.message);
  return parts.join(' | ');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
