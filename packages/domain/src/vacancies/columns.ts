/**
 * Flat column names (CSV, XLSX) mapped to paths in the Rostrud vacancy record, so every
 * format is validated by one schema. The `|` open-data dump flattens nested fields with `_`
 * (`region_code`, `company_inn`, `lat`); Excel files from regional services use Russian
 * headers. docs/feeds.md lists them for employment services.
 */
export interface FeedColumn {
  /** The canonical flat name, as in the `|`-separated dump. */
  name: string;
  /** Path in the Rostrud JSON record (dots; `0` is the first array element). */
  path: string;
  /** Other headers seen for the same field (Russian and English). */
  aliases: readonly string[];
}

export const FEED_COLUMNS: readonly FeedColumn[] = [
  { name: 'id', path: 'id', aliases: ['идентификатор', 'ид', 'id вакансии', 'vacancy_id'] },
  { name: 'source', path: 'source', aliases: ['источник'] },
  { name: 'region_code', path: 'region.region_code', aliases: ['код региона', 'код субъекта'] },
  { name: 'region_name', path: 'region.name', aliases: ['регион', 'субъект рф', 'region'] },
  { name: 'company_code', path: 'company.companycode', aliases: ['код работодателя'] },
  { name: 'company_inn', path: 'company.inn', aliases: ['инн', 'инн работодателя', 'inn'] },
  { name: 'company_kpp', path: 'company.kpp', aliases: ['кпп', 'kpp'] },
  {
    name: 'company_name',
    path: 'company.name',
    aliases: [
      'работодатель',
      'наименование работодателя',
      'организация',
      'наименование организации',
      'company',
      'employer',
    ],
  },
  { name: 'company_ogrn', path: 'company.ogrn', aliases: ['огрн', 'ogrn'] },
  { name: 'company_hr_agency', path: 'company.hr-agency', aliases: ['кадровое агентство', 'hr_agency'] },
  { name: 'creation_date', path: 'creation-date', aliases: ['дата создания', 'дата размещения', 'created'] },
  { name: 'date_modify', path: 'date_modify', aliases: ['дата изменения', 'дата обновления', 'modified'] },
  { name: 'salary', path: 'salary', aliases: ['зарплата', 'заработная плата'] },
  { name: 'salary_min', path: 'salary_min', aliases: ['зарплата от', 'заработная плата от', 'зп от'] },
  { name: 'salary_max', path: 'salary_max', aliases: ['зарплата до', 'заработная плата до', 'зп до'] },
  {
    name: 'job_name',
    path: 'job-name',
    aliases: ['вакансия', 'наименование вакансии', 'должность', 'профессия', 'job', 'title', 'position'],
  },
  { name: 'employment', path: 'employment', aliases: ['тип занятости', 'занятость'] },
  { name: 'schedule', path: 'schedule', aliases: ['график работы', 'график'] },
  { name: 'qualification', path: 'qualification', aliases: ['квалификация'] },
  { name: 'education', path: 'requirement.education', aliases: ['образование', 'требуемое образование'] },
  {
    name: 'experience',
    path: 'requirement.experience',
    aliases: ['опыт работы', 'опыт работы лет', 'требуемый опыт', 'стаж'],
  },
  {
    name: 'specialisation',
    path: 'category.specialisation',
    aliases: ['сфера деятельности', 'специализация', 'отрасль', 'specialization'],
  },
  {
    name: 'address',
    path: 'addresses.address.0.location',
    aliases: ['адрес', 'адрес рабочего места', 'место работы', 'location'],
  },
  { name: 'lat', path: 'addresses.address.0.lat', aliases: ['широта', 'latitude'] },
  { name: 'lng', path: 'addresses.address.0.lng', aliases: ['долгота', 'longitude', 'lon'] },
  {
    name: 'social_protected',
    path: 'social_protected',
    aliases: ['социально защищенные категории', 'категории граждан', 'социально защищенные'],
  },
  {
    name: 'work_places',
    path: 'work_places',
    aliases: ['количество рабочих мест', 'рабочих мест', 'число рабочих мест', 'количество мест', 'openings'],
  },
  { name: 'code_profession', path: 'code_profession', aliases: ['код профессии', 'код окпдтр', 'окпдтр'] },
  {
    name: 'quota',
    path: 'workPlaceType.workPlaceQuota',
    aliases: ['квота', 'квотируемое рабочее место', 'квотируемое', 'workplacequota'],
  },
  {
    name: 'special',
    path: 'workPlaceType.workPlaceSpecial',
    aliases: ['специальное рабочее место', 'workplacespecial'],
  },
  { name: 'ordinary', path: 'workPlaceType.workPlaceOrdinary', aliases: ['workplaceordinary'] },
  { name: 'foreign', path: 'workPlaceType.workPlaceForeign', aliases: ['workplaceforeign'] },
  { name: 'conditions', path: 'conditions', aliases: ['условия', 'условия труда'] },
  { name: 'currency', path: 'currency', aliases: ['валюта'] },
];

