import { describe, expect, it } from 'vitest';
import type { Vacancy } from '../vacancies/schema';
import { assign } from './assign';
import { MatchCase, type MatchCaseInput, parseMatchCases, parseMatchProfile } from './input';
import { matchCases } from './match';
import { heldOpenings, referralsOf } from './openings';

const TOMSK = { lat: 56.4846, lng: 84.9482 };
const AS_OF = '2026-11-20';
let n = 0;

/** A vacancy `km` kilometres north of Tomsk centre. */
function vacancy(over: Partial<Vacancy> & { km?: number } = {}): Vacancy {
  const { km = 5, ...rest } = over;
  n++;
  return {
    id: `v-${n}`,
    region: '70',
    regionCode: '7000000000000',
    jobName: 'Грузчик',
    company: { name: `ООО «Пример ${n}»`, inn: `70170${String(n).padStart(5, '0')}` },
    addresses: [
      { location: 'Томская область, г Томск, ул Примерная, 1', lat: TOMSK.lat + km / 111.2, lng: TOMSK.lng },
    ],
    workPlaces: 1,
    quota: false,
    special: false,
    acceptsConvicts: false,
    createdAt: '2026-11-01',
    ...rest,
  };
}

const person = (over: Partial<MatchCaseInput> = {}): MatchCase =>
  MatchCase.parse({
    id: 'C-1',
    region: '70',
    ...TOMSK,
    skills: ['грузчик'],
    education: 'Среднее',
    daysLeft: 10,
    ...over,
  });

const ids = (list: Array<{ vacancyId: string }> | undefined) => (list ?? []).map((p) => p.vacancyId);

