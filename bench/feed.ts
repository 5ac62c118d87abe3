/**
 * `npm run bench -- feed`: streaming feed intake against whole-file JSON.parse.
 *
 * Generates (once, into bench/.data/) a 1M-record Rostrud JSON feed, a 200k-record feed from
 * the same generator (the largest the whole-file baseline can take, like the issue's 367 MB
 * feed) and a 200k-row Windows-1251 CSV. Each measured pass runs in its own child process so
 * one pass's heap does not inflate another's peak RSS (process.resourceUsage().maxRSS).
 * Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';

const DATA = join(import.meta.dirname, '.data');
const FEED_1M = join(DATA, 'rostrud-1m.json');
const FEED_200K = join(DATA, 'rostrud-200k.json');
const CSV_200K = join(DATA, 'excel-200k-cp1251.csv');

interface PassResult {
  ok: boolean;
  error?: string;
  records?: number;
  accepted?: number;
  rejected?: number;
  duplicates?: number;
  seconds?: number;
  /** CPU seconds (user + system) of the pass: less sensitive than wall time to other load. */
  cpuSeconds?: number;
  maxRssMb?: number;
}

async function writeLines(file: string, lines: Iterable<string | Buffer>): Promise<void> {
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp, { highWaterMark: 4 * 1024 * 1024 });
  for (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  renameSync(tmp, file);
}

async function generateJson(file: string, count: number): Promise<void> {
  if (existsSync(file)) return;
  const { rng, sampleVacancy } = await import('@uii/feeds/sample');
  const r = rng(42);
  process.stdout.write(`generating ${count} records → ${file}\n`);
  function* lines() {
    yield `{"status":"200","request":{"api":"v1"},"meta":{"total":${count},"limit":${count}},"results":{"vacancies":[\n`;
    for (let i = 0; i < count; i++) {
      // 0.5% repeat an earlier id with a later date_modify: duplicates exist in real feeds.
      const id = i > 1000 && i % 199 === 0 ? i - 1000 : i;
      const v = sampleVacancy(id, r, { verbose: true });
      if (id !== i) v.date_modify = '2026-11-22T12:00:00+0300';
      yield `${i ? ',\n' : ''}{"vacancy":${JSON.stringify(v)}}`;
    }
    yield '\n]}}\n';
  }
  await writeLines(file, lines());
}

async function generateCsv(file: string, count: number): Promise<void> {
  if (existsSync(file)) return;
  const { rng, sampleVacancy } = await import('@uii/feeds/sample');
  const r = rng(7);
  process.stdout.write(`generating ${count} CSV rows (Windows-1251) → ${file}\n`);
  const header =
    'Идентификатор;Код региона;Регион;Наименование вакансии;Работодатель;ИНН;Дата изменения;Зарплата от;Зарплата до;' +
    'Количество рабочих мест;Код профессии;Адрес;Широта;Долгота;Квота;Социально защищенные категории\r\n';
  function* lines() {
    yield iconv.encode(header, 'win1251');
    let batch = '';
    for (let i = 0; i < count; i++) {
      // biome-ignore lint/suspicious/noExplicitAny: generator output is a loose record
      const v = sampleVacancy(i, r) as any;
      const a = v.addresses.address[0];
      batch +=
        `${v.id};${v.region.region_code};${v.region.name};${v['job-name']};"${v.company.name.replaceAll('"', '""')}";` +
        `${v.company.inn};10.11.2026;${v.salary_min};${v.salary_max};${v.work_places};${v.code_profession};` +
        `"${a.location}";${String(a.lat).replace('.', ',')};${String(a.lng).replace('.', ',')};` +
        `${v.workPlaceType.workPlaceQuota ? 'да' : 'нет'};${v.social_protected}\r\n`;
      if (i % 5000 === 4999) {
        yield iconv.encode(batch, 'win1251');
        batch = '';
      }
    }
    if (batch) yield iconv.encode(batch, 'win1251');
  }
  await writeLines(file, lines());
}

// --- child passes ------------------------------------------------------------------------

