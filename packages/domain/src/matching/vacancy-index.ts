import KDBush from 'kdbush';
import type { Vacancy } from '../vacancies/schema';
import { BANS, RELATED_GROUPS } from './data';
import { educationLevel } from './input';
import { expandStem, fold, localityOf, mixString, stemsOf } from './text';

/** What matching needs of one vacancy, computed once when the index is built. */
export interface IndexedVacancy {
  vacancy: Vacancy;
  /** ОКПДТР position code (first five digits). */
  code5?: string;
  /** Canonical stems of the job name, with the base occupations they contain. */
  stems: Set<string>;
  groups: Set<string>;
  education: number;
  /** Ban codes whose kind of work this is. */
  bans: string[];
  locality?: string;
  /** Latest of creation and modification date (YYYY-MM-DD). */
  freshOn?: string;
  hasCoords: boolean;
}

const GROUP_OF = new Map<string, string[]>();
for (const [group, stems] of Object.entries(RELATED_GROUPS))
  for (const s of stems) GROUP_OF.set(s, [...(GROUP_OF.get(s) ?? []), group]);

export function groupsOf(stems: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const s of stems) for (const g of GROUP_OF.get(s) ?? []) out.add(g);
  return out;
}

/** The court bans that exclude a job, by ОКПДТР code or job-name roots (data in data.ts). */
export function bansOf(jobName: string, code5: string | undefined, extra?: string): string[] {
  const text = fold(`${jobName} ${extra ?? ''}`);
  const out: string[] = [];
  for (const ban of BANS) {
    const hit =
      (code5 !== undefined && ban.okpdtr.includes(code5)) ||
      ban.roots.some((r) => text.includes(r)) ||
      (ban.together ?? []).some((all) => all.every((r) => text.includes(r)));
    if (hit) out.push(ban.code);
  }
  return out;
}

