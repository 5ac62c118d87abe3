export * from './assign';
export * from './data';
export * from './input';
export * from './match';
export * from './openings';
export * from './text';
export * from './vacancy-index';
