/**
 * `npm run bench -- inbox-month`: what an officer's inbox holds after a month. The 35 case
 * scenarios of events/scenarios/ become one officer's caseload (each shifted to start on a
 * different day of March 2026); every day the planned alerts are routed as alert-outbox
 * routes them (urgent at once, urgent alerts of one case found together as one mail, at most
 * one per case and rule a day, a calendar cancellation when a clock with a sent calendar event
 * is met, the rest in the 08:00 digest on working days). Prints mails per day before (one mail per planned alert) and now.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addDays,
  alertsBetween,
  computeClocks,
  daysBetween,
  isWorkingDay,
  parseScenario,
  planCaseAlerts,
  routeOf,
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
  let combined = 0;
  let cancels = 0;
  const rows: string[] = [];
  // Clocks whose calendar event went out with an urgent mail (a met clock then gets a CANCEL).
  const calendars = new Set<string>();
  const recipients = { officer: ['o@uii.example'] };
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
      const yesterday = computeClocks(
        x.c,
        x.events.filter((e) => e.date < d),
        d,
      );
      const alerts = alertsBetween(clocks, addDays(d, -1), d).filter((a) => a.audience === 'officer');
      planned += alerts.length;
      // As case-events and the scan plan them: urgent alerts found together are one mail.
      const plan = planCaseAlerts({
        caseId: x.id,
        clocks,
        planned: alerts,
        recipients,
        before: yesterday,
        asOf: d,
      });
      for (const job of plan.jobs) {
        if (job.kind === 'deadline.met') {
          const f = job.deadline!;
          if (calendars.has(`${x.id}|${f.rule}|${f.trigger}`)) {
            cancels++;
            now++;
          }
          continue;
        }
        const route = routeOf(job);
        const parts = job.parts ?? [job];
        const free = parts.filter((p) => !slots.has(`${x.id}|${p.rule}`));
        if (route.route === 'now' && free.length) {
          for (const p of free) {
            slots.add(`${x.id}|${p.rule}`);
            if (p.deadline) calendars.add(`${x.id}|${p.deadline.rule}|${p.deadline.trigger}`);
          }
          if (free.length > 1) combined += free.length - 1;
          held += parts.length - free.length;
          now++;
        } else held += parts.length;
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
      `now:    ${digests + urgent} mails = ${digests} digests + ${urgent} immediate (${cancels} of them calendar cancellations); ${heldForDigest} alerts read in the digest instead; ${combined} alerts folded into another one's mail`,
      `mails per working day: before ${(before / workingDays).toFixed(1).replace('.', ',')}, now ${((digests + urgent) / workingDays).toFixed(1).replace('.', ',')}`,
    ].join('\n')}\n`,
  );
}