describe('hard filters', () => {
  it('keeps vacancies within the radius and explains what a wider radius would give', () => {
    const near = vacancy({ km: 12 });
    const far = vacancy({ km: 40 });
    const farther = vacancy({ km: 45 });
    const out = matchCases({ cases: [person()], vacancies: [near, far, farther], asOf: AS_OF });
    expect(ids(out.shortlists['C-1'])).toEqual([near.id]);
    expect(out.shortlists['C-1']![0]!.reasons).toContain('12 км от дома');

    const alone = matchCases({ cases: [person()], vacancies: [far, farther], asOf: AS_OF });
    expect(alone.shortlists['C-1']).toEqual([]);
    expect(alone.unmatched[0]!.why).toBe('в 30 км нет вакансий по профессии; в 50 км — 2; в 100 км — 2');
    const wide = matchCases({ cases: [person()], vacancies: [far], asOf: AS_OF, settings: { radiusKm: 50 } });
    expect(ids(wide.shortlists['C-1'])).toEqual([far.id]);
  });

  it('uses the same settlement when coordinates are missing', () => {
    const inTown = vacancy({ addresses: [{ location: 'Томская область, г Томск, пр Ленина, 5' }] });
    const elsewhere = vacancy({ addresses: [{ location: 'Томская область, г Северск, ул Мира, 1' }] });
    const c = person({ lat: undefined, lng: undefined, locality: 'г. Томск' });
    const out = matchCases({ cases: [c], vacancies: [inTown, elsewhere], asOf: AS_OF });
    expect(ids(out.shortlists['C-1'])).toEqual([inTown.id]);
    expect(out.shortlists['C-1']![0]!.reasons).toContain('в том же населённом пункте');
  });

  it('never proposes a vacancy needing more education or experience than the person has', () => {
    const higher = vacancy({ education: 'Высшее' });
    const vocational = vacancy({ education: 'Среднее профессиональное' });
    const same = vacancy({ education: 'Среднее' });
    const experienced = vacancy({ experienceYears: 3 });
    const out = matchCases({
      cases: [person({ experienceYears: 1 })],
      vacancies: [higher, vocational, same, experienced],
      asOf: AS_OF,
    });
    expect(ids(out.shortlists['C-1'])).toEqual([same.id]);
    const more = matchCases({
      cases: [person({ education: 'Высшее', experienceYears: 5 })],
      vacancies: [higher, vocational, same, experienced],
      asOf: AS_OF,
    });
    expect(ids(more.shortlists['C-1']).sort()).toEqual(
      [higher.id, vocational.id, same.id, experienced.id].sort(),
    );
  });

  it('treats an unknown education as «Не имеет значения» and says so', () => {
    const out = matchCases({
      cases: [person({ education: 'курсы' })],
      vacancies: [vacancy({ education: 'Среднее' }), vacancy()],
      asOf: AS_OF,
    });
    expect(out.shortlists['C-1']).toHaveLength(1);
    expect(out.notes).toEqual([expect.objectContaining({ caseId: 'C-1', field: 'education' })]);
  });

  it('excludes vacancies with no openings left, stale ones, and ones the person declined', () => {
    const full = vacancy({ workPlaces: 2 });
    const stale = vacancy({ createdAt: '2026-08-01', modifiedAt: '2026-08-02' });
    const refreshed = vacancy({ createdAt: '2026-08-01', modifiedAt: '2026-11-15' });
    const declined = vacancy();
    const open = vacancy();
    const out = matchCases({
      cases: [person({ declined: [declined.id] })],
      vacancies: [full, stale, refreshed, declined, open],
      asOf: AS_OF,
      held: new Map([[full.id, 2]]),
    });
    expect(ids(out.shortlists['C-1']).sort()).toEqual([refreshed.id, open.id].sort());
    const none = matchCases({
      cases: [person({ declined: [declined.id] })],
      vacancies: [full, stale, declined],
      asOf: AS_OF,
      held: new Map([[full.id, 2]]),
    });
    expect(none.unmatched[0]!.why).toMatch(/нет свободных мест \(направления уже выданы\) — 1/);
    expect(none.unmatched[0]!.why).toMatch(/вакансия устарела \(старше 60 дней\) — 1/);
    expect(none.unmatched[0]!.why).toMatch(/отказ ранее — 1/);
  });

  it('strict acceptance keeps quota, partner and social_protected employers; open mode makes it a bonus', () => {
    const quota = vacancy({ quota: true });
    const partner = vacancy();
    const released = vacancy({ acceptsConvicts: true });
    const plain = vacancy();
    const vacancies = [quota, partner, released, plain];
    const settings = { partnerInns: [partner.company.inn!] };
    const strict = matchCases({
      cases: [person()],
      vacancies,
      asOf: AS_OF,
      settings: { ...settings, acceptance: 'strict' },
    });
    expect(ids(strict.shortlists['C-1']).sort()).toEqual([quota.id, partner.id, released.id].sort());
    const open = matchCases({ cases: [person()], vacancies, asOf: AS_OF, settings });
    expect(ids(open.shortlists['C-1'])).toHaveLength(4);
    expect(ids(open.shortlists['C-1']).at(-1)).toBe(plain.id);
    const reasons = open.shortlists['C-1']!.flatMap((p) => p.reasons);
    expect(reasons).toContain('квотируемое место');
    expect(reasons).toContain('работодатель — партнёр инспекции');
  });
});

describe('court bans', () => {
  const driverJobs = [
    'Водитель автомобиля',
    'Водитель-экспедитор',
    'водитель погрузчика',
    'Тракторист-машинист сельскохозяйственного производства',
    'Машинист экскаватора',
    'Крановщик',
    'Автокрановщик',
    'ВОДИТЕЛЬ ТАКСИ',
    'Шофёр',
  ];

  it('a driving ban is never offered a driver’s job, whatever its words or code', () => {
    const drivers = [
      ...driverJobs.map((jobName) => vacancy({ jobName, quota: true })),
      vacancy({ jobName: 'Грузчик-экспедитор', professionCode: '114420', quota: true }),
    ];
    const others = [vacancy({ jobName: 'Грузчик' }), vacancy({ jobName: 'Подсобный рабочий' })];
    const cases = [
      person({ id: 'C-ban', bans: ['driving'], skills: ['водитель', 'грузчик', 'тракторист'] }),
      person({ id: 'C-free', skills: ['водитель', 'грузчик', 'тракторист'] }),
    ];
    const out = matchCases({ cases, vacancies: [...drivers, ...others], asOf: AS_OF, settings: { top: 20 } });
    const banned = new Set(drivers.map((d) => d.id));
    expect(ids(out.shortlists['C-ban']).filter((id) => banned.has(id))).toEqual([]);
    expect(out.assignments.filter((a) => a.caseId === 'C-ban' && banned.has(a.vacancyId))).toEqual([]);
    expect(ids(out.shortlists['C-free']).filter((id) => banned.has(id)).length).toBeGreaterThan(5);

    const only = matchCases({ cases: [cases[0]!], vacancies: drivers.slice(0, 3), asOf: AS_OF });
    expect(only.unmatched[0]!.why).toContain('исключено запретом суда: водитель — 3');
  });

  it('other bans follow their job names: children, money, medicine', () => {
    const teacher = vacancy({ jobName: 'Учитель начальных классов' });
    const cashier = vacancy({ jobName: 'Кассир торгового зала' });
    const nurse = vacancy({ jobName: 'Медицинская сестра палатная' });
    const cleaner = vacancy({ jobName: 'Уборщик служебных помещений' });
    const out = matchCases({
      cases: [person({ bans: ['children', 'money', 'medicine'], skills: [] })],
      vacancies: [teacher, cashier, nurse, cleaner],
      asOf: AS_OF,
    });
    expect(ids(out.shortlists['C-1'])).toEqual([cleaner.id]);
  });
});

