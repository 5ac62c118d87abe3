import type { DemoContext } from './context';

/** Demo cases and deadlines. Filled in by the deadline-engine work; nothing to seed yet. */
export async function seed(_ctx: DemoContext): Promise<string[]> {
  return [];
}
