export * from './dates';
export * from './production-calendar';
