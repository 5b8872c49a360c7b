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
