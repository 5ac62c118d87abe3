export * from './actions';
export * from './candidates';
export * from './labels';
