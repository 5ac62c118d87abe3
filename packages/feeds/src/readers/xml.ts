import { SaxesParser } from 'saxes';
import { FeedUnreadableError } from '../errors';
import { FeedTruncatedError, type RawRecord } from '../records';
import type { ReadInfo } from './info';

type Node = { name: string; value: Record<string, unknown>; text: string; children: boolean };

const RECORD_TAG = 'vacancy';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
/** `<region resource="http://…/regions#7000000000000"/>` → `7000000000000`; plain text passes. */
function ref(v: unknown): string | undefined {
  const node = first(v);
  if (typeof node === 'string') return node || undefined;
  const resource = obj(node)?.resource;
  return typeof resource === 'string' ? resource.split('#').pop() || undefined : undefined;
}
const text = (v: unknown): unknown => {
  const node = first(v);
  return typeof node === 'string' ? node || undefined : undefined;
};

/** Element names that only the open-data dump of «Работа России» (opendata.trudvsem.ru) uses. */
const OPEN_DATA_KEYS = [
  'identifier',
  'title',
  'baseSalary',
  'jobLocation',
  'innerInfo',
  'workPlaces',
  'hiringOrganization',
];
/** Element names of the layout that mirrors the API JSON. */
const API_KEYS = ['id', 'job-name', 'region', 'company', 'salary_min', 'addresses', 'date_modify'];

/**
 * One `<vacancy>` of the open-data dump mapped onto the API record: `identifier` → id,
 * `title` → job-name, `region` (a resource reference) → region.region_code,
 * `baseSalary/salaryMin|salaryMax|salary`, `jobLocation/address|geo/latitude|geo/longitude`,
 * `workPlaces`, `innerInfo/dateModify`, `creationDate`/`datePosted`, `employmentType`,
 * `workHours`, `requirements/educationRequirements/educationType`,
 * `requirements/experienceRequirements`, `profession` (reference) → code_profession,
 * `socialProtecteds/socialProtected`, `hiringOrganization` (name, inn) or `organization` (reference).
 */
export function fromOpenData(v: Obj): Obj {
  const salary = obj(first(v.baseSalary)) ?? {};
  const location = obj(first(v.jobLocation)) ?? {};
  const geo = obj(first(location.geo)) ?? {};
  const inner = obj(first(v.innerInfo)) ?? {};
  const requirements = obj(first(v.requirements)) ?? {};
  const education = obj(first(requirements.educationRequirements)) ?? {};
  const org = obj(first(v.hiringOrganization)) ?? {};
  const social = obj(first(v.socialProtecteds))?.socialProtected;
  const about = typeof v.about === 'string' ? v.about.split('#').pop() : undefined;
  const out: Obj = {
    id: text(v.identifier) ?? about,
    source: text(v.source),
    region: ref(v.region) ? { region_code: ref(v.region) } : undefined,
    company: {
      name: text(org.name) ?? text(org.legalName),
      inn: text(org.inn),
      kpp: text(org.kpp),
      ogrn: text(org.ogrn),
      companycode: text(org.identifier) ?? ref(v.organization),
    },
    'creation-date': text(v.creationDate) ?? text(v.datePosted),
    date_modify: text(inner.dateModify) ?? text(v.dateModify),
    salary: text(salary.salary),
    salary_min: text(salary.salaryMin),
    salary_max: text(salary.salaryMax),
    'job-name': text(v.title),
    employment: text(v.employmentType),
    schedule: text(v.workHours),
    requirement: {
      education: text(education.educationType),
      experience: text(requirements.experienceRequirements),
    },
    addresses: {
      address: [{ location: text(location.address), lat: text(geo.latitude), lng: text(geo.longitude) }],
    },
    social_protected: Array.isArray(social)
      ? social.filter((x) => typeof x === 'string').join(', ')
      : text(social),
    work_places: text(v.workPlaces),
    code_profession: ref(v.profession),
  };
  return prune(out) as Obj;
}

const TRUE = /^(?:true|1|да)$/i;

/**
 * The dump also lists vacancies taken off the portal (`innerInfo/deleted`, `inactive`): they
 * are not open and must not reach matching. Rejected with the reason, never accepted silently.
 */
export function withdrawnReason(v: Obj): { field: string; message: string } | undefined {
  const inner = obj(first(v.innerInfo)) ?? {};
  const deleted = text(inner.deleted);
  if (typeof deleted === 'string' && TRUE.test(deleted))
    return { field: 'innerInfo/deleted', message: 'вакансия удалена с портала — не открыта' };
  const inactive = text(v.inactive) ?? text(inner.inactive);
  if (typeof inactive === 'string' && TRUE.test(inactive))
    return { field: 'inactive', message: 'вакансия снята с публикации — не открыта' };
  return undefined;
}

/** Drops undefined leaves and objects left empty, so «not stated» stays absent. */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(prune).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  const o = obj(v);
  if (!o) return v;
  const entries = Object.entries(o)
    .map(([k, x]) => [k, prune(x)] as const)
    .filter(([, x]) => x !== undefined);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** How the clerk's file names the fields of the open-data layout (for messages). */
