import { createReadStream } from 'node:fs';
import { JsonRecordSplitter } from '@uii/feeds';
import { normaliseVacancy } from '@uii/domain';
const file = process.argv[2]!;
for (const mode of ['split', 'decode', 'parse', 'norm', 'split', 'norm']) {
  let n = 0;
  const t0 = performance.now();
  const s = new JsonRecordSplitter('envelope', (text) => {
    n++;
    if (mode === 'split') return;
    if (mode === 'decode') return;
    const v = JSON.parse(text).vacancy;
    if (mode === 'parse') return;
    normaliseVacancy(v, n);
  });
  for await (const c of createReadStream(file, { highWaterMark: 1 << 20 })) s.push(c as Buffer);
  console.log(mode, n, ((performance.now() - t0) / 1000).toFixed(2), 's');
}
