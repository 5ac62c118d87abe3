export * from './clients';
export * from './s3';
export * from './ses';
export * from './sqs';
