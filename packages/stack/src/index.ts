export type { StackConfig } from './config';
export { loadStackConfig } from './config';
export { findRepoRoot } from './paths';
export type { ClickhouseTarget, ComponentStatus, StackEndpoints, StackOptions, StackStatus } from './stack';
export { stackDown, stackStatus, stackUp } from './stack';
