export * from './alert-job';
export * from './bounce';
export * from './deadline-message';
export * from './delivery';
export * from './ics';
export { plural, surnameInitials } from './ru';
