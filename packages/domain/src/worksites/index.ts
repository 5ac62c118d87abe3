export * from './worksite';
