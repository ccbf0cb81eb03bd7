export * from './app-errors';
export * from './infrastructure-error';
export * from './zod-errors';
export * from './assert-never';
