import { setClock } from '@uii/domain';
import { zonedToUtc } from './cron';

export class ClockError extends Error {
  override readonly name = 'ClockError';
}

const MOSCOW = 'Europe/Moscow';

/** `2026-03-01` or `01.03.2026` (midnight, Moscow time), or a full ISO timestamp. */
export function parseClockTime(text: string): Date {
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text.trim());
  if (ru) return parseClockTime(`${ru[3]}-${ru[2]}-${ru[1]}`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return zonedToUtc(`${text}T00:00:00`, MOSCOW);
  const at = new Date(text);
  if (Number.isNaN(at.getTime()))
    throw new ClockError(`не дата / not a date: "${text}" (YYYY-MM-DD or ISO time)`);
  return at;
}

/** `1d`, `3d`, `12h`, `30m`, `2w`. */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*(m|h|d|w)$/.exec(text.trim());
  if (!m) throw new ClockError(`не длительность / not a duration: "${text}" (e.g. 1d, 3d, 12h, 30m)`);
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[m[2] as 'm' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}

/**
 * The simulated clock: wall time plus an offset, so it keeps running between jumps.
 * Domain code sees it through `setClock()`; schedules fire for every run a jump crosses.
 */
export class SimulatedClock {
  private offsetMs = 0;
  private readonly listeners: ((from: Date, to: Date) => Promise<void>)[] = [];

  constructor(start?: Date) {
    if (start) this.offsetMs = start.getTime() - Date.now();
    setClock(() => this.now());
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Called with every interval of simulated time that has passed (by jumps and by ticks). */
  onAdvance(listener: (from: Date, to: Date) => Promise<void>): void {
    this.listeners.push(listener);
  }

  async set(to: Date): Promise<void> {
    const from = this.now();
    if (to.getTime() < from.getTime()) {
      // Deadlines only move forward: going back would replay alerts already sent and
      // leave events dated "in the future" of the stack.
      throw new ClockError(
        `часы стенда нельзя перевести назад: сейчас ${from.toISOString()}, запрошено ${to.toISOString()} (начните заново: npm start -- --fresh --now <дата>)`,
      );
    }
    this.offsetMs = to.getTime() - Date.now();
    for (const l of this.listeners) await l(from, to);
  }

  async advance(ms: number): Promise<void> {
    await this.set(new Date(this.now().getTime() + ms));
  }

  dispose(): void {
    setClock(undefined);
  }
}
