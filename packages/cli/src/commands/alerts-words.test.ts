import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AlertJob, alertKindRu, audienceRu, isListedKind } from '@uii/domain';
import { repoRoot } from '@uii/local/testing';
import { describe, expect, it } from 'vitest';
import { localTimeRu, zoneLabel } from './local-time';

/** Every alert kind a producer writes as a literal (`kind: 'feed.receipt'`), read from the sources. */
function producerKinds(): string[] {
  const kinds = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/kind: '([a-z_]+(?:\.[a-z_]+)+)'/g))
          kinds.add(m[1]!);
    }
  };
  walk(join(repoRoot, 'functions'));
  walk(join(repoRoot, 'packages/domain/src'));
  return [...kinds];
}

const words = (s: string) => {
  expect(s).toMatch(/[а-яё]{3}/i);
  expect(s).not.toMatch(/[._]/);
};

describe('alert kinds and audiences in words', () => {
  it('every kind the producers queue has a Russian name', () => {
    const kinds = producerKinds();
    expect(kinds.length).toBeGreaterThan(15);
    // Listed, not merely readable: the fallback reads as words for any kind at all.
    expect(kinds.filter((k) => !isListedKind(k))).toEqual([]);
    for (const kind of kinds) words(alertKindRu(kind));
    // the templated ones
    for (const stage of ['first', 'reminder', 'overdue', 'escalation', 'met'])
      for (const family of ['deadline', 'place.remarks']) words(alertKindRu(`${family}.${stage}`));
    for (const d of ['consent', 'refusal', 'remarks']) words(alertKindRu(`place.decision.${d}`));
  });
  it('a kind nobody listed reads as words, never as a crash', () => {
    expect(alertKindRu('match.brand_new')).toBe('подбор вакансий: brand new');
    expect(alertKindRu('x')).toBe('x');
    expect(alertKindRu('')).toBe('уведомление');
    // A finding travels as deadline.first: with its rule it is not «начало срока».
    expect(alertKindRu('deadline.first', 'CW-EVASION-RISK')).toBe('нарушение или риск');
    expect(alertKindRu('deadline.first', 'CL-REFER')).toBe('начало срока');
  });
  it('every audience of the job schema in the dative', () => {
    for (const a of AlertJob.shape.audience.options) {
      words(audienceRu(a));
      expect(audienceRu(a), a).not.toMatch(/^получателю «/); // not the fallback
    }
    expect(audienceRu('employment_service')).toBe('службе занятости');
    expect(audienceRu('robots')).toContain('robots');
  });
});

describe('times in the inspection’s zone', () => {
  const at = '2026-12-02T01:00:00.000Z';
  it('says Russian zones against Moscow, others as UTC offsets, unknown as UTC', () => {
    expect(localTimeRu(at, 'Asia/Novosibirsk')).toBe('02.12.2026 08:00 (МСК+4)');
    expect(localTimeRu(at, 'Europe/Moscow')).toBe('02.12.2026 04:00 (МСК)');
    expect(localTimeRu(at, 'Europe/Kaliningrad')).toBe('02.12.2026 03:00 (МСК−1)');
    expect(localTimeRu(at, 'Asia/Kamchatka')).toBe('02.12.2026 13:00 (МСК+9)');
    expect(localTimeRu(at, 'Asia/Kolkata')).toBe('02.12.2026 06:30 (UTC+05:30)');
    expect(localTimeRu('2026-12-01T23:30:00Z', undefined)).toBe('01.12.2026 23:30 (UTC)');
    expect(zoneLabel(new Date(at), 'America/New_York')).toBe('UTC−05:00');
  });
});

describe('alert preview accepts what the producers queue', () => {
  it('every job planned for the scenario cases passes the preview check', async () => {
    const { addDays, alertsBetween, computeClocks, parseScenario, planCaseAlerts } = await import(
      '@uii/domain'
    );
    const { checkAlertJob } = await import('./alert-check');
    const dir = join(repoRoot, 'events/scenarios');
    const recipients = { officer: ['officer@uii.example'], supervisor: ['head@uii.example'] };
    let checked = 0;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const s = parseScenario(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      // Day by day, as the daily scan plans them, with the events known by then.
      const first = s.events.map((e) => e.date).sort()[0] ?? s.asOf;
      for (let day = first; day <= s.asOf; day = addDays(day, 1)) {
        const known = s.events.filter((e) => e.date <= day);
        const clocks = computeClocks(s.case, known, day);
        const planned = alertsBetween(clocks, addDays(day, -1), day);
        const { jobs } = planCaseAlerts({ caseId: s.case.id, clocks, planned, recipients, asOf: day });
        for (const job of jobs) {
          const result = checkAlertJob(name, JSON.parse(JSON.stringify(job)));
          expect(result.errors, `${name} ${job.id}`).toEqual([]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
