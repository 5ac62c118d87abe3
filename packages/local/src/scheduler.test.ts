import { afterEach, describe, expect, it } from 'vitest';
import { startScheduler } from './scheduler';
import { ClockError, parseClockTime, SimulatedClock } from './sim-clock';
import type { ScheduleSpec } from './template';

const daily: ScheduleSpec = {
  name: 'daily-deadline-scan',
  expression: 'cron(0 6 * * ? *)',
  timezone: 'Europe/Moscow',
  enabled: true,
  target: { kind: 'function', name: 'deadline-scan' },
  input: '{"time":"<aws.scheduler.scheduled-time>"}',
};

let stop: (() => Promise<void>) | undefined;
let clock: SimulatedClock | undefined;
afterEach(async () => {
  await stop?.();
  clock?.dispose();
});

describe('the local clock', () => {
  it('with --now, runs the schedules of that day at once, and each run only once', async () => {
    clock = new SimulatedClock(parseClockTime('01.03.2026'));
    const fired: string[] = [];
    const s = startScheduler({
      specs: [daily],
      clock,
      runStartDay: true,
      tickMs: 60_000,
      fire: async (_spec, input) => void fired.push((input as { time: string }).time),
    });
    stop = s.stop;
    await s.settled();
    expect(fired).toEqual(['2026-03-01T03:00:00Z']);
    await clock.advance(86_400_000); // to 02.03 00:00: the 06:00 run of 01.03 is not repeated
    expect(fired).toEqual(['2026-03-01T03:00:00Z']);
    await clock.advance(12 * 3_600_000);
    expect(fired).toEqual(['2026-03-01T03:00:00Z', '2026-03-02T03:00:00Z']);
  });

  it('refuses to go back', async () => {
    clock = new SimulatedClock(parseClockTime('2026-03-10'));
    await expect(clock.set(parseClockTime('2026-03-09'))).rejects.toThrow(ClockError);
    await expect(clock.set(parseClockTime('2026-03-09'))).rejects.toThrow(/нельзя перевести назад/);
  });
});
