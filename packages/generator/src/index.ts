export type { GenerateOptions, GeneratedTenant } from './generate-tenant';
export { generateTenant } from './generate-tenant';
export type { GeneratedEvent } from './event-log';
export type { Person, WorkKind } from './organisation';
export { DEPARTMENTS, MIN_EMPLOYEES } from './organisation';
export type { Random } from './random';
export { createRandom } from './random';
