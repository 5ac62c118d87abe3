import { describe, expect, it } from 'vitest';
import type { CaseEvent, RecordedEvent } from '../cases/events';
import { unactedReportDay } from './digest';
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
  // An urgent mail on C-1 accepted by SES on Wednesday 18.03 at 14:00 Moscow time.
  const sent = [
    {
      caseId: 'C-1',
      rules: ['CL-REFER'],
      sentAt: '2026-03-18T11:00:00.000Z',
      jobId: 'C-1:CL-REFER:reminder:2026-03-18',
    },
  ];
  const withSent = (acted?: string) => ({
    ...deps,
    urgentSent: async (inspectionId: string) => (inspectionId === 'msk' ? sent : []),
    events: async (id: string) =>
      id === 'C-1' && acted
        ? [
            ...(events[id] ?? []),
            {
              eventId: 'e9',
              event: { type: 'referral_issued', date: '2026-03-19' } as CaseEvent,
              recordedAt: acted,
            },
          ]
        : (events[id] ?? []),
  });
  const headOf = async (iso: string, d = withSent()) =>
    (await runDigest(new Date(iso), d)).jobs.filter((j) => j.kind === 'digest.head');

  it('hears of an urgent mail not acted on within one working day, once, and not before', async () => {
    // Thursday 08:00: the officer had less than a working day since the mail.
    expect(await headOf('2026-03-19T05:00:00Z')).toEqual([]);
    const [job] = await headOf('2026-03-20T05:00:00Z'); // Friday: a whole working day passed
    expect(job).toMatchObject({
      id: 'head-digest:msk:2026-03-20',
      audience: 'supervisor',
      to: ['head@uii.example'],
    });
    expect(job!.subject).toBe('Начальнику УИИ: 1 срочное уведомление не отработано — 20.03.2026');
    expect(job!.text).toContain('Дело C-1 (Иванов И.) · инспектор off-msk');
    expect(job!.text).toContain('CL-REFER: после срочного письма по делу ничего не записано');
    expect(job!.text).toContain('Срочное не отработано за рабочий день');
    // Told once: the next working day has nothing to say of it.
    expect(
      await headOf('2026-03-23T05:00:00Z').then((j) => j.filter((x) => x.text.includes('C-1 ('))),
    ).toEqual([]);
  });

  it('hears nothing when the officer recorded an event on the case after the urgent mail', async () => {
    expect(await headOf('2026-03-20T05:00:00Z', withSent('2026-03-19T09:30:00.000Z'))).toEqual([]);
    // An event recorded before the mail is not an answer to it.
    expect(await headOf('2026-03-20T05:00:00Z', withSent('2026-03-18T09:00:00.000Z'))).toHaveLength(1);
  });

  it('counts the day of the mail when it went out before the digest hour, and honours a longer grace', () => {
    expect(unactedReportDay('2026-03-18T03:00:00.000Z', {})).toBe('2026-03-19'); // 06:00 Moscow
    expect(unactedReportDay('2026-03-18T11:00:00.000Z', {})).toBe('2026-03-20');
    expect(unactedReportDay('2026-03-18T11:00:00.000Z', { graceWorkingDays: 2 })).toBe('2026-03-23');
    expect(unactedReportDay('2026-03-21T11:00:00.000Z', {})).toBe('2026-03-24'); // Saturday: Monday is the day
  });

  it('writes the head’s mail in the head’s directory language', async () => {
    const english = {
      ...withSent(),
      roster: async () => ({
        ...roster,
        inspections: new Map([
          ['msk', { id: 'msk', headEmail: 'head@uii.example', headLang: 'en' as const }],
        ]),
      }),
    };
    const [job] = await headOf('2026-03-20T05:00:00Z', english);
    expect(job!.subject).toBe('To the head: 1 urgent alert not acted on — 20.03.2026');
    expect(job!.text).toContain('Case C-1 (Иванов И.) · officer off-msk');
    expect(job!.text).not.toMatch(/Начальнику|Срочное|после срочного/);
  });

  it('gets a weekly summary per officer on the first working day of the week', async () => {
    const [job] = await headOf('2026-03-16T05:00:00Z'); // Monday, nothing overdue yet
    expect(job!.subject).toBe('Начальнику УИИ: недельная сводка — 16.03.2026');
    expect(job!.text).toContain('Инспектор off-msk');
    expect(await headOf('2026-03-17T05:00:00Z')).toEqual([]); // Tuesday: nothing to say
  });
});

