import { distance } from 'geokdbush';
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

/** YYYYMMDD of a YYYY-MM-DD date. */
const dayNumber = (d: string) => {
  let n = 0;
  for (let i = 0; i < 10; i++) if (i !== 4 && i !== 7) n = n * 10 + d.charCodeAt(i) - 48;
  return n;
};

/** A bounded cache of a pure function of a string (feeds repeat their values). */
function cached<T>(fn: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    let out = memo.get(text);
    if (out === undefined && !memo.has(text)) {
      out = fn(text);
      if (memo.size > 100_000) memo.clear();
      memo.set(text, out);
    }
    return out as T;
  };
}
const code5Cached = cached(code5Of);
const educationCached = cached((text) => educationLevel(text).level);

/** What a job name (with its code and qualification) gives; feeds repeat a few thousand names. */
type NameFacts = { stems: Set<string>; groups: Set<string>; bans: string[]; banMask: number };
const byName = new Map<string, Map<string, NameFacts>>();
let namesCached = 0;
function nameFacts(jobName: string, code5: string | undefined, qualification: string | undefined) {
  let forName = byName.get(jobName);
  if (!forName) {
    if (namesCached > 100_000) {
      byName.clear();
      namesCached = 0;
    }
    forName = new Map();
    byName.set(jobName, forName);
  }
  const key = qualification ? `${code5 ?? ''}\u0000${qualification}` : (code5 ?? '');
  let facts = forName.get(key);
  if (!facts) {
    const stems = new Set<string>();
    for (const s of stemsOf(jobName)) for (const x of expandStem(s)) stems.add(x);
    const bans = bansOf(jobName, code5, qualification);
    facts = { stems, groups: groupsOf(stems), bans, banMask: banMask(bans) };
    forName.set(key, facts);
    namesCached++;
  }
  return facts;
}

const localityCached = cached(localityOf);

/** Latest of creation and modification date (YYYY-MM-DD). */
function freshOf(v: Vacancy): string | undefined {
  const created = v.createdAt?.slice(0, 10);
  const modified = v.modifiedAt?.slice(0, 10);
  return (modified && (!created || modified > created) ? modified : created) || undefined;
}

export function indexVacancy(v: Vacancy): IndexedVacancy {
  const code5 = v.professionCode ? code5Cached(v.professionCode) : undefined;
  const { stems, groups, bans } = nameFacts(v.jobName, code5, v.qualification);
  const fresh = freshOf(v);
  let locality: string | undefined;
  let hasCoords = false;
  for (const a of v.addresses) {
    if (locality === undefined && a.location) locality = localityCached(a.location);
    if (!hasCoords && isCoord(a.lat, a.lng)) hasCoords = true;
  }
  return {
    vacancy: v,
    code5,
    stems,
    groups,
    education: v.education ? educationCached(v.education) : 0,
    bans,
    locality,
    freshOn: fresh,
    hasCoords,
  };
}

const isCoord = (lat?: number, lng?: number) =>
  typeof lat === 'number' &&
  typeof lng === 'number' &&
  Number.isFinite(lat) &&
  Number.isFinite(lng) &&
  !(lat === 0 && lng === 0);

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** What a profession query compares: one per distinct job name (with code and qualification). */
export type ProfessionFacts = Pick<IndexedVacancy, 'code5' | 'stems' | 'groups'>;

/** Latitude band of the profession postings (≈ 2.2 km): a query reads a few bands per group. */
const BAND_DEG = 0.02;
/** Bonus tiers of the postings: 0, 5, 10, 15, 20 points (salary 5, quota 10, accepts released 5). */
export const TIERS = 5;
const KM_PER_DEG = (6371 * Math.PI) / 180;

/**
 * The vacancies of one region, in typed arrays:
 * - one static kd-tree (kdbush) of all points (one per vacancy address) for «any work» nearest
 *   first and counting by bounding box;
 * - profession postings: vacancies grouped by distinct job name (feeds repeat a few thousand
 *   names), each name's points sorted by (latitude band, longitude), so a case reads, for each
 *   name that shares a profession key (`c:<ОКПДТР>`, `w:<stem>`, `g:<group>`) with it, only the
 *   points in the bands and longitudes around home;
 * - lists by settlement for vacancies and cases without coordinates.
 */