async function baselinePass(file: string): Promise<PassResult> {
  const started = performance.now();
  const text = readFileSync(file).toString('utf8');
  const doc = JSON.parse(text) as { results: { vacancies: unknown[] } };
  const records = doc.results.vacancies.length;
  return { ok: true, records, seconds: (performance.now() - started) / 1000 };
}

type Counts = { total: number; accepted: number; rejected: number; duplicates: number };
const passOf = (report: Counts, started: number): PassResult => ({
  ok: true,
  records: report.total,
  accepted: report.accepted,
  rejected: report.rejected,
  duplicates: report.duplicates,
  seconds: (performance.now() - started) / 1000,
});

async function oursPass(file: string): Promise<PassResult> {
  const { checkFeed, readFileChunks } = await import('@uii/feeds');
  const started = performance.now();
  const { report } = await checkFeed(readFileChunks(file));
  return passOf(report, started);
}

/**
 * What feed-intake does with the upload in its single pass: read, validate, spool the valid
 * vacancies per region to local disk (gzip), then stream each region's winners (here to
 * nowhere instead of S3). Reports the spool size: the ephemeral storage the function needs.
 */
async function intakePass(file: string): Promise<PassResult & { spoolMb?: number; regions?: number }> {
  const { checkFeed, readFileChunks } = await import('@uii/feeds');
  const { SnapshotSpool } = await import('../functions/feed-intake/spool');
  const { Writable } = await import('node:stream');
  const { pipeline } = await import('node:stream/promises');
  const { statSync: stat, readdirSync } = await import('node:fs');
  const started = performance.now();
  const spool = new SnapshotSpool();
  try {
    const { report, tally } = await checkFeed(readFileChunks(file), {
      hash: true,
      onVacancy: (v, seq) => spool.add(v, seq),
    });
    const regions = await spool.finish();
    const dir = spool.directory;
    const spoolBytes = readdirSync(dir).reduce((n, f) => n + stat(join(dir, f)).size, 0);
    for (const region of regions) {
      await pipeline(spool.winners(region, tally), new Writable({ write: (_c, _e, done) => done() }));
    }
    return {
      ...passOf(report, started),
      spoolMb: Math.round(spoolBytes / 1024 ** 2),
      regions: regions.length,
    };
  } finally {
    spool.close();
  }
}

