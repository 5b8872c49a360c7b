import { createHash } from 'node:crypto';
import type { Database } from '../../src/db/database';

export interface GraphFingerprint {
  nodes: number;
  relationships: number;
  checksum: string;
}

/** A row as text with the keys of every map sorted: equal rows give equal text. */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );

/** Counts and a hash of every node and relationship with its properties: any change shows. */
export async function fingerprint(db: Database): Promise<GraphFingerprint> {
  const nodes = await db.read<{ labels: string[]; props: Record<string, unknown> }>(
    'MATCH (n) RETURN labels(n) AS labels, properties(n) AS props',
  );
  const relationships = await db.read<Record<string, unknown>>(
    `MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props`,
  );
  const rows = [...nodes, ...relationships].map(canonical).sort();
  const hash = createHash('sha256');
  for (const row of rows) hash.update(row).update('\n');
  return { nodes: nodes.length, relationships: relationships.length, checksum: hash.digest('hex') };
}
