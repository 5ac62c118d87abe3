import { fixtureTemplate, startLocalStack } from './testing';

const t = performance.now();
const stack = await startLocalStack({
  template: fixtureTemplate,
  logLevel: 'INFO',
  functions: ['feed-intake', 'mail-intake', 'match-requests'],
});
console.log('ready ms', Math.round(performance.now() - t), stack.env);
await stack.sendToQueue('match-requests', { reason: 'feed_received', asOf: '2026-03-01' });
await stack.uploadFeed('events/feeds/sample.json', '70');
await stack.receiveMail('events/ses/sample.eml');
await stack.drain();
console.log(stack.invocations.map((i) => [i.functionName, i.error, JSON.stringify(i.result)]));
console.log(JSON.stringify(stack.invocationsOf('feed-intake')[0]?.event, null, 1).slice(0, 1500));
console.log(await stack.queueDepths());
await stack.stop();
console.log('stopped');