describe('scoring', () => {
  it('matches gendered and compound names and ranks the same ОКПДТР code first', () => {
    const byCode = vacancy({ jobName: 'Рабочий склада', professionCode: '113093' });
    const cleaner = vacancy({ jobName: 'Уборщица' });
    const welder = vacancy({ jobName: 'Электрогазосварщик 4 разряда' });
    const other = vacancy({ jobName: 'Оператор call-центра' });
    const out = matchCases({
      cases: [person({ skills: ['уборщик', 'сварщик'], professions: ['113093'] })],
      vacancies: [byCode, cleaner, welder, other],
      asOf: AS_OF,
    });
    const list = out.shortlists['C-1']!;
    expect(list[0]!.vacancyId).toBe(byCode.id);
    expect(list[0]!.reasons[0]).toBe('та же профессия (код ОКПДТР 11309)');
    expect(list.find((p) => p.vacancyId === cleaner.id)!.reasons[0]).toBe('та же профессия: «уборщик»');
    expect(list.find((p) => p.vacancyId === welder.id)!.reasons[0]).toBe('та же профессия: «сварщик»');
    expect(list.at(-1)!.vacancyId).toBe(other.id);
    expect(list.at(-1)!.reasons[0]).toBe('другая профессия');
  });

  it('related occupations score between the same profession and another one', () => {
    const related = vacancy({ jobName: 'Кладовщик' });
    const same = vacancy({ jobName: 'Грузчик' });
    const other = vacancy({ jobName: 'Оператор ЭВМ' });
    const out = matchCases({ cases: [person()], vacancies: [other, related, same], asOf: AS_OF });
    expect(ids(out.shortlists['C-1'])).toEqual([same.id, related.id, other.id]);
    expect(out.shortlists['C-1']![1]!.reasons[0]).toBe('родственная профессия (погрузка и склад)');
  });
});