describe('the officer’s digest: language, shortlists and places', () => {
  const officerJob = async (d: typeof deps & Record<string, unknown>, iso = '2026-03-11T05:00:00Z') =>
    (await runDigest(new Date(iso), d)).jobs.find((j) => j.kind === 'digest.daily')!;

  it('writes the digest in the officer’s directory language, Russian by default', async () => {
    const english = {
      ...deps,
      roster: async () => ({
        ...roster,
        officers: roster.officers.map((o) => (o.id === 'off-msk' ? { ...o, lang: 'en' as const } : o)),
      }),
    };
    const en = await officerJob(english);
    expect(en.subject).toMatch(/^Digest for 11\.03\.2026/);
    expect(en.text).toContain('Case C-1 (Иванов И.)');
    expect(en.text).toContain('2 messages waiting for triage');
    expect(en.html).toContain('<html lang="en">');
    expect(en.text).not.toMatch(/Сводка|Дело C-1|ждут разбора|последний день/);
    expect((await officerJob(deps)).subject).toMatch(/^Сводка на 11\.03\.2026/);
  });

  it('lists a shortlist made since the last digest under «Подбор вакансий», with days left', async () => {
    const withShortlist = {
      ...deps,
      shortlist: async (id: string) =>
        id === 'C-1' ? { asOf: '2026-03-10', vacancies: 3, rule: 'CL-REFER', daysLeft: 8 } : undefined,
    };
    const job = await officerJob(withShortlist);
    expect(job.text).toContain('== Подбор вакансий — 1 ==');
    expect(job.text).toContain('3 вакансии; 7 дней, до 18.03.2026 · Дело C-1 (Иванов И.)');
    // A shortlist older than the last digest day was in an earlier digest.
    expect((await officerJob(withShortlist, '2026-03-13T05:00:00Z')).text).not.toContain('Подбор вакансий');
  });

  it('lists a finding reported late in the next digest, once', async () => {
    // A compulsory-labour case: a week with too few hours (CW-PACE, judged on Sunday 08.03), but
    // the worksite's report only arrives on Thursday 12.03 at 10:00 Moscow time.
    const cw = {
      id: 'C-3',
      sentence: 'compulsory_labor',
      hoursOrdered: 120,
      officerId: 'off-msk',
      inspectionId: 'msk',
    };
    const at = '2026-03-12T07:00:00.000Z';
    const late = {
      ...deps,
      roster: async () => ({ ...roster, casesByOfficer: new Map([['off-msk', [cw]]]) }) as DigestRoster,
      // What the store holds at the digest's run: events recorded by then.
      events: async () =>
        [
          {
            eventId: 'w',
            event: { type: 'work_started', date: '2026-03-02' } as CaseEvent,
            recordedAt: '2026-03-02T07:00:00.000Z',
          },
          {
            eventId: 'h',
            event: { type: 'hours_reported', date: '2026-03-03', hours: 2 } as CaseEvent,
            recordedAt: at,
            source: 'mail',
          },
        ].filter((e) => e.recordedAt <= runAt),
    };
    let runAt = '';
    const texts: string[] = [];
    for (const iso of ['2026-03-12T05:00:00.000Z', '2026-03-13T05:00:00.000Z', '2026-03-16T05:00:00.000Z']) {
      runAt = iso;
      texts.push((await officerJob(late, iso)).text);
    }
    // Not on the 12th (the report came after 08:00), on the 13th, and not again on the 16th.
    expect(texts.map((t) => /CW-PACE/.test(t))).toEqual([false, true, false]);
  });

  it('lists a worksite report applied to a case in one digest only', async () => {
    // Recorded from mail on Wednesday 11.03 at 06:00 Moscow time, before that day's digest.
    const withReport = {
      ...deps,
      events: async (id: string) => [
        ...(events[id] ?? []),
        ...(id === 'C-1'
          ? [
              {
                eventId: 'm1',
                event: { type: 'employment_reported', date: '2026-03-11', status: 'employed' } as CaseEvent,
                source: 'mail',
                recordedAt: '2026-03-11T03:00:00.000Z',
              },
            ]
          : []),
      ],
    };
    const seen: boolean[] = [];
    for (const iso of ['2026-03-11T05:00:00Z', '2026-03-12T05:00:00Z'])
      seen.push((await officerJob(withReport, iso)).text.includes('Отчёты объектов внесены'));
    expect(seen).toEqual([true, false]);
  });

  it('lists a shortlist in exactly one digest, also one made before the digest hour', async () => {
    // Made on Wednesday 11.03 at 06:30 Moscow time, before that day's 08:00 digest.
    const early = {
      ...deps,
      shortlist: async (id: string) =>
        id === 'C-1' ? { asOf: '2026-03-11', vacancies: 2, madeAt: '2026-03-11T03:30:00.000Z' } : undefined,
    };
    const digests = await Promise.all(
      ['2026-03-10T05:00:00Z', '2026-03-11T05:00:00Z', '2026-03-12T05:00:00Z'].map((at) =>
        officerJob(early, at),
      ),
    );
    expect(digests.map((d) => d.text.includes('Подбор вакансий'))).toEqual([false, true, false]);
    // Made after the 08:00 digest: it waits for the next working day's.
    const late = {
      ...deps,
      shortlist: async (id: string) =>
        id === 'C-1' ? { asOf: '2026-03-11', vacancies: 2, madeAt: '2026-03-11T09:00:00.000Z' } : undefined,
    };
    const after = await Promise.all(
      ['2026-03-11T05:00:00Z', '2026-03-12T05:00:00Z', '2026-03-13T05:00:00Z'].map((at) =>
        officerJob(late, at),
      ),
    );
    expect(after.map((d) => d.text.includes('Подбор вакансий'))).toEqual([false, true, false]);
  });

  it('lists proposed places waiting on the officer’s decision under «Предложения мест»', async () => {
    const withPlaces = {
      ...deps,
      placesWaiting: async () => [
        {
          municipality: 'Администрация г. Томска',
          rule: 'PLACE-DECIDE' as const,
          places: 2,
          due: '2026-03-20',
          officerId: 'off-msk',
          inspectionId: 'msk',
        },
        {
          municipality: 'Администрация Колпашево',
          rule: 'PLACE-DECIDE' as const,
          places: 1,
          due: '2026-03-20',
          officerId: 'someone-else',
          inspectionId: 'msk',
        },
        {
          municipality: 'Администрация Северска',
          rule: 'PLACE-REMARKS' as const,
          places: 1,
          due: '2026-03-16',
          inspectionId: 'msk',
        },
      ],
    };
    const job = await officerJob(withPlaces);
    expect(job.text).toContain('== Предложения мест — 2 ==');
    expect(job.text).toContain(
      '2 места; 9 дней, до 20.03.2026 · Администрация г. Томска · Предложение мест ждёт решения инспекции',
    );
    expect(job.text).toContain('Администрация Северска · Ждём исправленное предложение');
    expect(job.text).not.toContain('Колпашево');
  });
});
