// No side effects here: entry points (functions/shared/env.ts, the CLI, npm start, the test
// setup) import './zod-locale' to make zod speak Russian process-wide.

export * from './alerts/index';
export * from './calendar/index';
export * from './cases/index';
export * from './clock';
export * from './deadlines/index';
export * from './feeds/index';
export * from './matching/index';
export * from './notices/index';
export * from './outcomes/index';
export * from './places/index';
export * from './text/plural';
export * from './vacancies/index';
export * from './web/index';
export * from './worksites/index';