describe('assignment', () => {
  it('two cases, one opening: the one with fewer days left gets it', () => {
    const only = vacancy();
    for (const [a, b] of [
      [3, 10],
      [10, 3],
    ] as const) {
      const out = matchCases({
        cases: [person({ id: 'A', daysLeft: a }), person({ id: 'B', daysLeft: b })],
        vacancies: [only],
        asOf: AS_OF,
      });
      expect(out.assignments).toEqual([
        expect.objectContaining({ caseId: a < b ? 'A' : 'B', vacancyId: only.id }),
      ]);
      expect(out.unmatched.map((u) => u.caseId)).toEqual([a < b ? 'B' : 'A']);
      expect(out.unmatched[0]!.why).toMatch(/отданы делам с меньшим сроком/);
    }
  });

  it('the more urgent case wins even over a somewhat better fit', () => {
    const only = vacancy({ jobName: 'Грузчик', km: 2 });
    const out = matchCases({
      cases: [
        person({ id: 'URGENT', daysLeft: 1, skills: ['кладовщик'] }), // related occupation only
        person({ id: 'LATER', daysLeft: 12, skills: ['грузчик'] }),
      ],
      vacancies: [only],
      asOf: AS_OF,
    });
    expect(out.assignments.map((a) => a.caseId)).toEqual(['URGENT']);
  });

  it('never gives a vacancy more people than its openings left, and certifies the plan', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const jobs = ['Грузчик', 'Дворник', 'Уборщик территорий', 'Подсобный рабочий', 'Кладовщик', 'Маляр'];
    const vacancies = Array.from({ length: 60 }, () =>
      vacancy({
        jobName: jobs[Math.floor(rand() * jobs.length)]!,
        km: rand() * 25,
        workPlaces: 1 + Math.floor(rand() * 3),
      }),
    );
    const held = new Map(vacancies.slice(0, 10).map((v) => [v.id, 1]));
    const cases = Array.from({ length: 200 }, (_, i) =>
      person({
        id: `C-${i}`,
        lat: TOMSK.lat + (rand() - 0.5) * 0.3,
        lng: TOMSK.lng + (rand() - 0.5) * 0.3,
        skills: [jobs[Math.floor(rand() * jobs.length)]!],
        daysLeft: Math.floor(rand() * 15),
      }),
    );
    const out = matchCases({ cases, vacancies, asOf: AS_OF, held });
    const taken = new Map<string, number>();
    for (const a of out.assignments) taken.set(a.vacancyId, (taken.get(a.vacancyId) ?? 0) + 1);
    for (const v of vacancies)
      expect(taken.get(v.id) ?? 0).toBeLessThanOrEqual(v.workPlaces - (held.get(v.id) ?? 0));
    const openings = vacancies.reduce((s, v) => s + v.workPlaces - (held.get(v.id) ?? 0), 0);
    expect(out.assignments.length).toBe(Math.min(openings, cases.length));
    expect(new Set(out.assignments.map((a) => a.caseId)).size).toBe(out.assignments.length);
    expect(out.quality.ratio).toBeGreaterThanOrEqual(0.99);
    expect(out.quality.total).toBeLessThanOrEqual(out.quality.upperBound + 1e-6);
  });

  it('reaches the exact optimum on small instances (brute force), within its certificate', () => {
    let seed = 11;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 40; trial++) {
      const persons = 2 + Math.floor(rand() * 5);
      const objects = 1 + Math.floor(rand() * 4);
      const capacity = Array.from({ length: objects }, () => 1 + Math.floor(rand() * 2));
      const value: number[][] = Array.from({ length: persons }, () =>
        Array.from({ length: objects }, () => (rand() < 0.7 ? 1 + Math.floor(rand() * 100) : 0)),
      );
      const edgeStart = new Int32Array(persons + 1);
      const eo: number[] = [];
      const ev: number[] = [];
      value.forEach((row, i) => {
        row.forEach((v, j) => {
          if (v > 0) {
            eo.push(j);
            ev.push(v);
          }
        });
        edgeStart[i + 1] = eo.length;
      });
      const r = assign({
        persons,
        objects,
        capacity,
        edgeStart,
        edgeObject: Int32Array.from(eo),
        edgeValue: Float64Array.from(ev),
      });
      // brute force over every choice per person (−1 = none)
      let best = 0;
      const pick = new Array<number>(persons).fill(-1);
      const walk = (i: number, used: number[], total: number) => {
        if (i === persons) {
          best = Math.max(best, total);
          return;
        }
        walk(i + 1, used, total);
        for (let j = 0; j < objects; j++)
          if (value[i]![j]! > 0 && used[j]! < capacity[j]!) {
            used[j]!++;
            pick[i] = j;
            walk(i + 1, used, total + value[i]![j]!);
            used[j]!--;
          }
      };
      walk(0, new Array(objects).fill(0), 0);
      expect(r.total).toBeGreaterThanOrEqual(best * 0.99);
      expect(r.upperBound).toBeGreaterThanOrEqual(best - 1e-6);
      const load = new Array(objects).fill(0);
      for (const o of r.objectOf) if (o >= 0) load[o]++;
      load.forEach((l, j) => {
        expect(l).toBeLessThanOrEqual(capacity[j]!);
      });
    }
  });
});

