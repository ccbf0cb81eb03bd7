import { randomBytes } from 'node:crypto';

const token = (): string => randomBytes(4).toString('hex');

/** A random topic prefix (`test-1a2b3c4d.`): call once per test file so files never share topics. */
export const uniqueTopicPrefix = (): string => `test-${token()}.`;

/** A random consumer group id, so a test never joins another file's (or run's) group. */
export const uniqueGroupId = (name = 'test'): string => `${name}-${token()}`;
