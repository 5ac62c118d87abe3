import { describe, expect, it } from 'vitest';
import { type MailFacts, planMail } from '../notices/plan';
import {
  agreementReport,
  agreementsToRemind,
  checkProposalRows,
  decisionLetter,
  expiringAgreements,
  groupPlaceAlerts,
  innProblem,
  listExpired,
  listExpiredJobs,
  listExpiredReasonRu,
  listExpiryGroups,
  listExpiryJob,
  makeDecision,
  nextStageAfter,
  type PlaceEvent,
  periodRu,
  placeAlertJob,
  placeRowMapper,
  placeState,
  proposalReceiptJob,
  proposePlaces,
  stagesToSend,
} from './index';

const good = {
  organisation: 'МБУ «Благоустройство»',
  inn: '7017000019',
  address: 'г. Томск, ул. Розы Люксембург, 1',
  lat: '56,48',
  lng: '84,95',
  kinds_of_work: 'уборка территории; озеленение',
  workplaces: '3',
  sentence: 'ОР',
  hours: '08:00–12:00',
  schedule: 'пн–пт',
  safety: 'инструктаж, спецодежда',
  admin_name: 'Петров Пётр Петрович',
  admin_email: 'Master@Blag.example',
  valid_to: '31.12.2027',
};

describe('INN', () => {
  it('accepts real checksums and names the problem otherwise', () => {
    expect(innProblem('7707083893')).toBeUndefined(); // 10 digits
    expect(innProblem('500100732259')).toBeUndefined(); // 12 digits
    expect(innProblem('7707083894')).toMatch(/контрольная цифра/);
    expect(innProblem('12345')).toMatch(/10 цифр/);
    expect(innProblem('77О7083893')).toMatch(/только из цифр/);
  });
});

describe('proposal rows', () => {
  const ctx = { municipalityId: 'tomsk', receivedOn: '2026-11-02' };
  it('maps Russian headers and validates each row by row and column, keeping the good ones', () => {
    const m = placeRowMapper([
      'Организация',
      'ИНН',
      'Адрес',
      'Количество рабочих мест',
      'Вид наказания',
      'Заметки',
    ]);
    expect(m.known).toEqual(['organisation', 'inn', 'address', 'workplaces', 'sentence']);
    expect(m.ignored).toEqual(['Заметки']);
    const { places, errors } = checkProposalRows(
      [
        { row: 2, value: good },
        { row: 3, value: { ...good, inn: '7017000018', address: 'г. Томск, ул. Ленина, 5' } },
        {
          row: 4,
          value: { ...good, workplaces: 'три', sentence: 'штраф', address: 'г. Томск, пр. Мира, 2' },
        },
        { row: 5, value: { ...good } },
      ],
      ctx,
    );
    expect(places.map((p) => p.row)).toEqual([2]);
    expect(places[0]).toMatchObject({
      lat: 56.48,
      workplaces: 3,
      sentence: 'compulsory_labor',
      kindsOfWork: ['уборка территории', 'озеленение'],
      administrator: { email: 'master@blag.example' },
      validFrom: '2026-11-02',
      validTo: '2027-12-31',
    });
    expect(errors).toEqual([
      { row: 3, field: 'ИНН', message: expect.stringMatching(/контрольная цифра/) },
      { row: 4, field: 'Количество рабочих мест', message: 'целое число рабочих мест (указано «три»)' },
      { row: 4, field: 'Вид наказания', message: expect.stringMatching(/ОР .* или ИР/) },
      {
        row: 5,
        field: 'Адрес',
        message: 'то же место (организация, адрес, вид наказания) уже есть в строке 2',
      },
    ]);
  });
});

const proposed = (date: string): PlaceEvent => ({
  type: 'proposed',
  date,
  at: `${date}T09:00:00Z`,
  by: 'tomsk',
  proposalId: 'p1',
  channel: 'upload',
  dataHash: 'h',
});