describe('determinism', () => {
  const vacancies = Array.from({ length: 30 }, (_, i) =>
    vacancy({ km: (i % 10) + 1, jobName: i % 2 ? 'Грузчик' : 'Дворник' }),
  );
  const cases = Array.from({ length: 12 }, (_, i) =>
    person({ id: `D-${i}`, daysLeft: i % 4, skills: ['грузчик', 'дворник'] }),
  );

  it('the same input and day give the same output, whatever the input order', () => {
    const a = matchCases({ cases, vacancies, asOf: AS_OF });
    const b = matchCases({ cases: [...cases].reverse(), vacancies: [...vacancies].reverse(), asOf: AS_OF });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('near-equal candidates are ordered by the day, so cases do not all land on one employer', () => {
    const twins = Array.from({ length: 8 }, () => vacancy({ km: 5 }));
    const orders = new Set(
      ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'].map(
        (day) => ids(matchCases({ cases: [person()], vacancies: twins, asOf: day }).shortlists['C-1'])[0],
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
    const many = matchCases({
      cases: Array.from({ length: 8 }, (_, i) => person({ id: `T-${i}` })),
      vacancies: twins.map((t) => ({ ...t, workPlaces: 8 })),
      asOf: AS_OF,
    });
    expect(new Set(many.assignments.map((a) => a.vacancyId)).size).toBeGreaterThan(1);
  });
});

describe('openings accounting', () => {
  it('referral_issued holds; job_refused or no work_started within the setting releases', () => {
    const events = [
      { type: 'referral_issued', date: '2026-11-01', vacancyId: 'v-a' },
      { type: 'job_refused', date: '2026-11-03', vacancyId: 'v-a' },
      { type: 'referral_issued', date: '2026-11-05', vacancyId: 'v-b' },
      { type: 'referral_issued', date: '2026-11-10', vacancyId: 'v-c' },
    ] as const;
    const refs = referralsOf('C-1', events as never);
    expect(heldOpenings(refs, '2026-11-12', 10)).toEqual(
      new Map([
        ['v-b', 1],
        ['v-c', 1],
      ]),
    );
    expect(heldOpenings(refs, '2026-11-16', 10)).toEqual(new Map([['v-c', 1]]));
    const started = referralsOf('C-1', [...events, { type: 'work_started', date: '2026-11-12' }] as never);
    expect(heldOpenings(started, '2026-12-30', 10)).toEqual(new Map([['v-c', 1]]));
  });
});

describe('input', () => {
  it('explains bad rows by row and field and keeps the good ones', () => {
    const { cases, errors } = parseMatchCases([
      { id: 'OK', region: '70', daysLeft: 3 },
      { id: 'BAD', region: 'Томск', daysLeft: 'скоро', bans: ['flying'] },
      { id: 'OK', region: '70', daysLeft: 1 },
    ]);
    expect(cases.map((c) => c.id)).toEqual(['OK']);
    expect(errors.map((e) => `${e.row}:${e.field}`).sort()).toEqual([
      '2:bans.0',
      '2:daysLeft',
      '2:region',
      '3:id',
    ]);
  });
});

describe('matching profile (uii match profile)', () => {
  it('keeps a valid profile with the schema defaults, lists typed as text included', () => {
    const out = parseMatchProfile({ lat: 56.5, lng: '84,95', skills: 'грузчик; дворник', bans: 'driving' });
    expect(out.errors).toEqual([]);
    expect(out.profile).toEqual({
      lat: 56.5,
      lng: 84.95,
      professions: [],
      skills: ['грузчик', 'дворник'],
      experienceYears: 0,
      bans: ['driving'],
      declined: [],
    });
  });

  it('names each bad field in words with the value typed; unknown fields and half coordinates are refused', () => {
    expect(
      parseMatchProfile({ bans: 'driving, flying', experienceYears: 'много', skils: ['x'] }).errors,
    ).toEqual([
      { field: 'стаж, лет', message: 'ожидается число (указано «много»)' },
      {
        field: 'запреты суда (№ 2)',
        message: 'известные запреты: driving, children, money, security, medicine (указано «flying»)',
      },
      { field: 'skils', message: expect.stringMatching(/^неизвестное поле; допустимые: region, lat, lng/) },
    ]);
    expect(parseMatchProfile({ lat: 56.5 }).errors).toEqual([
      { field: 'широта', message: 'координаты указываются парой: широта и долгота (указано «56.5»)' },
    ]);
    expect(parseMatchProfile([]).errors[0]!.message).toBe('ожидается объект JSON с полями профиля');
  });
});
