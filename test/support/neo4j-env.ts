// The Neo4j of an integration test run, as the global setup (test/support/global-setup.ts)
// or the caller (NEO4J_URI & co.) put it into the environment.
export interface Neo4jTestEnv {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export function neo4jTestEnv(): Neo4jTestEnv {
  const uri = process.env.NEO4J_URI;
  if (!uri) {
    throw new Error(
      'NEO4J_URI is not set: run this test in the jest project "integration", whose global ' +
        'setup starts a Neo4j (or set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD yourself).',
    );
  }
  return {
    uri,
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? 'neo4j',
    database: 'neo4j',
  };
}
