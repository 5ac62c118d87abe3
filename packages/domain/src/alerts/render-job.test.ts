import { describe, expect, it } from 'vitest';
import type { AlertJob } from './alert-job';
import { renderJob } from './render-job';

const deps = {
  audit: { calendarSequence: async () => 0 },
  cases: { getPerson: async () => ({ lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна' }) },
};
const part = (rule: string, trigger: string, due: string, asOf: string) => ({
  id: `124:${rule}:overdue:${asOf}:${trigger}`,
  kind: 'deadline.overdue',
  rule,
  subject: rule,
  text: '',
  deadline: { rule, kind: 'escalation' as const, trigger, due, asOf },
});

describe('a combined mail says its calendar and its reader truthfully', () => {
  it('to the head: the head’s footer; missed days marked, no «reminder the day before»', async () => {
    const job: AlertJob = {
      id: '124:group:x',
      kind: 'deadline.group',
      audience: 'supervisor',
      to: ['head@uii.example'],
      subject: 'x',
      text: '',
      caseId: '124',
      parts: [
        part('CL-REFER', '2026-02-02', '2026-03-04', '2026-03-10'),
        part('CW-START', '2026-02-05', '2026-03-06', '2026-03-10'),
      ],
    };
    const r = await renderJob(job, deps);
    expect(r.text).toContain('для начальника УИИ');
    expect(r.text).not.toContain('для сотрудников УИИ');
    expect(r.text).toContain('отмечающие пропущенные последние дни сроков');
    expect(r.text).not.toContain('с напоминанием накануне');
  });
});