describe('PLACE-DECIDE', () => {
  it('is 10 working days from receipt on the production calendar, met by any decision in time', () => {
    // 2026-04-27 (Mon): 28–30 Apr, 4–8 May, 12, 13 May (1 and 11 May are holidays)
    const s = placeState([proposed('2026-04-27')]);
    expect(s).toMatchObject({ status: 'pending', clock: { rule: 'PLACE-DECIDE', due: '2026-05-13' } });
    const refused = placeState([
      proposed('2026-04-27'),
      { type: 'refusal', date: '2026-05-13', at: 'x', by: 'o1', reasons: ['too_far'] },
    ]);
    expect(refused).toMatchObject({ status: 'refused', decidedInTime: true, decidedOn: '2026-05-13' });
    const late = placeState([
      proposed('2026-04-27'),
      { type: 'consent', date: '2026-05-14', at: 'x', by: 'o1' },
    ]);
    expect(late.decidedInTime).toBe(false);
    expect(refused.clock).toBeUndefined();
  });

  it('remarks start the municipality clock; a re-proposal restarts PLACE-DECIDE', () => {
    const events: PlaceEvent[] = [
      proposed('2026-11-02'),
      { type: 'remarks', date: '2026-11-05', at: 'x', by: 'o1', text: 'Уточните график' },
    ];
    expect(placeState(events).clock).toEqual({
      rule: 'PLACE-REMARKS',
      trigger: '2026-11-05',
      due: '2026-11-12',
      actor: 'municipality',
    });
    expect(placeState([...events, proposed('2026-11-10')]).clock?.rule).toBe('PLACE-DECIDE');
  });

  it('alerts at start, 5/2/1 days left, due day, overdue with escalation, then every 3 working days', () => {
    const clock = placeState([proposed('2026-11-02')]).clock!;
    expect(clock.due).toBe('2026-11-17'); // 4 Nov is a holiday
    const days: string[] = [];
    for (let d = '2026-11-02'; d < '2026-11-26'; d = nextStageAfter(clock, d)) days.push(d);
    expect(days).toEqual([
      '2026-11-02',
      '2026-11-12',
      '2026-11-15',
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-23',
    ]);
    expect(stagesToSend(clock, '2026-11-18', '2026-11-18').map((s) => `${s.kind}/${s.audience}`)).toEqual([
      'overdue/officer',
      'escalation/supervisor',
    ]);
    // learned late (scan missed days): only the most advanced stage, the head still told once
    expect(stagesToSend(clock, '2026-11-02', '2026-11-23').map((s) => s.kind)).toEqual([
      'overdue',
      'escalation',
    ]);
  });

  it('groups a day’s places into one Russian alert quoting the source', () => {
    const clock = placeState([proposed('2026-11-02')]).clock!;
    const [stage] = stagesToSend(clock, '2026-11-15', '2026-11-15');
    const municipality = { id: 'tomsk', name: 'Администрация г. Томска', contacts: ['adm@tomsk.example'] };
    const line = {
      organisation: 'МБУ',
      address: 'ул. 1',
      workplaces: 2,
      sentence: 'compulsory_labor' as const,
    };
    const groups = groupPlaceAlerts([
      { municipality, clock, stage: stage!, place: { id: 'PL-1', ...line } },
      { municipality, clock, stage: stage!, place: { id: 'PL-2', ...line, workplaces: 1 } },
    ]);
    expect(groups).toHaveLength(1);
    const job = placeAlertJob(groups[0]!, { officer: ['o@uii.example'], supervisor: [] })!;
    expect(job.subject).toBe(
      '[PLACE-DECIDE] Напоминание о сроке: Рассмотреть предложение мест отбывания наказания — Администрация г. Томска, до 17.11.2026',
    );
    expect(job.text).toContain('осталось 2 дня');
    expect(job.text).toContain('PL-2: МБУ, ул. 1 — 1 рабочее место (ОР)');
    expect(job.text).toContain('УИК РФ ст. 25 ч. 1');
    // What to do is said in the officer's screens, not as CLI syntax.
    expect(job.text).toContain(
      'Решение: «Места» → место → «Решение»: согласовать, отказать или направить замечания.',
    );
    expect(job.text).not.toMatch(/uii |--consent/);
    // An officer whose directory language is English reads it in English, the law quoted as it is.
    const en = placeAlertJob(groups[0]!, {
      officer: ['o@uii.example'],
      supervisor: [],
      langs: { officer: 'en', supervisor: 'ru' },
    })!;
    expect(en.lang).toBe('en');
    expect(en.subject).toBe(
      '[PLACE-DECIDE] Term reminder: Decide on the proposed places of serving — Администрация г. Томска, by 17.11.2026',
    );
    expect(en.text).toContain('PL-2: МБУ, ул. 1 — 1 workplace (compulsory labour)');
    expect(en.text).toContain('2 days left');
    expect(en.text).toContain('Decision: «Места» (Places)');
    expect(en.id).toBe(job.id);
    // the same stage for other places (a second proposal that day) is a message of its own
    const other = groupPlaceAlerts([{ municipality, clock, stage: stage!, place: { id: 'PL-3', ...line } }]);
    expect(placeAlertJob(other[0]!, { officer: ['o@uii.example'], supervisor: [] })!.id).not.toBe(job.id);
    expect(placeAlertJob(groups[0]!, { officer: ['o@uii.example'], supervisor: [] })!.id).toBe(job.id);
  });
});

