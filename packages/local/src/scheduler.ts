import { today } from '@uii/domain';
import { parseScheduleExpression, type Schedule, zonedToUtc } from './cron';
import type { SimulatedClock } from './sim-clock';
import type { ScheduleSpec } from './template';

export interface ScheduledRun {
  schedule: string;
  scheduledTime: string;
  target: string;
  error?: string;
}

/** The Input with Scheduler's context attributes filled in, parsed as the target receives it. */
export function scheduleInput(spec: ScheduleSpec, scheduledTime: Date): unknown {
  if (!spec.input) return {};
  const text = spec.input
    .replaceAll('<aws.scheduler.scheduled-time>', scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replaceAll('<aws.scheduler.schedule-arn>', `arn:aws:scheduler:::schedule/default/${spec.name}`)
    .replaceAll('<aws.scheduler.execution-id>', `local-${scheduledTime.getTime()}`)
    .replaceAll('<aws.scheduler.attempt-number>', '1');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Runs the template's schedules against the simulated clock: a tick every second follows
 * real time, and a clock jump fires, in time order, every run it crosses.
 */
export function startScheduler(args: {
  specs: ScheduleSpec[];
  clock: SimulatedClock;
  fire: (spec: ScheduleSpec, input: unknown) => Promise<void>;
  onRun?: (run: ScheduledRun) => void;
  tickMs?: number;
  /**
   * Run every occurrence of the start day (Moscow) at once — the ones already past as well:
   * a stack started with `--now <day>` behaves as if it had run that whole day.
   */
  runStartDay?: boolean;
}) {
  const compiled: [ScheduleSpec, Schedule][] = args.specs
    .filter((s) => s.enabled)
    .map((s) => [s, parseScheduleExpression(s.expression, s.timezone)]);
  let last = args.clock.now();
  const runs: ScheduledRun[] = [];
  let chain = Promise.resolve();

  // Runs fire one after another, in time order, even when jumps come quickly.
  const catchUp = (from: Date, to: Date) => {
    const due = compiled
      .flatMap(([spec, schedule]) => schedule.between(from, to).map((time) => ({ spec, time })))
      .sort((a, b) => a.time.getTime() - b.time.getTime());
    for (const { spec, time } of due) {
      const run: ScheduledRun = {
        schedule: spec.name,
        scheduledTime: time.toISOString(),
        target: `${spec.target.kind}:${spec.target.name}`,
      };
      chain = chain
        .then(() => args.fire(spec, scheduleInput(spec, time)))
        .catch((error: unknown) => {
          run.error = error instanceof Error ? error.message : String(error);
        })
        .then(() => {
          runs.push(run);
          args.onRun?.(run);
        });
    }
  };

  if (args.runStartDay) {
    const dayStart = zonedToUtc(`${today(last)}T00:00:00`, 'Europe/Moscow');
    const dayEnd = new Date(dayStart.getTime() + 86_400_000 - 1);
    catchUp(new Date(dayStart.getTime() - 1), dayEnd);
    last = dayEnd;
  }

  args.clock.onAdvance(async (from, to) => {
    if (to.getTime() > from.getTime()) catchUp(new Date(Math.max(from.getTime(), last.getTime())), to);
    last = new Date(Math.max(to.getTime(), last.getTime()));
    await chain;
  });
  const timer = setInterval(() => {
    const now = args.clock.now();
    if (now.getTime() <= last.getTime()) return;
    catchUp(last, now);
    last = now;
  }, args.tickMs ?? 1000);
  timer.unref();

  return {
    runs,
    settled: () => chain,
    stop: async () => {
      clearInterval(timer);
      await chain;
    },
  };
}
