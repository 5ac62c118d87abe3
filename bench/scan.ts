/**
 * `npm run bench -- scan [--sizes 10000,500000] [--due 200]`
 *
 * Shows that the daily deadline scan costs what the due cases cost, not what all cases
 * cost: a fixed number of cases are due on the scan day; every other case sits in the
 * byDue index on some other day of the year. The scan queries one index partition per day,
 * so its query count, consumed capacity and time stay flat from 10k to 500k cases.
 * Prints figures; asserts nothing.
 */

import { CaseStore } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import { type Case, type CaseEvent, computeClocks, project } from '@uii/domain';
import { startLocalStack } from '@uii/local/testing';
import { runScan } from '../functions/deadline-scan/scan';

const SCAN_DAY = '2026-03-12';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

/** META item (+ its one event) for case `n`; due cases carry a CL-REFER clock whose reminder is on SCAN_DAY. */
function itemsFor(n: number, due: boolean): Record<string, unknown>[] {
  const c: Case = { id: `B-${n}`, sentence: 'corrective_labor', officerId: 'OFF-B', inspectionId: 'INSP-B' };
  if (!due) {
    // Not due today: parked on another day of the year (never the scan day).
    const day = new Date(Date.UTC(2026, 0, 1) + ((n % 364) + (n % 364 >= 70 ? 1 : 0)) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    return [
      {
        pk: `CASE#${c.id}`,
        sk: 'META',
        type: 'case',
        case: c,
        version: 1,
        gsi1pk: `DUE#${day === SCAN_DAY ? '2026-12-31' : day}`,
        gsi1sk: `CASE#${c.id}`,
      },
    ];
  }
  const event: CaseEvent = { type: 'court_order_received', date: '2026-03-02' };
  const asOf = '2026-03-02';
  const projection = project(c, [event], asOf, computeClocks(c, [event], asOf));
  return [
    {
      pk: `CASE#${c.id}`,
      sk: 'META',
      type: 'case',
      case: c,
      projection,
      version: 1,
      gsi1pk: `DUE#${projection.nextActionDate}`,
      gsi1sk: `CASE#${c.id}`,
    },
    { pk: `CASE#${c.id}`, sk: `EVT#2026-03-02#b${n}`, type: 'event', eventId: `b${n}`, event, source: 'cli' },
  ];
}

async function load(store: CaseStore, from: number, to: number, dueEvery: number, dueLimit: number) {
  const started = Date.now();
  let dueCount = 0;
  const chunks: Record<string, unknown>[][] = [];
  let chunk: Record<string, unknown>[] = [];
  for (let n = from; n < to; n++) {
    const due = n % dueEvery === 0 && n / dueEvery < dueLimit;
    if (due) dueCount++;
    chunk.push(...itemsFor(n, due));
    if (chunk.length >= 500) {
      chunks.push(chunk);
      chunk = [];
    }
  }
  if (chunk.length) chunks.push(chunk);
  let next = 0;
  let written = 0;
  const worker = async () => {
    for (let i = next++; i < chunks.length; i = next++) {
      await store.putMany(chunks[i]!);
      written += chunks[i]!.length;
      if (i % 100 === 0) process.stderr.write(`\r  loaded ${written} items…`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  process.stderr.write('\n');
  return { seconds: (Date.now() - started) / 1000, dueCount };
}

export async function main(args: string[]): Promise<void> {
  const sizes = option(args, '--sizes', '10000,500000').split(',').map(Number);
  const dueTotal = Number(option(args, '--due', '200'));
  const stack = await startLocalStack({ functions: [] });
  try {
    const store = new CaseStore(stack.env.TABLE_NAME);
    const directory = new DirectoryStore(stack.env.TABLE_NAME);
    await directory.putOfficer({ id: 'OFF-B', email: 'bench@uii.example', inspectionId: 'INSP-B' });
    const dueEvery = Math.floor(sizes[0]! / dueTotal);
    const rows: string[] = [];
    let loaded = 0;
    for (const size of sizes) {
      process.stderr.write(`loading cases ${loaded}..${size - 1}\n`);
      const l = await load(store, loaded, size, dueEvery, dueTotal);
      loaded = size;
      let alertsEmitted = 0;
      // Each size scans the same single day afresh.
      await store.setLastScanDate('2026-03-11');
      const t0 = performance.now();
      const result = await runScan(SCAN_DAY, {
        cases: store,
        directory,
        emit: async (jobs) => {
          alertsEmitted += jobs.length;
        },
      });
      const ms = performance.now() - t0;
      // Put the due cases back on the scan day for the next size.
      await store.putMany(Array.from({ length: dueTotal }, (_, k) => itemsFor(k * dueEvery, true)).flat());
      rows.push(
        [
          String(size).padStart(8),
          String(result.casesDue).padStart(5),
          String(result.indexQueries).padStart(7),
          result.indexCapacityUnits.toFixed(1).padStart(9),
          String(alertsEmitted).padStart(6),
          ms.toFixed(0).padStart(8),
          l.seconds.toFixed(1).padStart(8),
        ].join(' '),
      );
    }
    process.stdout.write(
      `\nDeadline scan of ${SCAN_DAY} (DynamoDB Local, byDue index; ${dueTotal} cases due)\n` +
        '   cases   due queries  idx RCU alerts  scan ms  load s\n' +
        `${rows.join('\n')}\n` +
        'queries/RCU: byDue index only. Scan ms includes reading the due cases and their events.\n',
    );
  } finally {
    await stack.stop();
  }
}