const OPEN_DATA_LABELS = new Map([
  ['id', 'identifier'],
  ['job-name', 'title'],
  ['region.region_code', 'region'],
  ['salary', 'baseSalary/salary'],
  ['salary_min', 'baseSalary/salaryMin'],
  ['salary_max', 'baseSalary/salaryMax'],
  ['addresses.address.0.location', 'jobLocation/address'],
  ['addresses.address.0.lat', 'jobLocation/geo/latitude'],
  ['addresses.address.0.lng', 'jobLocation/geo/longitude'],
  ['work_places', 'workPlaces'],
  ['date_modify', 'innerInfo/dateModify'],
  ['creation-date', 'creationDate'],
  ['requirement.experience', 'requirements/experienceRequirements'],
  ['code_profession', 'profession'],
]);

/** saxes's «12:40: unclosed tag: vacancy» in Russian, keeping the place (line, character). */
export function xmlErrorRu(message: string): string {
  const at = /^(\d+):(\d+):/.exec(message);
  const where = at ? ` (строка ${at[1]}, символ ${at[2]})` : '';
  if (/unclosed tag|unexpected end/i.test(message)) return `файл обрывается: не закрыт элемент${where}`;
  if (/unmatched closing tag|unexpected close tag/i.test(message))
    return `лишний или не тот закрывающий тег${where}`;
  if (/disallowed character|invalid character/i.test(message)) return `недопустимый символ${where}`;
  if (/text data outside of root node/i.test(message)) return `текст вне корневого элемента${where}`;
  if (/entity/i.test(message)) return `неизвестная или неверная ссылка на символ (&…;)${where}`;
  return `нарушена разметка XML${where}`;
}

export type XmlLayout = 'api' | 'open-data';

/** Which layout a record uses; undefined when it is neither (said once for the whole file). */
export function layoutOf(v: Obj): XmlLayout | undefined {
  const keys = Object.keys(v);
  const open = OPEN_DATA_KEYS.filter((k) => keys.includes(k)).length;
  const api = API_KEYS.filter((k) => keys.includes(k)).length;
  if (open === 0 && api === 0) return undefined;
  return open > api ? 'open-data' : 'api';
}

/**
 * The Rostrud open-data XML: `<vacancies><vacancy>…</vacancy></vacancies>` with elements named
 * like the JSON fields (`<region><region_code>`, `<addresses><address><lat>`). Each `<vacancy>`
 * becomes the same nested record the JSON gives; repeated elements become lists.
 */
export async function* readXml(
  text: AsyncIterable<string>,
  info: ReadInfo = {},
): AsyncGenerator<RawRecord[]> {
  const parser = new SaxesParser({ position: true });
  const stack: Node[] = [];
  let batch: RawRecord[] = [];
  let row = 0;
  let failure: Error | undefined;
  let sawRoot = false;

  parser.on('opentag', (tag) => {
    sawRoot = true;
    if (stack.length === 0 && tag.name !== RECORD_TAG) return;
    const value: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(tag.attributes)) value[k] = v;
    stack.push({ name: tag.name, value, text: '', children: Object.keys(value).length > 0 });
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    const node = stack.pop();
    if (!node) return;
    const value = node.children ? node.value : node.text.trim();
    const parent = stack[stack.length - 1];
    if (!parent) {
      row++;
      const record = typeof value === 'string' ? {} : value;
      const layout = layoutOf(record);
      if (!layout) {
        if (row === 1) {
          const names = Object.keys(record).slice(0, 8).join(', ') || 'нет';
          failure ??= new FeedUnreadableError(
            `XML: записи <vacancy> в незнакомой разметке (элементы: ${names}); ожидается выгрузка «Работа России» ` +
              '(identifier, title, region, baseSalary… или id, job-name, region…) / unknown XML layout',
          );
          return;
        }
        batch.push({ row, value: record });
        return;
      }
      if (layout === 'open-data') {
        info.labels ??= OPEN_DATA_LABELS;
        const withdrawn = withdrawnReason(record);
        if (withdrawn) {
          batch.push({ row, error: withdrawn });
          return;
        }
      }
      batch.push({ row, value: layout === 'open-data' ? fromOpenData(record) : record });
      return;
    }
    parent.children = true;
    const existing = parent.value[node.name];
    if (existing === undefined) parent.value[node.name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else parent.value[node.name] = [existing, value];
  });
  parser.on('error', (error) => {
    failure ??= error;
  });

  const fail = (error: Error): never => {
    if (error instanceof FeedUnreadableError) throw error;
    if (!sawRoot)
      throw new FeedUnreadableError(`XML не читается: ${xmlErrorRu(error.message)}`, { cause: error });
    throw new FeedTruncatedError(
      row + 1,
      `XML обрывается или нарушен после записи ${row}: ${xmlErrorRu(error.message)}`,
      {
        cause: error,
      },
    );
  };

  for await (const piece of text) {
    parser.write(piece);
    if (batch.length) {
      yield batch;
      batch = [];
    }
    if (failure) fail(failure);
  }
  parser.close();
  if (batch.length) yield batch;
  if (failure) fail(failure);
}
