import { readFileSync } from 'node:fs';
const t = performance.now();
const d = JSON.parse(readFileSync(process.argv[2]!).toString('utf8'));
console.log('base', d.results.vacancies.length, ((performance.now() - t) / 1000).toFixed(2));
