export type { ApiOperation, Method } from './operation';
export { API_OPERATIONS, openApiDocument, type Access } from './openapi';
export { ROLES, type Role, devTokenBody, devTokenOperation, openApiOperation } from './auth';
export { ingestBatchSchema, importQuery, importReport, MAX_IMPORT_ERRORS, MAX_INGEST_BATCH } from './ingest';
export * from './registry';
export {
  PERIOD_FREQUENCIES,
  bindingPreviewBody,
  computeQuery,
  periodBody,
  periodQuery,
  resultsQuery,
  settingsBody,
} from './performance';
export * from './review';
export * from './reports';
