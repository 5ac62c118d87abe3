/**
 * Realistic Rostrud vacancy records for samples, tests and the benchmark (made-up values in
 * the real shape of DOMAIN.md "Vacancy data"). Deterministic for a given seed.
 */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

const JOBS: Array<[string, string]> = [
  ['Подсобный рабочий', '186223'],
  ['Грузчик', '114930'],
  ['Дворник', '118842'],
  ['Уборщик производственных и служебных помещений', '196004'],
  ['Кухонный рабочий', '131591'],
  ['Разнорабочий', '186223'],
  ['Сторож (вахтер)', '189294'],
  ['Водитель автомобиля', '113283'],
  ['Кассир', '128290'],
  ['Воспитатель', '203810'],
  ['Штукатур', '198810'],
  ['Маляр', '136221'],
  ['Слесарь-ремонтник', '185598'],
  ['Оператор котельной', '153480'],
  ['Укладчик-упаковщик', '198235'],
];

const REGIONS: Array<[string, string, string, number, number]> = [
  ['7000000000000', 'Томская область', 'г Томск', 56.48, 84.95],
  ['7700000000000', 'г. Москва', 'г Москва', 55.75, 37.62],
  ['5400000000000', 'Новосибирская область', 'г Новосибирск', 55.03, 82.92],
  ['6600000000000', 'Свердловская область', 'г Екатеринбург', 56.84, 60.6],
  ['4200000000000', 'Кемеровская область - Кузбасс', 'г Кемерово', 55.35, 86.09],
];

const STREETS = ['Ленина', 'Мира', 'Советская', 'Пушкина', 'Кирова', 'Гагарина', 'Промышленная', 'Заводская'];
const EDUCATION = ['Не имеет значения', 'Основное общее', 'Среднее', 'Среднее профессиональное', 'Высшее'];
const SOCIAL = [
  'Лица, освобожденные из учреждений, исполняющих наказание в виде лишения свободы',
  'Инвалиды',
  'Граждане предпенсионного возраста',
  'Несовершеннолетние граждане в возрасте от 14 до 18 лет',
];
const DUTIES =
  'Выполнение погрузочно-разгрузочных работ, уборка территории, помощь на складе, перемещение материалов, ' +
  'соблюдение требований охраны труда и пожарной безопасности, работа по указанию мастера участка. ';

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

export interface SampleOptions {
  /** Restrict to one region code (13 digits), e.g. Tomsk for the demo. */
  regionCode?: string;
  /** Adds long text fields so a record weighs about 1.8 KB, like the real 367 MB / 200k feed. */
  verbose?: boolean;
}

export function sampleVacancy(
  i: number,
  r: () => number,
  options: SampleOptions = {},
): Record<string, unknown> {
  const [job, code] = pick(r, JOBS);
  const region = options.regionCode
    ? (REGIONS.find((x) => x[0] === options.regionCode) ?? REGIONS[0]!)
    : pick(r, REGIONS);
  const salaryMin = r() < 0.15 ? 0 : 20000 + Math.floor(r() * 40) * 1000;
  const hex = i.toString(16).padStart(12, '0');
  const record: Record<string, unknown> = {
    id: `6a1c0e52-${hex.slice(0, 4)}-4000-8000-${hex}`,
    source: 'Вакансия работодателя',
    region: { region_code: region[0], name: region[1] },
    company: {
      companycode: `10270000${String(10000 + (i % 90000)).padStart(5, '0')}`,
      inn: `70170${String(i % 100000).padStart(5, '0')}`,
      kpp: '701701001',
      name: `ООО "${pick(r, ['Пример', 'СтройМонтаж', 'ЧистыйГород', 'ТомскХлеб', 'СибЛес'])}-${i % 997}"`,
      ogrn: `10270000${String(10000 + (i % 90000)).padStart(5, '0')}`,
      'hr-agency': r() < 0.05,
    },
    'creation-date': `2026-11-${String(1 + (i % 20)).padStart(2, '0')}`,
    date_modify: `2026-11-${String(1 + (i % 20)).padStart(2, '0')}T09:${String(i % 60).padStart(2, '0')}:00+0300`,
    salary: salaryMin ? `от ${salaryMin}` : 'Договорная',
    salary_min: salaryMin,
    salary_max: salaryMin ? salaryMin + 10000 : 0,
    'job-name': job,
    employment: pick(r, ['Полная занятость', 'Частичная занятость', 'Временная']),
    schedule: pick(r, ['Полный рабочий день', 'Сменный график', 'Неполный рабочий день']),
    qualification: '',
    requirement: { education: pick(r, EDUCATION), experience: Math.floor(r() * 3) },
    category: { specialisation: pick(r, ['Строительство', 'ЖКХ', 'Торговля', 'Производство', 'Транспорт']) },
    addresses: {
      address: [
        {
          location: `${region[1]}, ${region[2]}, ул ${pick(r, STREETS)}, ${1 + Math.floor(r() * 150)}`,
          lat: (region[3] + (r() - 0.5) * 0.2).toFixed(5),
          lng: (region[4] + (r() - 0.5) * 0.3).toFixed(5),
        },
      ],
    },
    social_protected: r() < 0.3 ? pick(r, SOCIAL) : '',
    work_places: 1 + Math.floor(r() * 5),
    code_profession: code,
    workPlaceType: {
      workPlaceQuota: r() < 0.2,
      workPlaceSpecial: false,
      workPlaceOrdinary: true,
      workPlaceForeign: false,
    },
    conditions: 'Допустимые',
    currency: '«руб.»',
  };
  if (options.verbose) {
    record.duty = DUTIES;
    record.requirements = 'Ответственность, пунктуальность, отсутствие медицинских противопоказаний. ';
    record.bonus = 'Оплата проезда, спецодежда, обеды за счет работодателя.';
    record.contact_person = 'Отдел кадров';
    record.vac_url = `https://trudvsem.ru/vacancy/card/${record.company && (record.company as { ogrn: string }).ogrn}/${record.id}`;
  }
  return record;
}

/** The Rostrud API envelope around records. */
export function envelope(records: unknown[]): string {
  return JSON.stringify({
    status: '200',
    request: { api: 'v1' },
    meta: { total: records.length, limit: 100 },
    results: { vacancies: records.map((vacancy) => ({ vacancy })) },
  });
}
