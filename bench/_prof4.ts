import { createReadStream } from 'node:fs';
import { checkFeed } from '@uii/feeds';
const t = performance.now();
const { report } = await checkFeed(createReadStream(process.argv[2]!, { highWaterMark: 1 << 20 }));
console.log(report.total, ((performance.now() - t) / 1000).toFixed(2));