describe('decisions and letters', () => {
  const current = placeState([proposed('2026-11-02')]);
  const who = { by: 'officer-1', date: '2026-11-06', at: '2026-11-06T10:00:00Z' };
  it('refusal needs known reasons; other needs text', () => {
    expect(() => makeDecision({ type: 'refusal', reasons: ['ugly'] }, who, current)).toThrow(
      /неизвестная причина/,
    );
    expect(() => makeDecision({ type: 'refusal', reasons: ['other'] }, who, current)).toThrow(/--text/);
    const d = makeDecision(
      { type: 'refusal', reasons: ['unsafe_conditions'], text: 'нет ограждения' },
      who,
      current,
    );
    const remarked = placeState([proposed('2026-11-02'), { type: 'remarks', ...who, text: 'график' }]);
    expect(() => makeDecision({ type: 'consent' }, who, remarked)).toThrow(/после повторного предложения/);
    expect(makeDecision({ type: 'refusal', reasons: ['incomplete'] }, who, remarked).type).toBe('refusal');
    const consented = placeState([proposed('2026-11-02'), { type: 'consent', ...who }]);
    expect(() => makeDecision({ type: 'consent' }, who, consented)).toThrow(/уже принято решение/);
    const letter = decisionLetter({
      municipality: { name: 'Администрация г. Томска' },
      inspectionName: 'УИИ по Томской области',
      receivedOn: '2026-11-02',
      decision: d,
      place: {
        id: 'PL-1',
        organisation: 'МБУ',
        inn: '7017000018',
        address: 'ул. 1',
        workplaces: 5,
        sentence: 'compulsory_labor',
        kindsOfWork: ['уборка'],
        validTo: '2027-12-31',
        conditions: { schedule: 'пн', safety: 'да' },
      },
    });
    expect(letter.subject).toMatch(/отказано/);
    expect(letter.text).toContain('условия труда не отвечают требованиям охраны труда');
    expect(letter.text).toContain('Пояснение: нет ограждения');
    expect(letter.text).toContain('ч. 1 ст. 25 УИК РФ');
    expect(letter.text).toContain('5 рабочих мест');
    expect(letter.html).toContain('<p>');
  });
});

describe('place proposals for a convict', () => {
  it('nearest agreed places with room left, within the radius, with reasons', () => {
    const base = {
      municipalityId: 't',
      address: 'a',
      sentence: 'compulsory_labor' as const,
      validTo: '2027-01-01',
      kindsOfWork: [],
    };
    const out = proposePlaces({
      sentence: 'compulsory_labor',
      home: { lat: 56.47, lng: 84.97 },
      today: '2026-11-20',
      radiusKm: 30,
      places: [
        { ...base, id: 'far', organisation: 'F', lat: 57.5, lng: 84.97, workplaces: 3, assigned: 0 },
        { ...base, id: 'full', organisation: 'X', lat: 56.47, lng: 84.97, workplaces: 2, assigned: 2 },
        { ...base, id: 'near', organisation: 'N', lat: 56.48, lng: 84.95, workplaces: 3, assigned: 1 },
        { ...base, id: 'nocoords', organisation: 'C', workplaces: 1, assigned: 0 },
        {
          ...base,
          id: 'expired',
          organisation: 'E',
          lat: 56.47,
          lng: 84.97,
          workplaces: 1,
          assigned: 0,
          validTo: '2026-11-19',
        },
      ],
    });
    expect(out.map((p) => p.placeId)).toEqual(['near', 'nocoords']);
    expect(out[0]!.reasons).toEqual([
      '1,7 км от места жительства',
      'свободно мест: 2 из 3',
      'согласовано до 01.01.2027',
    ]);
  });
});

