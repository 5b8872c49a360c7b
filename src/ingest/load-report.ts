import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { buildSources, SOURCES } from '../sources/registry';
import type { SourcePlugin } from '../sources/types';
import { buildReportGraph, BuildOptions } from './build-graph';
import { describeLoad, WriteOptions, WriteSummary, writeGraph } from './load-graph';
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
 * `npm run load`: builds every registered source (validating all of them before anything is
 * written), then writes each in its own transaction, in registry order.
 */
export async function loadSources(
  db: Pick<Database, 'write' | 'writeTransaction'>,
  options: WriteOptions = {},
  sources: readonly SourcePlugin[] = SOURCES,
): Promise<Array<WriteSummary & { source: string }>> {
  const built = buildSources(sources);
  await applySchema(db);
  const summaries = [];
  for (const { source, graph } of built) {
    summaries.push({ source: source.name, ...(await writeGraph(db, graph, options)) });
  }
  return summaries;
}

/**
 * How the loader records what it writes (documentIds, retractions, stated values): a change of
 * it makes every source load again at the next start, so that the records are complete.
 */
const LOADER_VERSION = 'documents-v1';

/**
 * `npm start`: loads each registered source unless this very version of its graph is already in
 * the database, and logs each load's summary (added / updated / removed per kind, conflicts).
 * Loading is idempotent anyway; skipping it saves the start the work.
 */
export async function ensureReportLoaded(
  db: Database,
  logger: Logger,
  sources: readonly SourcePlugin[] = SOURCES,
): Promise<'loaded' | 'current'> {
  // Validate every source before touching the database.
  const built = buildSources(sources);
  await applySchema(db);
  let outcome: 'loaded' | 'current' = 'current';
  for (const { source, graph } of built) {
    const checksum = createHash('sha256')
      .update(LOADER_VERSION)
      .update(JSON.stringify(graph))
      .digest('hex');
    // the report keeps the marker id it had before there were other sources
    const markerId = source.name;
    const [marker] = await db.read<{ checksum: string }>(
      `MATCH (l:ReportLoad {id: $markerId}) RETURN l.checksum AS checksum`,
      { markerId },
    );
    if (marker?.checksum === checksum) {
      logger.info({ source: source.name, checksum: checksum.slice(0, 12) }, 'already loaded');
      continue;
    }
    const summary = await writeGraph(db, graph);
    await db.write(
      `MERGE (l:ReportLoad {id: $markerId}) SET l.checksum = $checksum, l.loadedAt = $at`,
      { markerId, checksum, at: new Date().toISOString() },
    );
    const { added, updated, removed, conflicts } = summary;
    logger.info(
      { source: source.name, added, updated, removed, conflicts },
      `source ${source.name} loaded: ${describeLoad(summary)}`,
    );
    outcome = 'loaded';
  }
  return outcome;
}
