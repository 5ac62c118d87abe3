export * from './check';
export * from './detect';
export * from './encoding';
export * from './errors';
export * from './file';
export * from './json-splitter';
export * from './records';
export * from './source';
