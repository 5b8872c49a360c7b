// The ingest pipeline: report text → parsed meetings → validated annotations → graph → Neo4j.
export { parseReport } from './parse-report';
export type { ParsedMeeting, ParsedReport, ParsedStatement } from './parse-report';
export { buildReportGraph, DEFAULT_DATA_DIR, DEFAULT_REPORT_PATH } from './build-graph';
export type { BuildOptions } from './build-graph';
export type { GraphData, GraphNode, GraphRelationship } from './graph-data';
export { writeGraph } from './load-graph';
export type { WriteOptions, WriteSummary } from './load-graph';
export { applySchema } from './schema';
export { CURATION_DOCUMENT_ID, DOCUMENT_KINDS, loadDocuments } from './documents';
export type { DocumentEntry } from './documents';
export { ensureReportLoaded, loadReport } from './load-report';
export { AnnotationError, ReportParseError } from './errors';
