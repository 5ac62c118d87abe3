import { describe, expect, it } from 'vitest';
import type { Case } from '../cases/case';
import type { CaseEvent } from '../cases/events';
import { currentStages } from './effects';
import { computeClocks } from './engine';
import { type EventMatch, RULES, triggerMatches } from './rules';

const ir: Case = { id: 'R-IR', sentence: 'corrective_labor' };
const cw: Case = { id: 'R-CW', sentence: 'compulsory_labor', hoursOrdered: 60 };

/** A minimal event for a match, with the payload fields the schema needs. */
function eventFor(m: EventMatch, date: string): CaseEvent {
  const type = typeof m === 'string' ? m : m.type;
  const where = typeof m === 'string' ? {} : m.where;
  const extra: Record<string, unknown> = {
    employment_reported: { status: 'unemployed' },
    absence_reported: { outcome: 'absent_unexcused' },
    residence_changed: { reportedOn: date },
    job_changed: { reportedOn: date },
    hours_reported: { hours: 2 },
  }[type as string] as Record<string, unknown>;
  return { type, date, ...(extra ?? {}), ...where } as CaseEvent;
}

describe('rule records drive the engine', () => {
  const deadlineRules = [
    ...new Map(RULES.filter((r) => r.kind === 'deadline').map((r) => [r.id, r])).values(),
  ];

  for (const rule of deadlineRules) {
    const c = rule.sentence === 'compulsory_labor' ? cw : ir;
    it(`${rule.id}: every trigger opens a clock and every meeting event meets it`, () => {
      for (const t of triggerMatches(rule)) {
        // Opening a spell without work needs the registration; a report of change meets itself.
        const prelude: CaseEvent[] =
          rule.id === 'CL-JOBSEARCH' ? [{ type: 'registered', date: '2026-03-01' }] : [];
        const opened = computeClocks(c, [...prelude, eventFor(t, '2026-03-02')], '2026-03-03');
        const clocks = opened.deadlines.filter((d) => d.rule === rule.id);
        expect(clocks, `${JSON.stringify(t)} opens ${rule.id}`).toHaveLength(1);
        if (rule.opens === 'per_change') continue;
        expect(clocks[0]!.status).toBe('open');
        for (const m of rule.satisfiedBy) {
          const met = computeClocks(
            c,
            [...prelude, eventFor(t, '2026-03-02'), eventFor(m, '2026-03-03')],
            '2026-03-04',
          );
          const d = met.deadlines.find((x) => x.rule === rule.id && x.trigger === clocks[0]!.trigger);
          expect(d?.status, `${JSON.stringify(m)} meets ${rule.id}`).toBe('met');
        }
      }
    });
  }

  it('an event that is not in a rule record neither opens nor meets its clock', () => {
    const c = computeClocks(
      ir,
      [
        { type: 'court_order_received', date: '2026-03-02' },
        { type: 'work_started', date: '2026-03-03' },
      ],
      '2026-03-04',
    );
    expect(c.deadlines.find((d) => d.rule === 'CL-REFER')?.status).toBe('open');
  });
});

describe('hours', () => {
  const hours = (date: string, h: number): CaseEvent => ({ type: 'hours_reported', date, hours: h });

  it('sums exactly: 18 reports of 3⅓ h make the 60 h ordered', () => {
    const reports: CaseEvent[] = [];
    for (let i = 0; i < 18; i++)
      reports.push(hours(`2026-03-${String(2 + i).padStart(2, '0')}`, i % 3 === 2 ? 3.4 : 3.3));
    const c = computeClocks(
      cw,
      [{ type: 'court_order_received', date: '2026-03-01' }, ...reports],
      '2026-03-25',
    );
    expect(c.findings.find((f) => f.rule === 'CW-DONE')?.details.total).toBe(60);
  });

  it('0.2 + 2.2 + 0.6 h for a 15-year-old is 3 h: no cap finding; 3.5 h cites УК 88 ч. 3 only', () => {
    const minor: Case = { ...cw, birthDate: '2011-01-10' };
    const exact = computeClocks(
      minor,
      [hours('2026-03-07', 0.2), hours('2026-03-07', 2.2), hours('2026-03-07', 0.6)],
      '2026-03-08',
    );
    expect(exact.findings.filter((f) => f.rule === 'CW-HOURS-CAP')).toEqual([]);
    const over = computeClocks(minor, [hours('2026-03-07', 2.5), hours('2026-03-07', 1)], '2026-03-08');
    const cap = over.findings.find((f) => f.rule === 'CW-HOURS-CAP')!;
    expect(cap.message).toContain('3,5 ч');
    expect(cap.message).toContain('(УК РФ ст. 88 ч. 3)');
    const adult = computeClocks(cw, [hours('2026-03-07', 4.5)], '2026-03-08');
    expect(adult.findings.find((f) => f.rule === 'CW-HOURS-CAP')!.message).toMatch(
      /4,5 ч.*\(УК РФ ст\. 49 ч\. 2, УИК РФ ст\. 27\)$/,
    );
  });

  it('hours reported after the order meet CW-START', () => {
    const c = computeClocks(
      cw,
      [{ type: 'court_order_received', date: '2026-03-02' }, hours('2026-03-10', 4)],
      '2026-03-25',
    );
    expect(c.deadlines.find((d) => d.rule === 'CW-START')).toMatchObject({
      status: 'met',
      metOn: '2026-03-10',
    });
  });
});

describe('CW-PACE', () => {
  const h = (date: string, hours: number): CaseEvent => ({ type: 'hours_reported', date, hours });
  const base: CaseEvent[] = [
    { type: 'court_order_received', date: '2026-03-02' },
    { type: 'work_started', date: '2026-03-02' },
  ];

  it('does not judge a week without any hours report (нет данных)', () => {
    const c = computeClocks(cw, [...base, h('2026-03-03', 12), h('2026-03-17', 4)], '2026-03-23');
    expect(c.findings.filter((f) => f.rule === 'CW-PACE').map((f) => f.date)).toEqual(['2026-03-22']);
  });

  it('weeks found short at once go out as one alert', () => {
    const events = [...base, h('2026-03-03', 2), h('2026-03-10', 2), h('2026-03-17', 2)];
    const c = computeClocks(cw, events, '2026-03-23');
    const pace = c.alertPlan.filter((a) => a.rule === 'CW-PACE');
    expect(pace).toHaveLength(3);
    const sent = currentStages(pace, '2026-03-23');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ date: '2026-03-22', alsoDates: ['2026-03-08', '2026-03-15'] });
  });

  it('keeps a working convict in the due-date index for the next Sunday', () => {
    const c = computeClocks(cw, [...base, h('2026-03-03', 12), h('2026-03-04', 12)], '2026-03-18');
    expect(c.nextActionDate).toBe('2026-03-22');
  });
});
