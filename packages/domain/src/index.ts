export * from './alerts/alert-job';
export * from './clock';
export * from './outcomes/index';