/** Lower case, ё → е, punctuation and spaces → `_`, so `Job-Name`, `job name` and `job_name` agree. */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[\s\-./()]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const byHeader = new Map<string, FeedColumn>();
for (const column of FEED_COLUMNS) {
  for (const alias of [column.name, column.path, column.path.replace('.0.', '.'), ...column.aliases]) {
    byHeader.set(headerKey(alias), column);
  }
}

/** The column a header names, or undefined for a column we do not use. */
export function columnFor(header: string): FeedColumn | undefined {
  return byHeader.get(headerKey(header));
}

/** Builds a setter that writes one flat value into the nested record at `path`. */
function setterFor(path: string): (target: Record<string, unknown>, value: unknown) => void {
  const parts = path.split('.');
  return (target, value) => {
    let node: Record<string, unknown> | unknown[] = target;
    for (let i = 0; i < parts.length - 1; i++) {
      const key = parts[i]!;
      const nextIsIndex = /^\d+$/.test(parts[i + 1]!);
      const holder = node as Record<string, unknown>;
      holder[key] ??= nextIsIndex ? [] : {};
      node = holder[key] as Record<string, unknown>;
    }
    (node as Record<string, unknown>)[parts[parts.length - 1]!] = value;
  };
}

/**
 * Maps a header row to a function turning a data row (array of cells) into a nested record.
 * Unknown headers are returned so the receipt can say which columns were ignored.
 */
export function rowMapper(headers: readonly string[]): {
  known: string[];
  ignored: string[];
  /** Field path (`addresses.address.0.lat`, see `fieldKey`) → the header as the clerk wrote it. */
  labels: Map<string, string>;
  toRecord: (cells: readonly unknown[]) => Record<string, unknown>;
} {
  const known: string[] = [];
  const ignored: string[] = [];
  const labels = new Map<string, string>();
  const setters: Array<[number, (target: Record<string, unknown>, value: unknown) => void]> = [];
  headers.forEach((header, index) => {
    const column = columnFor(String(header ?? ''));
    if (!column) {
      if (String(header ?? '').trim()) ignored.push(String(header));
      return;
    }
    known.push(column.name);
    labels.set(
      column.path,
      String(header)
        .replace(/^\uFEFF/, '')
        .trim(),
    );
    setters.push([index, setterFor(column.path)]);
  });
  return {
    known,
    ignored,
    labels,
    toRecord: (cells) => {
      const record: Record<string, unknown> = {};
      for (const [index, set] of setters) {
        const value = cells[index];
        if (value !== undefined && value !== null && value !== '') set(record, value);
      }
      return record;
    },
  };
}

/** An error's field path (`addresses.address[0].lat`) in the form column paths use (`addresses.address.0.lat`). */
export function fieldKey(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}