describe('agreements', () => {
  const a = {
    id: 'A1',
    partnerId: 'czn',
    kind: 'employment_779n' as const,
    standardForm: 'Приказ Минтруда № 779н',
    signedOn: '2026-08-15',
    validTo: '2026-12-31',
    exchanges: [{ what: 'vacancy_feed' as const, period: 'monthly' as const, dueDay: 5 }],
  };
  it('reports monthly feeds expected vs received and lists expiring ones', () => {
    const [t] = agreementReport(
      [a],
      new Map([['czn', new Map([['vacancy_feed', ['2026-09', '2026-11-03']]])]]),
      '2026-11-20',
    );
    expect(t).toMatchObject({
      expected: ['2026-09', '2026-10', '2026-11'],
      received: ['2026-09', '2026-11'],
      missing: ['2026-10'],
    });
    expect(t!.tracked).toBe(true);
    // What the system cannot see arrive is never reported missing.
    const [untracked] = agreementReport([a], new Map(), '2026-11-20');
    expect(untracked).toMatchObject({ tracked: false, missing: [] });
    expect(['2026-10', '2026-Q4', '2026', '2026-11-02'].map(periodRu)).toEqual([
      'октябрь 2026 г.',
      'IV квартал 2026 г.',
      '2026 г.',
      '02.11.2026',
    ]);
    expect(expiringAgreements([a], '2026-11-20', 60).map((x) => x.id)).toEqual(['A1']);
    expect(expiringAgreements([a], '2026-11-20', 30)).toEqual([]);
  });
});

describe('expiry reminders', () => {
  const place = {
    id: 'PL-1',
    municipalityId: 'tomsk',
    organisation: 'МБУ',
    address: 'ул. 1',
    workplaces: 2,
    sentence: 'compulsory_labor' as const,
    validTo: '2026-12-31',
    status: 'consented',
  };
  it('reminds each municipality once, 30 days before its list ends, even after missed runs', () => {
    const places = [place, { ...place, id: 'PL-2' }, { ...place, id: 'PL-3', status: 'pending' }];
    expect(listExpiryGroups(places, '2026-11-30', '2026-11-30', 30)).toEqual([]);
    const [g, ...rest] = listExpiryGroups(places, '2026-11-29', '2026-12-02', 30);
    expect(rest).toEqual([]);
    expect(g!.places.map((p) => p.id)).toEqual(['PL-1', 'PL-2']);
    const job = listExpiryJob({
      municipality: { id: 'tomsk', name: 'Администрация', contacts: ['a@t.example'] },
      ...g!,
    });
    expect(job.subject).toBe('Истекает срок согласованных мест (31.12.2026) — Администрация');
    expect(job.text).toContain('(2 места)');
  });
  it('agreements: the officer is reminded on the day N days before the end', () => {
    const a = {
      id: 'A',
      partnerId: 'p',
      kind: 'employer' as const,
      standardForm: 'f',
      signedOn: '2026-01-01',
      validTo: '2026-12-31',
      exchanges: [],
    };
    expect(agreementsToRemind([a], '2026-11-01', '2026-11-01', 60).map((x) => x.id)).toEqual(['A']);
    expect(agreementsToRemind([a], '2026-11-02', '2026-11-30', 60)).toEqual([]);
  });
});

