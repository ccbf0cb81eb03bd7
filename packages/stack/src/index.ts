export type { StackConfig } from './config';
export { loadStackConfig } from './config';
export { findRepoRoot } from './paths';
export { dropDatabase, quoteIdent, withDatabase, withMaintenance } from './postgres';
export type { ClickhouseTarget, ComponentStatus, StackEndpoints, StackOptions, StackStatus } from './stack';
export { stackDown, stackStatus, stackUp } from './stack';
export {
  DEFAULT_PORTS,
  SERVICE_NAMES,
  endpointsEnv,
  launchServices,
  restartDelayMs,
  serviceStatuses,
  servicesLogDir,
} from './launch-services';
export type {
  LaunchOptions,
  RunningServices,
  ServiceName,
  ServiceState,
  ServiceStatus,
} from './launch-services';
