/**
 * Writes the sample and broken feeds in this folder (run: `npx tsx events/feeds/make-samples.ts`).
 * The files are committed; this script documents how each was made and what it should give.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envelope, rng, sampleVacancy } from '@uii/feeds/sample';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const dir = import.meta.dirname;
const write = (name: string, body: string | Buffer) => writeFileSync(join(dir, name), body);
const r = rng(2026);
const TOMSK = '7000000000000';

// Five good records, one duplicate (later date_modify wins), one bad (wrong types).
const base = Array.from({ length: 5 }, (_, i) => sampleVacancy(i + 1, r, { regionCode: TOMSK }));
const newer = { ...base[0]!, date_modify: '2026-11-21T10:00:00+0300', work_places: 2 };
const bad = { ...base[1]!, id: 'bad-1', salary_min: 'тридцать тысяч', work_places: 0 };
write('sample.json', envelope([...base, newer, bad]));
write('sample-array.json', JSON.stringify([...base, newer, bad], null, 2));
write('sample.jsonl', `${[...base, newer, bad].map((v) => JSON.stringify(v)).join('\n')}\n`);

// The demo: thirty Tomsk vacancies, all valid.
write(
  'demo-tomsk.json',
  envelope(Array.from({ length: 30 }, (_, i) => sampleVacancy(100 + i, r, { regionCode: TOMSK }))),
);

// `|` CSV as in the Rostrud open-data dump (UTF-8).
const PIPE = [
  'id',
  'source',
  'region_code',
  'region_name',
  'company_inn',
  'company_name',
  'creation-date',
  'date_modify',
  'salary_min',
  'salary_max',
  'job-name',
  'employment',
  'schedule',
  'education',
  'experience',
  'address',
  'lat',
  'lng',
  'social_protected',
  'work_places',
  'code_profession',
  'quota',
];
// biome-ignore lint/suspicious/noExplicitAny: a loose record for writing samples
type V = ReturnType<typeof sampleVacancy> & Record<string, any>;
const flat = (v: V) => [
  v.id,
  v.source,
  v.region.region_code,
  v.region.name,
  v.company.inn,
  v.company.name,
  v['creation-date'],
  v.date_modify,
  v.salary_min,
  v.salary_max,
  v['job-name'],
  v.employment,
  v.schedule,
  v.requirement.education,
  v.requirement.experience,
  v.addresses.address[0].location,
  v.addresses.address[0].lat,
  v.addresses.address[0].lng,
  v.social_protected,
  v.work_places,
  v.code_profession,
  v.workPlaceType.workPlaceQuota,
];
const rows = Array.from({ length: 8 }, (_, i) => sampleVacancy(200 + i, r, { regionCode: TOMSK }) as V);
const pipe = [
  PIPE.join('|'),
  ...rows.map((v) =>
    flat(v)
      .map((c) => String(c).replaceAll('"', '""'))
      .map((c) => (c.includes('|') || c.includes('"') ? `"${c}"` : c))
      .join('|'),
  ),
];
// Row 4 (spreadsheet numbering): lat is text; row 6: no job name.
pipe[3] = pipe[3]!.replace(/\|56\.\d+\|/, '|северная|');
const r6 = pipe[5]!.split('|');
r6[10] = '';
pipe[5] = r6.join('|');
write('rostrud-dump.csv', `${pipe.join('\n')}\n`);

// `;` CSV as Russian Excel writes it: Windows-1251, Russian headers, decimal commas, dd.mm.yyyy.
const RU = [
  'Идентификатор',
  'Код региона',
  'Наименование вакансии',
  'Работодатель',
  'ИНН',
  'Дата изменения',
  'Зарплата от',
  'Количество рабочих мест',
  'Код профессии',
  'Адрес',
  'Широта',
  'Долгота',
  'Квота',
  'Примечание',
];
const excelRows = rows
  .slice(0, 5)
  .map((v, i) =>
    [
      v.id,
      v.region.region_code,
      v['job-name'],
      `"${v.company.name.replaceAll('"', '""')}"`,
      v.company.inn,
      `${String(10 + i).padStart(2, '0')}.11.2026`,
      v.salary_min,
      v.work_places,
      v.code_profession,
      `"${v.addresses.address[0].location}"`,
      String(v.addresses.address[0].lat).replace('.', ','),
      String(v.addresses.address[0].lng).replace('.', ','),
      i % 2 ? 'да' : 'нет',
      'тел. в отделе кадров',
    ].join(';'),
  );
write('excel-cp1251.csv', iconv.encode(`${[RU.join(';'), ...excelRows].join('\r\n')}\r\n`, 'win1251'));

// Same with a UTF-8 BOM and `,` (Excel "CSV UTF-8").
write(
  'excel-utf8-bom.csv',
  Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(
      `${[RU.join(','), ...rows.slice(0, 3).map((v) => [v.id, v.region.region_code, v['job-name'], `"${v.company.name.replaceAll('"', '""')}"`, v.company.inn, '2026-11-10', v.salary_min, v.work_places, v.code_profession, `"${v.addresses.address[0].location}"`, v.addresses.address[0].lat, v.addresses.address[0].lng, 'нет', ''].join(','))].join('\r\n')}\r\n`,
    ),
  ]),
);

// XML as in the Rostrud open-data set.
const xmlEscape = (s: unknown) =>
  String(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');
const xmlOf = (v: V) => `  <vacancy>
    <id>${v.id}</id>
    <source>${xmlEscape(v.source)}</source>
    <region><region_code>${v.region.region_code}</region_code><name>${xmlEscape(v.region.name)}</name></region>
    <company><inn>${v.company.inn}</inn><name>${xmlEscape(v.company.name)}</name><hr-agency>${v.company['hr-agency']}</hr-agency></company>
    <creation-date>${v['creation-date']}</creation-date>
    <date_modify>${v.date_modify}</date_modify>
    <salary_min>${v.salary_min}</salary_min>
    <job-name>${xmlEscape(v['job-name'])}</job-name>
    <requirement><education>${v.requirement.education}</education><experience>${v.requirement.experience}</experience></requirement>
    <addresses><address><location>${xmlEscape(v.addresses.address[0].location)}</location><lat>${v.addresses.address[0].lat}</lat><lng>${v.addresses.address[0].lng}</lng></address></addresses>
    <social_protected>${xmlEscape(v.social_protected)}</social_protected>
    <work_places>${v.work_places}</work_places>
    <code_profession>${v.code_profession}</code_profession>
    <workPlaceType><workPlaceQuota>${v.workPlaceType.workPlaceQuota}</workPlaceQuota></workPlaceType>
  </vacancy>`;
const xml = (decl: string, list: V[]) =>
  `<?xml version="1.0" encoding="${decl}"?>\n<vacancies>\n${list.map(xmlOf).join('\n')}\n</vacancies>\n`;
write('rostrud.xml', xml('UTF-8', rows.slice(0, 4)));
// Declares UTF-8 but is Windows-1251: read as cp1251, with a file note.
write('wrong-encoding-declared.xml', iconv.encode(xml('UTF-8', rows.slice(0, 3)), 'win1251'));
write('truncated.xml', xml('UTF-8', rows.slice(0, 3)).slice(0, -200));

// Excel .xlsx, Russian headers on the first sheet.
const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('Вакансии');
sheet.addRow([
  'Идентификатор',
  'Код региона',
  'Наименование вакансии',
  'Работодатель',
  'Дата изменения',
  'Количество рабочих мест',
  'Код профессии',
  'Широта',
  'Долгота',
  'Квота',
]);
for (const [i, v] of rows.slice(0, 6).entries()) {
  sheet.addRow([
    v.id,
    v.region.region_code,
    v['job-name'],
    v.company.name,
    new Date(Date.UTC(2026, 10, 10 + i)),
    i === 5 ? 'много' : v.work_places,
    v.code_profession,
    Number(v.addresses.address[0].lat),
    Number(v.addresses.address[0].lng),
    i % 2 === 0,
  ]);
}
workbook.addWorksheet('Справочник').addRow(['не читается']);
write('vacancies.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));

// Broken feeds.
write('empty.json', '');
write('header-only.csv', `${PIPE.join('|')}\n`);
const full = envelope(base);
write('truncated.json', full.slice(0, Math.floor(full.length * 0.7)));
write('truncated.csv', `${pipe.slice(0, 4).join('\n')}\n"${rows[7]!.id}|source with an open quote\n`);
const missing = base.map((v, i) => {
  const copy: Record<string, unknown> = structuredClone(v);
  if (i === 1) delete copy['job-name'];
  if (i === 2) delete copy.id;
  if (i === 3) delete copy.region;
  return copy;
});
write('missing-fields.json', envelope(missing));
const wrongTypes = base.map((v, i) => {
  // biome-ignore lint/suspicious/noExplicitAny: breaking types on purpose
  const copy: Record<string, any> = structuredClone(v);
  if (i === 0) copy.addresses.address[0].lat = 'north';
  if (i === 1) copy.work_places = 'три';
  if (i === 2) copy.workPlaceType.workPlaceQuota = 'maybe';
  if (i === 3) copy.region.region_code = '70-TOMSK';
  return copy;
});
write('wrong-types.json', JSON.stringify(wrongTypes));
console.log('samples written to', dir);