export class RegionIndex {
  /** The region's vacancies in canonical order; `item(i)` gives what matching knows of one. */
  readonly vacancies: readonly Vacancy[];
  private readonly indexed: Array<IndexedVacancy | undefined>;
  /** The vacancy has an address with coordinates. */
  readonly hasCoords: Uint8Array;
  /** The kd-tree of all points; `itemOf[point]` is the vacancy (same order as `pointLat/Lng`). */
  readonly all: KDBush | undefined;
  readonly itemOf: Uint32Array;
  readonly pointLat: Float64Array;
  readonly pointLng: Float64Array;
  /** Distinct job names; `nameOf[item]` is the vacancy's name. */
  readonly names: ProfessionFacts[] = [];
  readonly nameOf: Int32Array;
  /** The court bans each name falls under. */
  private readonly nameBans: string[][] = [];
  /** Names sharing a profession key. */
  readonly namesByKey = new Map<string, number[]>();
  /**
   * Postings: per name `m` and bonus tier `t` (0…4, the case-independent bonus / 5), posting
   * `g = m · TIERS + t` has its points in [postingStart[g], postingStart[g + 1]) of
   * `namePoint`, sorted by `nameKey`; posting `namePosting(m)` has all tiers of the name. A
   * query reads a tier only as far as its best possible score could still enter the shortlist.
   */
  readonly postingStart: Int32Array;
  readonly namePoint: Int32Array;
  /** band · 1000 + (lng + 180): sorted within each group. */
  readonly nameKey: Float64Array;
  /** The coordinates of `namePoint[k]`, in posting order (a query reads them in sequence). */
  readonly postLat: Float64Array;
  readonly postLng: Float64Array;
  /** cos(latitude) of `namePoint[k]` (flat distances without trigonometry per query). */
  readonly postCos: Float64Array;
  readonly byLocality = new Map<string, number[]>();
  /** The same, only vacancies without coordinates (what a case with coordinates meets by name). */
  readonly uncoordinatedByLocality = new Map<string, number[]>();
  private positions: Map<string, number> | undefined;
  /** The position of a vacancy id in this region (built on first use: held openings). */
  positionOf(id: string): number | undefined {
    if (!this.positions) {
      this.positions = new Map();
      for (let i = 0; i < this.vacancies.length; i++) this.positions.set(this.vacancies[i]!.id, i);
    }
    return this.positions.get(id);
  }
  /** Hash of each vacancy id (the daily near-tie order without string work per candidate). */
  readonly idHash: Uint32Array;
  /** Per-case scratch: filter verdicts evaluated once per case (`stampNow` counts cases). */
  readonly scratch: {
    seen: Int32Array;
    verdict: Uint8Array;
    km: Float64Array;
    pool: Int32Array;
    nameSeen: Int32Array;
    namePoints: Float64Array;
  };
  stampNow = 0;
  /** The largest case-independent score bonus of any vacancy (see `filters.bonus`). */
  readonly maxBonus: number;
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
    /** Score points that do not depend on the case: salary stated, quota, accepts released. */
    bonus: Float32Array;
  };

  constructor(vacancies: readonly Vacancy[], idHashes?: Uint32Array) {
    const n = vacancies.length;
    this.vacancies = vacancies;
    this.indexed = new Array<IndexedVacancy | undefined>(n);
    this.hasCoords = new Uint8Array(n);
    this.idHash = new Uint32Array(n);
    this.nameOf = new Int32Array(n);
    const f = {
      education: new Uint8Array(n),
      experience: new Float32Array(n),
      freshOn: new Int32Array(n),
      bans: new Uint8Array(n),
      accepts: new Uint8Array(n),
      workPlaces: new Int32Array(n),
      bonus: new Float32Array(n),
    };
    this.filters = f;
    // One name per job-name facts (nameFacts shares the stems set between equal names).
    const nameIds = new Map<Set<string>, number>();
    let points = 0;
    for (let i = 0; i < n; i++) {
      const v = vacancies[i]!;
      const code5 = v.professionCode ? code5Cached(v.professionCode) : undefined;
      const facts = nameFacts(v.jobName, code5, v.qualification);
      const fresh = freshOf(v);
      this.idHash[i] = idHashes ? idHashes[i]! : mixString(0x811c9dc5, v.id);
      f.education[i] = v.education ? educationCached(v.education) : 0;
      f.experience[i] = v.experienceYears ?? 0;
      f.freshOn[i] = fresh ? dayNumber(fresh) : 0;
      f.bans[i] = facts.banMask;
      f.accepts[i] = v.quota || v.acceptsConvicts ? 1 : 0;
      f.workPlaces[i] = v.workPlaces;
      f.bonus[i] = (v.salaryMin || v.salaryMax ? 5 : 0) + (v.quota ? 10 : 0) + (v.acceptsConvicts ? 5 : 0);
      let name = nameIds.get(facts.stems);
      if (name === undefined) {
        name = this.names.length;
        nameIds.set(facts.stems, name);
        const profession = { code5, stems: facts.stems, groups: facts.groups };
        for (const key of keysOf(profession)) pushTo(this.namesByKey, key, name);
        this.names.push(profession);
        this.nameBans.push(facts.bans);
      }
      this.nameOf[i] = name;
      let locality: string | undefined;
      for (const a of v.addresses) {
        if (locality === undefined && a.location) locality = localityCached(a.location);
        if (isCoord(a.lat, a.lng)) {
          points++;
          this.hasCoords[i] = 1;
        }
      }
      if (locality) {
        pushTo(this.byLocality, locality, i);
        if (!this.hasCoords[i]) pushTo(this.uncoordinatedByLocality, locality, i);
      }
    }
    this.maxBonus = f.bonus.reduce((a, b) => Math.max(a, b), 0);
    this.itemOf = new Uint32Array(points);
    this.pointLat = new Float64Array(points);
    this.pointLng = new Float64Array(points);
    const groups = this.names.length * TIERS;
    const groupOf = (item: number) => this.nameOf[item]! * TIERS + f.bonus[item]! / 5;
    const perGroup = new Int32Array(groups + 1);
    let p = 0;
    for (let i = 0; i < n; i++)
      for (const a of vacancies[i]!.addresses)
        if (isCoord(a.lat, a.lng)) {
          this.itemOf[p] = i;
          this.pointLat[p] = a.lat!;
          this.pointLng[p] = a.lng!;
          perGroup[groupOf(i) + 1]!++;
          p++;
        }
    if (points) {
      const tree = new KDBush(points, 16, Float64Array);
      for (let q = 0; q < points; q++) tree.add(this.pointLng[q]!, this.pointLat[q]!);
      tree.finish();
      this.all = tree;
    }
    // Postings: counting sort by group (name × tier), then each group's points by (band,
    // longitude); then the same per name, all tiers together (posting `groups + name`).
    for (let g = 0; g < groups; g++) perGroup[g + 1]! += perGroup[g]!;
    const postings = groups + this.names.length;
    this.postingStart = new Int32Array(postings + 1);
    this.postingStart.set(perGroup);
    for (let m = 0; m < this.names.length; m++)
      this.postingStart[groups + m + 1] =
        this.postingStart[groups + m]! + perGroup[(m + 1) * TIERS]! - perGroup[m * TIERS]!;
    this.namePoint = new Int32Array(2 * points);
    this.nameKey = new Float64Array(2 * points);
    this.postLat = new Float64Array(2 * points);
    this.postLng = new Float64Array(2 * points);
    this.postCos = new Float64Array(2 * points);
    // One sort of all points by (band, longitude to 2⁻²⁰°, point), then a stable distribution:
    // by band (counting), then within a band longitude and point packed in one float.
    const key = new Float64Array(points);
    const bandCount = new Int32Array(bandOf(90) + 2);
    for (let q = 0; q < points; q++) bandCount[bandOf(this.pointLat[q]!) + 1]!++;
    for (let b = 1; b < bandCount.length; b++) bandCount[b]! += bandCount[b - 1]!;
    const packed = new Float64Array(points);
    const next = bandCount.slice();
    for (let q = 0; q < points; q++) {
      const band = bandOf(this.pointLat[q]!);
      const m = Math.floor((this.pointLng[q]! + 180) * LNG_STEPS);
      key[q] = band * 1000 + m / LNG_STEPS;
      packed[next[band]!++] = m * POINT_SLOTS + q;
    }
    let order: Uint32Array;
    if (points < POINT_SLOTS) {
      for (let b = 0; b + 1 < bandCount.length; b++)
        if (bandCount[b + 1]! - bandCount[b]! > 1) packed.subarray(bandCount[b]!, bandCount[b + 1]!).sort();
      order = Uint32Array.from(packed, (x) => x % POINT_SLOTS);
    } else {
      order = new Uint32Array(points);
      for (let q = 0; q < points; q++) order[q] = q;
      order.sort((x, y) => key[x]! - key[y]! || x - y);
    }
    const fill = this.postingStart.slice(0, postings);
    const put = (at: number, q: number) => {
      this.namePoint[at] = q;
      this.nameKey[at] = key[q]!;
      this.postLat[at] = this.pointLat[q]!;
      this.postLng[at] = this.pointLng[q]!;
      this.postCos[at] = Math.cos((this.pointLat[q]! * Math.PI) / 180);
    };
    for (let k = 0; k < points; k++) {
      const q = order[k]!;
      const g = groupOf(this.itemOf[q]!);
      put(fill[g]!++, q);
      put(fill[groups + Math.floor(g / TIERS)]!++, q);
    }
    this.scratch = {
      seen: new Int32Array(n),
      verdict: new Uint8Array(n),
      km: new Float64Array(n),
      pool: new Int32Array(n),
      nameSeen: new Int32Array(this.names.length),
      namePoints: new Float64Array(this.names.length),
    };
  }

  /** What matching knows of vacancy `i` (built when first asked: most are never candidates). */
  item(i: number): IndexedVacancy {
    let it = this.indexed[i];
    if (!it) {
      const v = this.vacancies[i]!;
      const name = this.names[this.nameOf[i]!]!;
      let locality: string | undefined;
      for (const a of v.addresses)
        if (locality === undefined && a.location) locality = localityCached(a.location);
      it = {
        vacancy: v,
        code5: name.code5,
        stems: name.stems,
        groups: name.groups,
        education: this.filters.education[i]!,
        bans: this.nameBans[this.nameOf[i]!]!,
        locality,
        freshOn: freshOf(v),
        hasCoords: this.hasCoords[i] === 1,
      };
      this.indexed[i] = it;
    }
    return it;
  }

  /**
   * The nearest `count` vacancies within `radiusKm` of (lat, lng) that `accept` takes, nearest
   * first (ties by point), as [item, km] pairs: bounding boxes of the kd-tree, doubling from a
   * small one (no priority queue of objects).
   */
  nearest(
    lat: number,
    lng: number,
    count: number,
    radiusKm: number,
    accept: (item: number) => boolean,
  ): Array<[number, number]> {
    const tree = this.all;
    if (!tree) return [];
    const found: Array<[number, number, number]> = [];
    for (let r = Math.min(radiusKm, Math.max(0.5, radiusKm / 32)); ; r = Math.min(radiusKm, r * 2)) {
      found.length = 0;
      const dLat = r / KM_PER_DEG;
      const dLng = Math.min(180, dLat / Math.max(0.01, Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180)));
      const seen = new Set<number>();
      for (const q of tree.range(lng - dLng, lat - dLat, lng + dLng, lat + dLat)) {
        const item = this.itemOf[q]!;
        const km = this.kmTo(q, lat, lng);
        // Inside a smaller box the flat distance decides; at the radius, as `within` does.
        const out =
          r < radiusKm
            ? km > r
            : km > r * 1.001 ||
              (km >= r * 0.999 && distance(lng, lat, this.pointLng[q]!, this.pointLat[q]!) > r);
        if (out) continue;
        if (!accept(item)) continue;
        found.push([q, item, km]);
        seen.add(item);
      }
      if (seen.size >= count || r >= radiusKm) break;
    }
    found.sort((a, b) => a[2] - b[2] || a[0] - b[0]);
    const out: Array<[number, number]> = [];
    const taken = new Set<number>();
    for (const [, item, km] of found) {
      if (taken.has(item)) continue;
      taken.add(item);
      out.push([item, km]);
      if (out.length === count) break;
    }
    return out;
  }

  /** Kilometres from (lat, lng) to point `q`, as `within` measures them. */
  kmTo(q: number, lat: number, lng: number): number {
    const pLat = this.pointLat[q]!;
    const y = (pLat - lat) * KM_PER_DEG;
    const x =
      (this.pointLng[q]! - lng) *
      KM_PER_DEG *
      0.5 *
      (Math.cos((lat * Math.PI) / 180) + Math.cos((pLat * Math.PI) / 180));
    return Math.sqrt(x * x + y * y);
  }

  /** The posting of name `m`, all tiers together. */
  namePosting(m: number): number {
    return this.names.length * TIERS + m;
  }

  /**
   * Calls `visit(point, km)` for every point of `posting` within `radiusKm` of (lat, lng)
   * (great-circle distance, computed flat away from the edge).
   */
  within(
    posting: number,
    lat: number,
    lng: number,
    radiusKm: number,
    visit: (point: number, km: number) => void,
  ) {
    const from = this.postingStart[posting]!;
    const to = this.postingStart[posting + 1]!;
    if (from === to) return;
    const dLat = radiusKm / KM_PER_DEG;
    const cos = Math.max(0.01, Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180));
    const dLng = Math.min(180, dLat / cos);
    const cosHere = Math.cos((lat * Math.PI) / 180);
    const loose = (radiusKm * 1.001) ** 2;
    const tight = (radiusKm * 0.999) ** 2;
    const keys = this.nameKey;
    const first = bandOf(lat - dLat);
    const last = bandOf(lat + dLat);
    // Points of [k, to) while their key is ≤ hi, in the box, then within the radius. The flat
    // distance (mean-latitude cosine) is within metres of the great circle at these radii, and
    // the same whichever query finds the point; near the edge the great circle decides.
    const scan = (start: number, hi: number) => {
      for (let k = start; k < to && keys[k]! <= hi; k++) {
        const pLat = this.postLat[k]!;
        const pLng = this.postLng[k]!;
        if (Math.abs(pLat - lat) > dLat || Math.abs(pLng - lng) > dLng) continue;
        const y = (pLat - lat) * KM_PER_DEG;
        const x = (pLng - lng) * KM_PER_DEG * 0.5 * (cosHere + this.postCos[k]!);
        const flat = x * x + y * y;
        if (flat > loose) continue;
        if (flat >= tight && distance(lng, lat, pLng, pLat) > radiusKm) continue;
        visit(this.namePoint[k]!, Math.sqrt(flat));
      }
    };
    // A short posting is read whole rather than searched band by band.
    if (to - from <= 2 * (last - first + 1)) scan(from, Number.POSITIVE_INFINITY);
    else
      for (let band = first; band <= last; band++)
        scan(
          lowerBound(keys, from, to, band * 1000 + lng + 180 - dLng - 1e-6),
          band * 1000 + lng + 180 + dLng + 1e-6,
        );
  }
}

