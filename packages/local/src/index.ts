export type { DemoContext, MailVerdicts } from './demo/context';
export { type LocalRuntime, type QueueDepth, type RuntimeOptions, startRuntime } from './runtime';
export { type RuntimeInfo, readRuntimeInfo } from './runtime-file';
export { type LocalStack, type LocalStackOptions, repoRoot, startLocalStack } from './testing';
