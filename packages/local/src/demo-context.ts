import { today } from '@uii/domain';
import type { DemoContext } from './demo/context';
import type { LocalRuntime } from './runtime';

/** What the demo seeders get from a running local runtime (`npm start`, and tests of the seed). */
export function demoContextOf(rt: LocalRuntime, root: string): DemoContext {
  return {
    root,
    today: today(rt.clock.now()),
    env: {
      vars: rt.env,
      queues: rt.queueUrls,
      buckets: Object.fromEntries(rt.model.buckets.map((b) => [b.name, b.name])),
      tables: Object.fromEntries(rt.model.tables.map((t) => [t.name, t.name])),
    },
    uploadFeed: (file, serviceId) => rt.uploadFeed(file, serviceId),
    receiveMail: async (file, verdicts) => (await rt.receiveMail(file, verdicts)).messageId,
    sendToQueue: async (name, body) => void (await rt.sendToQueue(name, body)),
    putItems: (items) => rt.putItems(items),
  };
}
