import { describe, expect, it } from 'vitest';
import type { CaseEvent, RecordedEvent } from '../cases/events';
import { type DigestRoster, runDigest } from './digest-run';

// Two inspections eleven time zones apart; each officer has one corrective-labour case.
const roster: DigestRoster = {
  officers: [
    { id: 'off-msk', email: 'msk@uii.example', inspectionId: 'msk' },
    { id: 'off-vvo', email: 'vvo@uii.example', inspectionId: 'vvo' },
  ],
  inspections: new Map([
    ['msk', { id: 'msk', headEmail: 'head@uii.example' }],
    ['vvo', { id: 'vvo', timeZone: 'Asia/Vladivostok' }],
  ]),
  casesByOfficer: new Map([
    ['off-msk', [{ id: 'C-1', sentence: 'corrective_labor', officerId: 'off-msk', inspectionId: 'msk' }]],
    ['off-vvo', [{ id: 'C-2', sentence: 'corrective_labor', officerId: 'off-vvo', inspectionId: 'vvo' }]],
  ]),
} as DigestRoster;

const events: Record<string, RecordedEvent[]> = {
  'C-1': [{ eventId: 'e1', event: { type: 'court_order_received', date: '2026-03-03' } as CaseEvent }],
  'C-2': [{ eventId: 'e2', event: { type: 'court_order_received', date: '2026-03-03' } as CaseEvent }],
};
const deps = {
  roster: async () => roster,
  events: async (id: string) => events[id] ?? [],
  person: async (id: string) =>
    id === 'C-1' ? { caseId: id, lastName: 'Иванов', firstName: 'Иван' } : undefined,
  waiting: async () => ({ triage: 2, quarantine: 0 }),
  missingFeeds: async (month: string) => [
    { service: 'ЦЗН Томского района', month: `${month.slice(5)}.${month.slice(0, 4)}` },
  ],
};

describe('runDigest', () => {
  it('sends each officer their digest at 08:00 of their own inspection time zone', async () => {
    // 05:00Z = 08:00 Moscow = 15:00 Vladivostok (Wednesday 04.03.2026, a working day).
    const msk = await runDigest(new Date('2026-03-04T05:00:00Z'), deps);
    expect(msk.jobs.map((j) => j.id)).toEqual(['digest:off-msk:2026-03-04']);
    // 22:00Z on the 3rd = 08:00 on the 4th in Vladivostok.
    const vvo = await runDigest(new Date('2026-03-03T22:00:00Z'), deps);
    expect(vvo.jobs.map((j) => j.id)).toEqual(['digest:off-vvo:2026-03-04']);
    // Any other hour: nothing.
    expect((await runDigest(new Date('2026-03-04T06:00:00Z'), deps)).jobs).toEqual([]);
  });

  it('sends nothing on a non-working day of the production calendar (08.03 holiday moved to Monday 09.03)', async () => {
    expect((await runDigest(new Date('2026-03-07T05:00:00Z'), deps)).jobs).toEqual([]); // Saturday
    expect((await runDigest(new Date('2026-03-09T05:00:00Z'), deps)).jobs).toEqual([]); // holiday
    const tuesday = (await runDigest(new Date('2026-03-10T05:00:00Z'), deps)).jobs.map((j) => j.id);
    // Tuesday is the week's first working day: the officer's digest and the head's weekly summary.
    expect(tuesday).toEqual(['digest:off-msk:2026-03-10', 'head-digest:msk:2026-03-10']);
  });

  it('lists the case with surname and initials, the rule and its article, and what is waiting', async () => {
    const [job] = (await runDigest(new Date('2026-03-04T05:00:00Z'), deps)).jobs;
    expect(job).toMatchObject({ kind: 'digest.daily', audience: 'officer', to: ['msk@uii.example'] });
    expect(job!.subject).toMatch(/^Сводка на 04\.03\.2026/);
    expect(job!.text).toContain('Дело C-1 (Иванов И.)');
    expect(job!.text).toContain('CL-REFER');
    expect(job!.text).toContain('2 сообщения ждут разбора');
    expect(job!.html).not.toMatch(/<script|<img|https?:\/\//);
    expect(job!.text).not.toContain('Нет выгрузок'); // 04.03: before the monthly due day (the 5th)
    const [later] = (await runDigest(new Date('2026-03-10T05:00:00Z'), deps)).jobs;
    expect(later!.text).toContain('ЦЗН Томского района · Выгрузка за месяц не поступила');
  });
});

describe('the head of the inspection', () => {
  const headJobs = async (iso: string) =>
    (await runDigest(new Date(iso), deps)).jobs.filter((j) => j.kind === 'digest.head');

  it('hears of an urgent item left undone one working day after its last day, not before', async () => {
    // CL-REFER of C-1 (court order 03.03): last day 18.03 (Wednesday).
    expect(await headJobs('2026-03-19T05:00:00Z')).toEqual([]); // Thursday: the officer's day to act
    const [job] = await headJobs('2026-03-20T05:00:00Z'); // Friday
    expect(job).toMatchObject({
      id: 'head-digest:msk:2026-03-20',
      audience: 'supervisor',
      to: ['head@uii.example'],
    });
    expect(job!.subject).toBe('Начальнику УИИ: 1 срок не отработан вовремя — 20.03.2026');
    expect(job!.text).toContain('Дело C-1 (Иванов И.) · инспектор off-msk');
    expect(job!.text).toContain('Не отработано за рабочий день после срока');
  });

  it('gets a weekly summary per officer on the first working day of the week', async () => {
    const [job] = await headJobs('2026-03-16T05:00:00Z'); // Monday, nothing overdue yet
    expect(job!.subject).toBe('Начальнику УИИ: недельная сводка — 16.03.2026');
    expect(job!.text).toContain('Инспектор off-msk');
    expect(await headJobs('2026-03-17T05:00:00Z')).toEqual([]); // Tuesday: nothing to say
  });
});
