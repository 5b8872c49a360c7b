import { buildReportGraph, DEFAULT_REPORT_PATH } from '../ingest/build-graph';
import { loadDocuments, reportDocumentOf } from '../ingest/documents';
import type { GraphData } from '../ingest/graph-data';
import type { SourcePlugin } from './types';

/**
 * The report (data/sources/000_….txt) with its curated annotations (data/annotations/), as a
 * source: src/ingest/build-graph.ts parses, validates and builds it in one step.
 */
export const reportSource: SourcePlugin<GraphData> = {
  name: 'report',
  documentIds: () => [reportDocumentOf(loadDocuments(), DEFAULT_REPORT_PATH).id],
  read: () => buildReportGraph(),
  toGraph: (graph) => graph,
};
