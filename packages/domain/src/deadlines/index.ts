export * from './alert-text';
export * from './effects';
export * from './engine';
export * from './projection';
export * from './recorded';
export * from './rules';
export * from './scenario';
export * from './settings';