async function child(kind: string, file: string): Promise<void> {
  let result: PassResult;
  const cpu = process.cpuUsage();
  try {
    result =
      kind === 'baseline'
        ? await baselinePass(file)
        : kind === 'intake'
          ? await intakePass(file)
          : await oursPass(file);
  } catch (error) {
    result = { ok: false, error: `${(error as Error).name}: ${(error as Error).message}`.slice(0, 200) };
  }
  const used = process.cpuUsage(cpu);
  result.cpuSeconds = (used.user + used.system) / 1e6;
  result.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

function runChild(
  kind: 'baseline' | 'ours' | 'intake',
  file: string,
): PassResult & { spoolMb?: number; regions?: number } {
  const out = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', kind, file], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = out.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line)
    return {
      ok: false,
      error: `child exited ${out.status}: ${out.stderr.trim().split('\n').slice(-3).join(' ')}`,
    };
  return JSON.parse(line.slice('RESULT '.length)) as PassResult;
}

const rate = (r: PassResult) => (r.ok && r.records && r.seconds ? r.records / r.seconds : 0);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (file: string) => `${(statSync(file).size / 1024 ** 2).toFixed(0)} MB`;
/** 1-, 5- and 15-minute load averages: figures taken on a loaded machine are not comparable. */
const load = () =>
  `load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
const cpu = (r: PassResult) => (r.cpuSeconds === undefined ? '' : `, CPU ${r.cpuSeconds.toFixed(2)} s`);

export async function main(args: string[]): Promise<void> {
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
  mkdirSync(DATA, { recursive: true });
  await generateJson(FEED_1M, 1_000_000);
  // The feed-intake pass (issue 14: size the function for a 1M-record feed).
  const intake = runChild('intake', FEED_1M);
  process.stdout.write(
    intake.ok
      ? `feed-intake single pass, 1M feed (${mb(FEED_1M)}): ${intake.seconds?.toFixed(1)} s${cpu(intake)}, peak RSS ${intake.maxRssMb} MB, ` +
          `spool on /tmp ${intake.spoolMb} MB over ${intake.regions} region(s); accepted ${intake.accepted}, duplicates ${intake.duplicates}\n`
      : `feed-intake single pass FAILS — ${intake.error}\n`,
  );
  if (args.includes('--intake-only')) return;
  await generateJson(FEED_200K, 200_000);
  await generateCsv(CSV_200K, 200_000);
  process.stdout.write(
    `node ${process.version}, ${runs} alternating run(s) of the 200k passes (best shown), one run of the others\n` +
      `files: 1M feed ${mb(FEED_1M)}, 200k feed ${mb(FEED_200K)}, 200k CSV (cp1251) ${mb(CSV_200K)}\n` +
      `machine: ${load()} (2 cores; figures under load > 1 are noisy)\n\n`,
  );

  const base1m = runChild('baseline', FEED_1M);
  process.stdout.write(
    `baseline readFile+JSON.parse, 1M feed:   ${base1m.ok ? `${fmt(rate(base1m))} records/s` : `FAILS — ${base1m.error}`}\n`,
  );
  // Alternate baseline and ours on the same 200k file so background load hits both alike.
  let base200: PassResult | undefined;
  let ours200: PassResult | undefined;
  const pairRatios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const b = runChild('baseline', FEED_200K);
    const o = runChild('ours', FEED_200K);
    process.stdout.write(
      `  run ${i + 1}: baseline ${fmt(rate(b))} records/s, ours ${fmt(rate(o))} records/s (ratio ${(rate(o) / rate(b)).toFixed(2)}; ${load()})\n`,
    );
    pairRatios.push(rate(o) / rate(b));
    if (!base200 || rate(b) > rate(base200)) base200 = b;
    if (!ours200 || rate(o) > rate(ours200)) ours200 = o;
  }
  process.stdout.write(
    `baseline readFile+JSON.parse, 200k feed: ${fmt(rate(base200!))} records/s (${base200!.seconds?.toFixed(2)} s${cpu(base200!)}, peak RSS ${base200!.maxRssMb} MB)\n`,
  );
  process.stdout.write(
    `ours parse+validate+normalize, 200k feed: ${fmt(rate(ours200!))} records/s (${ours200!.seconds?.toFixed(2)} s${cpu(ours200!)}, peak RSS ${ours200!.maxRssMb} MB)\n`,
  );
  const ours1m = runChild('ours', FEED_1M);
  process.stdout.write(
    `ours parse+validate+normalize, 1M feed:   ${fmt(rate(ours1m))} records/s (${ours1m.seconds?.toFixed(2)} s${cpu(ours1m)}, peak RSS ${ours1m.maxRssMb} MB; ` +
      `accepted ${ours1m.accepted}, rejected ${ours1m.rejected}, duplicates ${ours1m.duplicates})\n`,
  );
  const csv = runChild('ours', CSV_200K);
  process.stdout.write(
    `ours, 200k-row CSV Windows-1251:          ${fmt(rate(csv))} records/s (${csv.seconds?.toFixed(2)} s${cpu(csv)}, peak RSS ${csv.maxRssMb} MB; accepted ${csv.accepted}, rejected ${csv.rejected})\n\n`,
  );
  const b = rate(base200!);
  const median = [...pairRatios].sort((x, y) => x - y)[Math.floor(pairRatios.length / 2)]!;
  process.stdout.write(
    `ratio ours/baseline, same 200k file, alternating pairs: median ${median.toFixed(2)} (target ≥ 1.2)\n` +
      `ratio ours(1M)/best baseline(200k), not paired (sensitive to machine load): ${(rate(ours1m) / b).toFixed(2)}\n` +
      `peak RSS ours on 1M: ${ours1m.maxRssMb} MB (target ≤ 300 MB)\n` +
      `machine at the end: ${load()}\n`,
  );
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
