export * from './clock';
export * from './decisions';
export * from './inn';
export * from './letters';
export * from './partners';
export * from './proposal';
export * from './propose';
export * from './rule';
