import { describe, expect, it } from 'vitest';
import type { Case } from '../cases/case';
import type { CaseEvent } from '../cases/events';
import { computeClocks } from '../deadlines/engine';
import { digestMessage, headDigestMessage } from './digest';

// A compulsory-labour case with two unexcused absences a day apart: two CW-WARN clocks, and
// the evasion-risk finding, on Wednesday 11.03.2026.
const cw = { id: 'CW-9', sentence: 'compulsory_labor', hoursOrdered: 120 } as Case;
const absence = (date: string) =>
  ({ type: 'absence_reported', date, outcome: 'absent_unexcused' }) as CaseEvent;
const clocks = computeClocks(
  cw,
  [
    { type: 'court_order_received', date: '2026-03-02' } as CaseEvent,
    absence('2026-03-09'),
    absence('2026-03-10'),
  ],
  '2026-03-11',
);
const person = { lastName: 'Козлов', firstName: 'Дмитрий', middleName: 'Сергеевич' };

describe('the digest reads as the officer reads it', () => {
  const message = digestMessage({
    officerId: 'o',
    date: '2026-03-11',
    since: '2026-03-10',
    cases: [{ caseId: 'CW-9', person, clocks }],
  });
  const lines = message.text.split('\n');

  it('names each of several clocks of one rule by its trigger', () => {
    const warns = lines.filter((l) => l.includes('CW-WARN —'));
    expect(warns).toHaveLength(2);
    expect(warns.map((l) => /основание от (\d\d\.\d\d\.2026)/.exec(l)?.[1]).sort()).toEqual([
      '09.03.2026',
      '10.03.2026',
    ]);
  });

  it('cites a finding once and says what to do in the officer’s own voice', () => {
    const risk = lines.find((l) => l.includes('CW-EVASION-RISK —'))!;
    expect(risk.match(/УИК РФ ст\. 30 ч\. 1/g)).toHaveLength(1);
    const todo = lines[lines.indexOf(risk) + 1]!;
    expect(todo).toBe('  → предупредить осуждённого: ещё одно нарушение в этом месяце — злостное уклонение');
  });

  it('counts in the subject as «просрочено: 2», not «2 просрочено»', () => {
    expect(message.subject).toMatch(/^Сводка на 11\.03\.2026 — /);
    expect(message.subject).not.toMatch(/\d+ (просрочено|сегодня|на неделе)/);
  });
});

describe('a clock met late is done, not overdue', () => {
  it('leaves the digest and the head’s weekly count once its action is recorded', () => {
    const cl = { id: 'CL-7', sentence: 'corrective_labor', termMonths: 6, deductionPercent: 10 } as Case;
    const order = { type: 'court_order_received', date: '2026-02-02' } as CaseEvent;
    const late = computeClocks(
      cl,
      [order, { type: 'referral_issued', date: '2026-03-10' } as CaseEvent],
      '2026-03-11',
    );
    expect(late.deadlines.find((d) => d.rule === 'CL-REFER')).toMatchObject({
      status: 'overdue',
      metOn: '2026-03-10',
    });
    const digest = digestMessage({
      officerId: 'o',
      date: '2026-03-11',
      since: '2026-03-10',
      cases: [{ caseId: 'CL-7', clocks: late }],
    });
    expect(digest.text).not.toContain('CL-REFER');
    const head = headDigestMessage({
      inspectionId: 'I',
      date: '2026-03-16',
      weekly: true,
      officers: [{ officerId: 'o', cases: [{ caseId: 'CL-7', clocks: late }] }],
    })!;
    expect(head.text).toContain('0 просроченных сроков');
  });
});

describe('the head’s digest names people, not directory ids', () => {
  it('names the officer by surname and initials and the inspection by its name', () => {
    const head = headDigestMessage({
      inspectionId: 'INSP-70',
      inspectionName: 'УИИ по Томской области, филиал № 1',
      date: '2026-03-16',
      weekly: true,
      officers: [
        {
          officerId: 'OFF-7',
          name: 'Смирнова Елена Викторовна',
          cases: [{ caseId: 'CW-9', person, clocks }],
        },
      ],
      unacted: [
        {
          caseId: 'CW-9',
          person,
          officerId: 'OFF-7',
          rules: ['CW-WARN'],
          sentAt: '2026-03-12T07:00:00.000Z',
        },
      ],
    })!;
    expect(head.text).toContain('УИИ по Томской области, филиал № 1, 16.03.2026.');
    expect(head.text).toContain('инспектор Смирнова Е. В.');
    expect(head.text).toContain('Инспектор Смирнова Е. В.');
    expect(head.text).not.toContain('OFF-7');
    expect(head.text).not.toContain('INSP-70');
  });
});
