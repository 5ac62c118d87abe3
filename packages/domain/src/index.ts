export * from './alerts/alert-job';
export * from './clock';