/** Ban codes as bits (BANS order). */
export function banMask(codes: Iterable<string>): number {
  let mask = 0;
  for (const code of codes) {
    const bit = BANS.findIndex((b) => b.code === code);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask;
}

export const code5Of = (code: string | undefined): string | undefined => {
  const digits = code?.replace(/\D/g, '');
  return digits && digits.length >= 5 ? digits.slice(0, 5) : undefined;
};

/** What a job name (with its code and qualification) gives; feeds repeat a few thousand names. */
const byName = new Map<string, { stems: Set<string>; groups: Set<string>; bans: string[] }>();
function nameFacts(jobName: string, code5: string | undefined, qualification: string | undefined) {
  const key = `${jobName}\u0000${code5 ?? ''}\u0000${qualification ?? ''}`;
  let facts = byName.get(key);
  if (!facts) {
    const stems = new Set<string>();
    for (const s of stemsOf(jobName)) for (const x of expandStem(s)) stems.add(x);
    facts = { stems, groups: groupsOf(stems), bans: bansOf(jobName, code5, qualification) };
    if (byName.size > 100_000) byName.clear();
    byName.set(key, facts);
  }
  return facts;
}

export function indexVacancy(v: Vacancy): IndexedVacancy {
  const code5 = code5Of(v.professionCode);
  const { stems, groups, bans } = nameFacts(v.jobName, code5, v.qualification);
  const fresh = [v.createdAt, v.modifiedAt]
    .filter((d): d is string => Boolean(d))
    .map((d) => d.slice(0, 10))
    .sort()
    .at(-1);
  return {
    vacancy: v,
    code5,
    stems,
    groups,
    education: educationLevel(v.education).level,
    bans,
    locality: v.addresses.map((a) => localityOf(a.location)).find(Boolean),
    freshOn: fresh,
    hasCoords: v.addresses.some((a) => isCoord(a.lat, a.lng)),
  };
}

const isCoord = (lat?: number, lng?: number) =>
  typeof lat === 'number' &&
  typeof lng === 'number' &&
  Number.isFinite(lat) &&
  Number.isFinite(lng) &&
  !(lat === 0 && lng === 0);

/** A static kd-tree of points (one per vacancy address) and the vacancy each point belongs to. */
export interface GeoIndex {
  tree: KDBush;
  itemOf: Uint32Array;
}

function geoIndex(items: readonly IndexedVacancy[], members: readonly number[]): GeoIndex | undefined {
  let points = 0;
  for (const m of members) for (const a of items[m]!.vacancy.addresses) if (isCoord(a.lat, a.lng)) points++;
  if (!points) return undefined;
  const tree = new KDBush(points, 8, Float32Array);
  const itemOf = new Uint32Array(points);
  let n = 0;
  for (const m of members)
    for (const a of items[m]!.vacancy.addresses)
      if (isCoord(a.lat, a.lng)) {
        tree.add(a.lng!, a.lat!);
        itemOf[n++] = m;
      }
  tree.finish();
  return { tree, itemOf };
}

/**
 * The vacancies of one region: a geo index of all of them, one per profession key
 * (`c:<ОКПДТР>`, `w:<stem>`, `g:<group>`) so a case queries only what can match its profession,
 * and lists by settlement for vacancies and cases without coordinates.
 */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class RegionIndex {
  readonly items: IndexedVacancy[];
  readonly all: GeoIndex | undefined;
  readonly byKey = new Map<string, GeoIndex>();
  readonly keyMembers = new Map<string, number[]>();
  readonly byLocality = new Map<string, number[]>();
  readonly position = new Map<string, number>();
  /** Hash of each vacancy id (the daily near-tie order without string work per candidate). */
  readonly idHash: Uint32Array;
  /** Per-case scratch: filter verdicts evaluated once per case (`stampNow` counts cases). */
  readonly scratch: { seen: Int32Array; verdict: Uint8Array; km: Float64Array };
  stampNow = 0;
  /** Hard-filter fields as typed arrays (the query predicate reads only these). */
  readonly filters: {
    education: Uint8Array;
    experience: Float32Array;
    /** YYYYMMDD of the latest creation/modification, 0 when unknown. */
    freshOn: Int32Array;
    /** Bit per ban code (BANS order). */
    bans: Uint8Array;
    /** Quota job or the employer accepts people released from prison. */
    accepts: Uint8Array;
    workPlaces: Int32Array;
  };

  constructor(vacancies: readonly Vacancy[]) {
    this.items = vacancies.map(indexVacancy);
    this.idHash = Uint32Array.from(this.items, (it) => mixString(0x811c9dc5, it.vacancy.id));
    const n = this.items.length;
    this.scratch = { seen: new Int32Array(n), verdict: new Uint8Array(n), km: new Float64Array(n) };
    this.filters = {
      education: Uint8Array.from(this.items, (it) => it.education),
      experience: Float32Array.from(this.items, (it) => it.vacancy.experienceYears ?? 0),
      freshOn: Int32Array.from(this.items, (it) => (it.freshOn ? Number(it.freshOn.replace(/-/g, '')) : 0)),
      bans: Uint8Array.from(this.items, (it) => banMask(it.bans)),
      accepts: Uint8Array.from(this.items, (it) => (it.vacancy.quota || it.vacancy.acceptsConvicts ? 1 : 0)),
      workPlaces: Int32Array.from(this.items, (it) => it.vacancy.workPlaces),
    };
    const all: number[] = [];
    this.items.forEach((it, i) => {
      all.push(i);
      this.position.set(it.vacancy.id, i);
      for (const key of keysOf(it)) pushTo(this.keyMembers, key, i);
      if (it.locality) pushTo(this.byLocality, it.locality, i);
    });
    this.all = geoIndex(this.items, all);
    for (const [key, members] of this.keyMembers) {
      const g = geoIndex(this.items, members);
      if (g) this.byKey.set(key, g);
    }
  }
}

export function keysOf(it: Pick<IndexedVacancy, 'code5' | 'stems' | 'groups'>): string[] {
  return [
    ...(it.code5 ? [`c:${it.code5}`] : []),
    ...[...it.stems].map((s) => `w:${s}`),
    ...[...it.groups].map((g) => `g:${g}`),
  ];
}

/** All regions' indexes, built lazily per region. */
export class VacancyIndex {
  private readonly byRegion = new Map<string, Vacancy[]>();
  private readonly built = new Map<string, RegionIndex>();

  constructor(vacancies: Iterable<Vacancy>) {
    for (const v of vacancies) pushTo(this.byRegion, v.region, v);
  }

  region(code: string): RegionIndex | undefined {
    let r = this.built.get(code);
    if (!r) {
      const vacancies = this.byRegion.get(code);
      if (!vacancies) return undefined;
      // Sorted by id: equidistant vacancies come out of the geo index in the same order
      // whatever the order of the feed (determinism).
      r = new RegionIndex([...vacancies].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
      this.built.set(code, r);
    }
    return r;
  }

  get regions(): string[] {
    return [...this.byRegion.keys()].sort();
  }

  get size(): number {
    let n = 0;
    for (const list of this.byRegion.values()) n += list.length;
    return n;
  }
}
