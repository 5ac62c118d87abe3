/**
 * `npm run bench -- inbox-month`: what an officer's inbox holds after a month. The 35 case
 * scenarios of events/scenarios/ become one officer's caseload (each shifted to start on a
 * different day of March 2026); every day the planned alerts are routed as alert-outbox
 * routes them (urgent at once, at most one per case and rule a day, the rest in the 08:00
 * digest on working days). Prints mails per day before (one mail per planned alert) and now.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AlertJob,
  addDays,
  alertsBetween,
  computeClocks,
  daysBetween,
  isWorkingDay,
  parseScenario,
  routeOf,
  subjectOf,
} from '@uii/domain';

const shiftDates = (value: unknown, by: number): unknown => {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return addDays(value, by);
  if (Array.isArray(value)) return value.map((v) => shiftDates(v, by));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftDates(v, by)]));
  return value;
};

export async function main(): Promise<void> {
  const dir = join(import.meta.dirname, '../events/scenarios');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const start = '2026-03-01';
  const cases = files.map((f, i) => {
    const s = parseScenario(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    const first = s.events.map((e) => e.date).sort()[0] ?? start;
    const by = daysBetween(first, addDays('2026-03-02', i % 12));
    return { id: s.case.id, c: s.case, events: shiftDates(s.events, by) as typeof s.events };
  });
  let before = 0;
  let urgent = 0;
  let digests = 0;
  let heldForDigest = 0;
  const rows: string[] = [];
  for (let d = start; d <= '2026-03-31'; d = addDays(d, 1)) {
    let planned = 0;
    let now = 0;
    let held = 0;
    const slots = new Set<string>();
    for (const x of cases) {
      const clocks = computeClocks(
        x.c,
        x.events.filter((e) => e.date <= d),
        d,
      );
      for (const a of alertsBetween(clocks, addDays(d, -1), d)) {
        if (a.audience !== 'officer') continue;
        planned++;
        const subject = subjectOf(clocks, a);
        const job = {
          id: a.id,
          kind: `deadline.${a.kind}`,
          audience: 'officer',
          to: ['o@x'],
          subject: '',
          text: '',
          caseId: x.id,
          rule: a.rule,
          deadline:
            subject && 'due' in subject
              ? { rule: a.rule, kind: a.kind, trigger: subject.trigger, due: subject.due, asOf: a.date }
              : undefined,
        } as AlertJob;
        const route = routeOf(job);
        const slot = `${x.id}|${a.rule}`;
        if (route.route === 'now' && !slots.has(slot)) {
          slots.add(slot);
          now++;
        } else held++;
      }
    }
    const digest = isWorkingDay(d) ? 1 : 0;
    before += planned;
    urgent += now;
    digests += digest;
    heldForDigest += held;
    rows.push(
      `${d}  ${isWorkingDay(d) ? 'раб.' : 'вых.'}  before ${String(planned).padStart(2)}  now ${String(now + digest).padStart(2)} (digest ${digest}, urgent ${now})`,
    );
  }
  process.stdout.write(`${rows.join('\n')}\n`);
  const workingDays = digests;
  process.stdout.write(
    `${[
      '',
      `cases: ${cases.length}, March 2026, ${workingDays} working days`,
      `before: ${before} mails (one per planned alert)`,
      `now:    ${digests + urgent} mails = ${digests} digests + ${urgent} urgent; ${heldForDigest} alerts read in the digest instead`,
      `mails per working day: before ${(before / workingDays).toFixed(1).replace('.', ',')}, now ${((digests + urgent) / workingDays).toFixed(1).replace('.', ',')}`,
    ].join('\n')}\n`,
  );
}
