import { describe, expect, it } from 'vitest';
import { UsageError } from '../program';
import { parseDay } from './alerts';
import { parseSince } from './queues';

describe('parseDay', () => {
  it('reads ISO and Russian dates', () => {
    expect(parseDay('2026-03-01', '--since')).toBe('2026-03-01');
    expect(parseDay('01.03.2026', '--since')).toBe('2026-03-01');
  });
  it('refuses impossible or malformed dates with the flag named', () => {
    for (const bad of ['31.02.2026', '2026-3-1', 'вчера', ''])
      expect(() => parseDay(bad, '--since')).toThrow(UsageError);
    expect(() => parseDay('x', '--date')).toThrow(/^--date: «x»/);
  });
});

describe('parseSince (uii outbox)', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('reads minutes, durations and moments', () => {
    expect(parseSince('30', now)).toBe(now / 1000 - 1800);
    expect(parseSince('2h', now)).toBe(now / 1000 - 7200);
    expect(parseSince('1d', now)).toBe(now / 1000 - 86_400);
    expect(parseSince('2026-03-01T08:00:00Z', now)).toBe(Date.parse('2026-03-01T08:00:00Z') / 1000);
  });
  it('refuses anything else', () => {
    for (const bad of ['abc', '0', '-5', '2026-13-45', '5 weeks', 'NaN'])
      expect(() => parseSince(bad, now), bad).toThrow(UsageError);
  });
});
