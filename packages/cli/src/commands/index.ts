import type { Command } from 'commander';

/** Each module adds one command group; main.ts registers them all. */
export type Register = (program: Command) => void;

const modules: Array<() => Promise<{ register: Register }>> = [
  // local runtime and queues (foundation)
  () => import('./local'),
  () => import('./queues'),
  () => import('./mail-send'),
  // cases and deadlines
  () => import('./deadlines'),
  // vacancy feeds
  () => import('./feed'),
  // worksite mail
  () => import('./notice'),
  // matching
  () => import('./match'),
  // alerts and notifications
  () => import('./alerts'),
  () => import('./digest'),
  // places agreed with local government, partners, agreements
  () => import('./places'),
  () => import('./person'),
];

export async function registerAll(program: Command): Promise<void> {
  for (const load of modules) (await load()).register(program);
}