const bandOf = (lat: number) => Math.floor((lat + 90) / BAND_DEG);
/** Posting keys hold longitude in steps of 2⁻²⁰° (≈ 0.1 m); points of a region fit in 2²¹ slots. */
const LNG_STEPS = 2 ** 20;
const POINT_SLOTS = 2 ** 21;

function lowerBound(a: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function keysOf(it: ProfessionFacts): string[] {
  return [
    ...(it.code5 ? [`c:${it.code5}`] : []),
    ...[...it.stems].map((s) => `w:${s}`),
    ...[...it.groups].map((g) => `g:${g}`),
  ];
}

const SLOT = 2 ** 21;
const byId = (a: Vacancy, b: Vacancy) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Vacancies by the hash of their id, then by id: an order that depends on the ids only, and
 * cheaper to sort than strings (hash and position packed in one float, sorted natively).
 */
function canonical(vacancies: readonly Vacancy[]): { list: Vacancy[]; hashes?: Uint32Array } {
  const n = vacancies.length;
  if (n >= SLOT) return { list: [...vacancies].sort(byId) };
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = mixString(0x811c9dc5, vacancies[i]!.id) * SLOT + i;
  packed.sort();
  const list = Array.from(packed, (x) => vacancies[x % SLOT]!);
  const hashes = Uint32Array.from(packed, (x) => Math.floor(x / SLOT));
  for (let i = 1; i < n; ) {
    // Equal hashes (rare): by id.
    let j = i;
    while (j < n && hashes[j] === hashes[i - 1]) j++;
    if (j > i) {
      const run = list.slice(i - 1, j).sort(byId);
      for (let k = 0; k < run.length; k++) list[i - 1 + k] = run[k]!;
    }
    i = j + 1;
  }
  return { list, hashes };
}

/**
 * All regions' indexes, built lazily per region. With `retain: false` a region's index is
 * dropped once matching is done with it (`done`), so only one region's index is alive at a time.
 */
export class VacancyIndex {
  private readonly byRegion = new Map<string, Vacancy[]>();
  private readonly built = new Map<string, RegionIndex>();
  readonly retain: boolean;

  constructor(vacancies: Iterable<Vacancy>, options: { retain?: boolean } = {}) {
    this.retain = options.retain ?? true;
    for (const v of vacancies) pushTo(this.byRegion, v.region, v);
  }

  region(code: string): RegionIndex | undefined {
    let r = this.built.get(code);
    if (!r) {
      const vacancies = this.byRegion.get(code);
      if (!vacancies) return undefined;
      // In a fixed order whatever the order of the feed (determinism: equidistant vacancies
      // come out of the geo index in that order, exact ties are broken by it).
      const { list, hashes } = canonical(vacancies);
      r = new RegionIndex(list, hashes);
      this.built.set(code, r);
    }
    return r;
  }

  /** Matching is done with a region: forget its index unless retained. */
  done(code: string): void {
    if (!this.retain) this.built.delete(code);
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
