export * from './alert-job';
export * from './bounce';
export * from './deadline-message';
export * from './delivery';
export * from './digest';
export * from './ics';
export * from './routing';
export { plural, surnameInitials } from './ru';
export * from './samples';
