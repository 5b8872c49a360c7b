import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { buildReportGraph, BuildOptions } from './build-graph';
import { WriteOptions, WriteSummary, writeGraph } from './load-graph';
import { applySchema } from './schema';

/**
 * Builds the report's graph (validating every annotation first, so a broken one touches nothing),
 * then applies the schema and writes the graph in one transaction.
 */
export async function loadReport(
  db: Pick<Database, 'write' | 'writeTransaction'>,
  options: BuildOptions & WriteOptions = {},
): Promise<WriteSummary> {
  const data = buildReportGraph(options);
  await applySchema(db);
  return writeGraph(db, data, options);
}

/**
 * `npm start`: loads the report's graph unless this very version of it is already in the
 * database. Loading is idempotent anyway; skipping it keeps what curators changed through the
 * API from being reset to the report at every start.
 */
export async function ensureReportLoaded(
  db: Database,
  logger: Logger,
): Promise<'loaded' | 'current'> {
  // Validate the annotations before touching the database.
  const graph = buildReportGraph();
  await applySchema(db);
  const checksum = createHash('sha256').update(JSON.stringify(graph)).digest('hex');
  const [marker] = await db.read<{ checksum: string }>(
    `MATCH (l:ReportLoad {id: 'report'}) RETURN l.checksum AS checksum`,
  );
  if (marker?.checksum === checksum) {
    logger.info({ checksum: checksum.slice(0, 12) }, 'report graph already loaded');
    return 'current';
  }
  await writeGraph(db, graph);
  await db.write(
    `MERGE (l:ReportLoad {id: 'report'}) SET l.checksum = $checksum, l.loadedAt = $at`,
    { checksum, at: new Date().toISOString() },
  );
  logger.info(
    { nodes: graph.nodes.length, relationships: graph.relationships.length },
    'report graph loaded',
  );
  return 'loaded';
}
