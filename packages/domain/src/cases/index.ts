export * from './case';
export * from './event-text';
export * from './events';
export * from './field-path';
export * from './import-rows';
export * from './message';
