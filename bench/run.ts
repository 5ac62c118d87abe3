/**
 * `npm run bench -- <name>` runs bench/<name>.ts. Benchmarks print figures and assert nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const name = process.argv[2];
const dir = import.meta.dirname;
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3));
if (!name || !existsSync(join(dir, `${name}.ts`))) {
  process.stderr.write(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}\n`);
  process.exit(2);
}
const bench = (await import(`./${name}.ts`)) as { main?: (args: string[]) => Promise<void> };
await bench.main?.(process.argv.slice(3));
