import { readFileChunks, JsonRecordSplitter } from '@uii/feeds';
import { RecordSliceBatch } from '../packages/feeds/src/readers/json';
import { normaliseVacancy } from '@uii/domain';
const file = '/work/main/bench/.data/rostrud-200k.json';
const stage = process.argv[2];
const t0 = performance.now();
let n = 0;
const out: any[] = [];
const batch = new RecordSliceBatch();
const sp = new JsonRecordSplitter('envelope', () => { n++; }, (c, s, e) => { n++; if (stage !== 'scan') { batch.add(c, s, e); if (batch.size >= 512) { batch.flush(1, out); if (stage==='norm') for (const r of out) normaliseVacancy(r.value, 1); out.length = 0; } } });
for await (const chunk of readFileChunks(file)) { if (stage !== 'read') sp.push(chunk); if (stage!=='read' && stage!=='scan') { batch.flush(1,out); if (stage==='norm') for (const r of out) normaliseVacancy(r.value, 1); out.length=0; } }
console.log(stage, n, ((performance.now() - t0) / 1000).toFixed(2), 's');
