export * from './app.module';
export * from './config/config.schema';
export * from './projection.module';
export * from './projectors';
// For the benchmark suite: the SQL the OpenF1 routes run, and the decoded telemetry rows.
export { OPENF1_ENDPOINTS } from './openf1/endpoints';
export { parseOpenF1Query } from './openf1/filter-parser';
export { buildQuery as buildOpenF1Query } from './openf1/query-builder';
export { projectTelemetry, TELEMETRY_COLUMNS } from './telemetry/telemetry.projector';
// For the benchmark suite: the history API's typical requests and their direct SQL.
export { ProjectorRegistry } from './core/projector-registry';
export { REPRESENTATIVE_QUERIES, type RepresentativeQuery } from './history-api/representative-queries';
export * from './rebuild/rebuild-read-models';
