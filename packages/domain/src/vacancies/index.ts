export * from './columns';
export * from './errors';
export * from './fields';
export * from './normalise';
export * from './schema';
export * from './tally';
