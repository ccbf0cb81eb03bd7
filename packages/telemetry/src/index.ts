export * from './tracing';
export * from './propagation';
export * from './logger';
export * from './metrics';
