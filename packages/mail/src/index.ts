export * from './attachments';
export * from './auth';
export * from './parse';
export * from './settings';
export * from './trust';
