export * from './actions';
export * from './labels';