describe('agreed list expiry in the municipality’s time zone (ADR 0029)', () => {
  // 30.11.2026 13:30 UTC: already 01.12 in Petropavlovsk-Kamchatsky (UTC+12), still 30.11 in Kaliningrad (UTC+2).
  const at = new Date('2026-11-30T13:30:00Z');

  it('ends a list after its last day where the municipality is, not where the inspection is', () => {
    expect(listExpired('2026-11-30', at, 'Asia/Kamchatka')).toBe(true);
    expect(listExpired('2026-11-30', at, 'Europe/Kaliningrad')).toBe(false);
    expect(listExpired('2026-11-30', at, 'Europe/Moscow')).toBe(false);
    expect(listExpired('2026-11-30', new Date('2026-11-30T20:59:59Z'))).toBe(false);
    expect(listExpired('2026-11-30', new Date('2026-11-30T21:00:00Z'))).toBe(true); // Moscow midnight
    expect(listExpired(undefined, at, 'Asia/Kamchatka')).toBe(false);
    expect(listExpiredReasonRu('2026-11-30')).toBe('срок согласованного перечня истёк 30.11.2026');
  });

  const worksite = (timeZone: string) => ({
    id: 'PL-1',
    name: 'МБУ «Благоустройство»',
    inspectionId: 'INSP-1',
    administrators: ['master@blag.example'],
    cases: [],
    validTo: '2026-11-30',
    timeZone,
  });
  const mail = (timeZone: string): MailFacts => ({
    messageId: '<m@blag.example>',
    from: 'master@blag.example',
    subject: 'Неявка',
    date: '2026-11-30',
    authenticated: true,
    authentication: {
      authenticated: true,
      from: 'master@blag.example',
      verdicts: { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
      alignedBy: 'dmarc',
      reason: '',
    },
    worksite: worksite(timeZone),
    attachmentProblems: [],
    autoReply: false,
    items: [],
    triage: [],
  });
  const plan = (timeZone: string) =>
    planMail(
      mail(timeZone),
      { caseExists: () => true },
      {
        mailKey: 'm1',
        today: '2026-11-30',
        receivedAt: at.toISOString(),
      },
    );

  it('quarantines the administrator’s mail once the list has ended there, and tells them why', () => {
    const kamchatka = plan('Asia/Kamchatka');
    expect(kamchatka.status).toBe('quarantined');
    expect(kamchatka.quarantine).toMatchObject({
      reason: 'list_expired',
      why: 'срок согласованного перечня истёк 30.11.2026',
      senderNotified: true,
    });
    expect(kamchatka.reply).toMatchObject({ kind: 'mail.list_expired', to: 'master@blag.example' });
    expect(kamchatka.reply!.text).toContain('срок согласованного перечня истёк 30.11.2026');
    expect(plan('Europe/Kaliningrad').status).toBe('accepted');
  });

  it('no longer offers the workplaces of an ended list, and tells municipality and officer once', () => {
    const jobs = listExpiredJobs({
      municipality: { id: 'kamchatka-adm', name: 'Администрация ПКГО', contacts: ['adm@pkgo.example'] },
      validTo: '2026-11-30',
      places: [
        {
          id: 'PL-1',
          organisation: 'МБУ «Благоустройство»',
          address: 'г. Петропавловск-Камчатский, ул. Ленинская, 1',
          workplaces: 2,
          sentence: 'compulsory_labor',
        },
      ],
      officer: ['inspector@uii.example'],
    });
    expect(jobs.map((j) => [j.audience, j.to[0]])).toEqual([
      ['partner', 'adm@pkgo.example'],
      ['officer', 'inspector@uii.example'],
    ]);
    expect(jobs[0]!.text).toContain('Срок согласованного перечня истёк 30.11.2026. Места (1 место)');
    expect(jobs[1]!.text).toContain('PL-1: МБУ «Благоустройство», г. Петропавловск-Камчатский');
    // The day after «Действует по» is the day of these messages (a daily run's window).
    const place = {
      id: 'PL-1',
      municipalityId: 'kamchatka-adm',
      organisation: 'x',
      address: 'y',
      workplaces: 2,
      sentence: 'compulsory_labor' as const,
      validTo: '2026-11-30',
      status: 'consented',
    };
    expect(listExpiryGroups([place], '2026-12-01', '2026-12-01', -1)).toHaveLength(1);
    expect(listExpiryGroups([place], '2026-11-30', '2026-11-30', -1)).toHaveLength(0);
  });
});

describe('proposal receipt subject', () => {
  const receipt = (accepted: number, unchanged: number, badRows: number) =>
    proposalReceiptJob({
      municipality: { id: 'm', name: 'Администрация' },
      proposalId: 'PR-1',
      fileName: 'f.csv',
      receivedOn: '2026-11-20',
      due: '2026-12-04',
      accepted,
      unchanged,
      errors: Array.from({ length: badRows }, (_, i) => ({ row: i + 2, field: 'ИНН', message: 'неверный' })),
      ignoredColumns: [],
      to: ['trud@m.example'],
    }).subject;
  it('says «принято» only when places were taken, «частично» beside bad rows', () => {
    expect(receipt(2, 0, 0)).toBe('Предложение мест принято: 2 места, строк с ошибками: 0 — Администрация');
    expect(receipt(3, 0, 1)).toMatch(/^Предложение мест принято частично: 3 места/);
    expect(receipt(0, 0, 1)).toBe('Предложение мест не принято: строк с ошибками: 1 — Администрация');
    expect(receipt(2, 2, 0)).toMatch(/^Предложение мест получено: новых мест нет, без изменений 2 места/);
  });
});
