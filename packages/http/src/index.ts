export * from './problem';
export * from './validate';
export * from './service-app';
export * from './run-service';
export * from './identity';
export { nulFieldErrors } from './reject-nul';
export * from './body';
