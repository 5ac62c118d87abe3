export * from './monthly';
export * from './receipt';
