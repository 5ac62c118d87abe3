import { addDays } from '../calendar/dates';
import { plural } from '../text/plural';
import type { Vacancy } from '../vacancies/schema';
import { type AssignmentProblem, assign } from './assign';
import { BANS } from './data';
import {
  DEFAULT_MATCH_SETTINGS,
  echoRu,
  educationLevel,
  educationName,
  type MatchCase,
  type MatchSettings,
  OKPDTR_CODE,
} from './input';
import { expandStem, mix01, mixString, normaliseLocality, ruKm, stemsOf } from './text';
import {
  banMask,
  code5Of,
  groupsOf,
  type IndexedVacancy,
  keysOf,
  type ProfessionFacts,
  type RegionIndex,
  TIERS,
  VacancyIndex,
} from './vacancy-index';

export interface MatchProposal {
  vacancyId: string;
  score: number;
  reasons: string[];
  distanceKm?: number;
}

export interface MatchAssignment extends MatchProposal {
  caseId: string;
}

export interface MatchOutcome {
  assignments: MatchAssignment[];
  shortlists: Record<string, MatchProposal[]>;
  unmatched: Array<{ caseId: string; why: string }>;
  /** total / upperBound of the urgency-weighted objective (see assign.ts). */
  quality: { total: number; upperBound: number; ratio: number };
  /** Why a shortlist is short (counts at wider radii, exclusions), for cases with few proposals. */
  explanations: Record<string, string>;
  /** Input remarks: unknown education values, cases of regions without vacancies. */
  notes: Array<{ caseId: string; field: string; message: string }>;
  stats: {
    cases: number;
    vacancies: number;
    candidates: number;
    phases: number;
    bids: number;
    timingsMs?: { candidates: number; assignment: number; index: number };
  };
}

export interface MatchInput {
  cases: readonly MatchCase[];
  vacancies: Iterable<Vacancy> | VacancyIndex;
  /** The day the match is for (vacancy age, holds): YYYY-MM-DD. */
  asOf: string;
  settings?: Partial<MatchSettings>;
  /** Openings already held by referrals, per vacancy id (see openings.ts). */
  held?: ReadonlyMap<string, number>;
  /** Near-tie order; defaults to `asOf`, so the order changes daily and is the same all day. */
  seed?: string;
  /** For benchmarks: a clock (ms) to time the phases into `stats.timingsMs`, and the assignment problem. */
  clock?: () => number;
  onProblem?: (problem: AssignmentProblem) => void;
}

type Exclusion =
  | 'openings'
  | 'stale'
  | 'declined'
  | 'education'
  | 'experience'
  | 'acceptance'
  | `ban:${string}`;

const EXCLUSION_RU: Record<string, string> = {
  openings: 'нет свободных мест (направления уже выданы)',
  stale: 'вакансия устарела',
  declined: 'отказ ранее',
  education: 'требуется образование выше',
  experience: 'требуется больший опыт',
  acceptance: 'работодатель не принимает осуждённых',
};
const BAN_NAME = new Map(BANS.map((b) => [b.code, b.name_ru]));

/** Urgency weight: fewer days left weighs more (≤ 0 days: the most). */
export const urgencyWeight = (daysLeft: number) => 1 + 10 / (1 + Math.max(0, daysLeft));

interface PreparedCase {
  c: MatchCase;
  codes: Set<string>;
  phrases: Array<{ text: string; stems: string[] }>;
  stems: Set<string>;
  groups: Set<string>;
  education: number;
  declined: Set<string>;
  bans: Set<string>;
  banMask: number;
  locality?: string;
  hasCoords: boolean;
  hasProfession: boolean;
  /** Its profession keys (see RegionIndex.namesByKey). */
  keys: string[];
}

function prepare(c: MatchCase): PreparedCase {
  const phrases = c.skills.map((text) => ({ text, stems: stemsOf(text) })).filter((p) => p.stems.length);
  const stems = new Set<string>();
  for (const p of phrases) for (const s of p.stems) for (const x of expandStem(s)) stems.add(x);
  const codes = new Set(c.professions.map(code5Of).filter((x): x is string => Boolean(x)));
  const groups = groupsOf(stems);
  return {
    c,
    codes,
    phrases,
    stems,
    groups,
    education: educationLevel(c.education).level,
    declined: new Set(c.declined),
    bans: new Set(c.bans),
    banMask: banMask(c.bans),
    locality: c.locality ? normaliseLocality(c.locality) : undefined,
    hasCoords: typeof c.lat === 'number' && typeof c.lng === 'number',
    hasProfession: codes.size > 0 || phrases.length > 0,
    keys: keysOf({ code5: undefined, stems, groups }).concat([...codes].map((k) => `c:${k}`)),
  };
}

/** «35 000 ₽» (Intl is slow on hot paths; this is only for kept candidates anyway). */
const rubles = new Map<number, string>();
const rub = (n: number) => {
  let text = rubles.get(n);
  if (text === undefined) {
    text = `${String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} ₽`;
    if (rubles.size > 10_000) rubles.clear();
    rubles.set(n, text);
  }
  return text;
};

/**
 * Matches cases to vacancies: candidates from each region's geo indexes (hard filters as the
 * query predicate), scores with reasons an officer reads, shortlists, explanations, and one
 * referral plan for the whole caseload that never gives a vacancy more people than it has
 * openings left (urgency-weighted, certified by a dual bound). Pure and deterministic.
 */
export function matchCases(input: MatchInput): MatchOutcome {
  const s: MatchSettings = { ...DEFAULT_MATCH_SETTINGS, ...input.settings };
  const index =
    input.vacancies instanceof VacancyIndex
      ? input.vacancies
      : new VacancyIndex(input.vacancies, { retain: false });
  const seed = input.seed ?? input.asOf;
  const oldest = addDays(input.asOf, -s.maxVacancyAgeDays);
  const partners = new Set(s.partnerInns);
  const held = input.held ?? new Map<string, number>();
  const notes: MatchOutcome['notes'] = [];

  // Most urgent first, then by id: the order persons bid in and the order of the output.
  const cases = [...input.cases].sort(
    (a, b) => a.daysLeft - b.daysLeft || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const shortlists: Record<string, MatchProposal[]> = {};
  const explanations: Record<string, string> = {};
  // Kept candidates of every case, flat (no object per candidate): case n's are
  // [candFrom[n], candFrom[n] + candCount[n]).
  const candIt: IndexedVacancy[] = [];
  const candKm: number[] = [];
  const candScore: number[] = [];
  const candJitter: number[] = [];
  const candFrom = new Int32Array(cases.length);
  const candCount = new Int32Array(cases.length);
  const kmOf = (e: number) => (Number.isNaN(candKm[e]!) ? undefined : candKm[e]!);

  const oldestNum = Number(oldest.replace(/-/g, ''));
  const openingsLeft = (it: IndexedVacancy) => it.vacancy.workPlaces - (held.get(it.vacancy.id) ?? 0);
  // Per region: openings left and partner flags of this run (the index itself may be shared).
  const runData = new WeakMap<RegionIndex, { left: Int32Array; partner: Uint8Array; anyPartner: boolean }>();
  const runOf = (region: RegionIndex) => {
    let d = runData.get(region);
    if (!d) {
      const left = Int32Array.from(region.filters.workPlaces);
      for (const [id, n] of held) {
        const i = region.positionOf(id);
        if (i !== undefined) left[i] = left[i]! - n;
      }
      const partner = new Uint8Array(region.vacancies.length);
      if (partners.size)
        region.vacancies.forEach((v, i) => {
          if (v.company.inn && partners.has(v.company.inn)) partner[i] = 1;
        });
      d = { left, partner, anyPartner: partner.includes(1) };
      runData.set(region, d);
    }
    return d;
  };

  /** The hard filters of one vacancy for one case, read from typed arrays (the query predicate). */
  const exclusionOf = (
    p: PreparedCase,
    region: RegionIndex,
    item: number,
    run: { left: Int32Array; partner: Uint8Array } = runOf(region),
  ): Exclusion | undefined => {
    const f = region.filters;
    const hit = f.bans[item]! & p.banMask;
    if (hit) return `ban:${BANS[31 - Math.clz32(hit & -hit)]!.code}`;
    if (p.declined.size && p.declined.has(region.vacancies[item]!.id)) return 'declined';
    if (run.left[item]! <= 0) return 'openings';
    const fresh = f.freshOn[item]!;
    if (fresh !== 0 && fresh < oldestNum) return 'stale';
    if (f.education[item]! > p.education) return 'education';
    if (f.experience[item]! > p.c.experienceYears) return 'experience';
    if (s.acceptance === 'strict' && !f.accepts[item] && !run.partner[item]) return 'acceptance';
    return undefined;
  };
  const partnerOf = (it: IndexedVacancy) =>
    Boolean(it.vacancy.company.inn && partners.has(it.vacancy.company.inn));

  const professionOf = (
    p: PreparedCase,
    it: ProfessionFacts,
    withReason = false,
  ): { points: number; reason?: string } => {
    if (it.code5 && p.codes.has(it.code5))
      return { points: 50, reason: withReason ? `та же профессия (код ОКПДТР ${it.code5})` : undefined };
    let best = 0;
    let phrase = '';
    for (const ph of p.phrases) {
      let hit = 0;
      for (const st of ph.stems) if (it.stems.has(st)) hit++;
      const f = hit / ph.stems.length;
      if (f > best) {
        best = f;
        phrase = ph.text;
      }
    }
    if (best >= 1) return { points: 40, reason: withReason ? `та же профессия: «${phrase}»` : undefined };
    let group: string | undefined;
    if (p.groups.size) for (const g of it.groups) if (p.groups.has(g)) group = g;
    if (group) return { points: 25, reason: withReason ? `родственная профессия (${group})` : undefined };
    if (best >= 0.5)
      return {
        points: Math.round(40 * best * 0.6),
        reason: withReason ? `похоже на «${phrase}»` : undefined,
      };
    return { points: 0 };
  };

  const scoreOf = (
    p: PreparedCase,
    it: IndexedVacancy,
    km: number | undefined,
  ): MatchProposal & { profession: boolean } => {
    const reasons: string[] = [];
    let score = 0;
    const prof = professionOf(p, it, true);
    score += prof.points;
    if (prof.reason) reasons.push(prof.reason);
    else reasons.push('другая профессия');
    if (km !== undefined) {
      score += 20 * Math.max(0, 1 - km / s.radiusKm);
      reasons.push(`${ruKm(km)} от дома`);
    } else {
      score += 10;
      reasons.push('в том же населённом пункте');
    }
    const v = it.vacancy;
    if (v.salaryMin || v.salaryMax) {
      score += 5;
      reasons.push(v.salaryMin ? `зарплата от ${rub(v.salaryMin)}` : `зарплата до ${rub(v.salaryMax!)}`);
    }
    if (v.quota) {
      score += 10;
      reasons.push('квотируемое место');
    }
    if (partnerOf(it)) {
      score += 10;
      reasons.push('работодатель — партнёр инспекции');
    }
    if (v.acceptsConvicts) {
      score += 5;
      reasons.push('работодатель принимает освобождённых из мест лишения свободы');
    }
    return {
      vacancyId: v.id,
      score: Math.round(score * 10) / 10,
      reasons,
      distanceKm: km,
      profession: prof.points > 0,
    };
  };

  const proposalOf = (p: PreparedCase, it: IndexedVacancy, km: number | undefined) => {
    const { profession, distanceKm, ...rest } = scoreOf(p, it, km);
    const proposal: MatchProposal = distanceKm === undefined ? rest : { ...rest, distanceKm };
    return { proposal, profession };
  };
  const seedHash = mixString(0x811c9dc5, seed);

  /**
   * The names of the region that share a profession with the case, with their points
   * (`namePoints`, valid where `nameSeen` holds the case's stamp): names are few, vacancies many.
   */
  const professionNames = (p: PreparedCase, region: RegionIndex, stamp: number): number[] => {
    const { nameSeen, namePoints } = region.scratch;
    const out: number[] = [];
    if (!p.hasProfession) return out;
    for (const key of p.keys)
      for (const m of region.namesByKey.get(key) ?? []) {
        if (nameSeen[m] === stamp) continue;
        nameSeen[m] = stamp;
        const points = professionOf(p, region.names[m]!).points;
        namePoints[m] = points;
        if (points > 0) out.push(m);
      }
    return out;
  };

  /**
   * Candidates of one case: every vacancy of a related name within the radius (postings by
   * name, read around home), the nearest other work (a convict may not refuse work offered),
   * the same settlement when coordinates are missing; hard filters as the predicate; the best
   * `candidatesPerCase` by score (near-ties by the day, then id) are kept.
   */
  const keepMax = Math.max(s.candidatesPerCase, s.top);
  const topItem = new Int32Array(keepMax);
  const topKey = new Float64Array(keepMax);
  const topScore = new Float64Array(keepMax);
  const topJitter = new Float64Array(keepMax);
  /** Distance of each kept candidate, NaN for «the same settlement». */
  const topKm = new Float64Array(keepMax);
  const candidatesOf = (p: PreparedCase, region: RegionIndex, caseHash: number) => {
    const stamp = ++region.stampNow;
    const { seen, verdict, km, pool, nameSeen, namePoints } = region.scratch;
    const run = runOf(region);
    let size = 0;
    const c = p.c;
    // Each vacancy's hard filters are evaluated once per case, whichever way reaches it first.
    const passes = (item: number) => {
      if (seen[item] !== stamp) {
        seen[item] = stamp;
        verdict[item] = exclusionOf(p, region, item, run) === undefined ? 1 : 0;
      }
      return verdict[item] === 1;
    };
    const names = professionNames(p, region, stamp);
    const keep = Math.max(s.candidatesPerCase, s.top);
    const { bonus } = region.filters;
    // The best `keep` of the pool by key (score with the day's ±0.5 %), then position (the canonical order).
    // Incremental: each call adds the pool items since the last one (a shorter distance found
    // for an item already in the pool, rare, starts it over).
    let count = 0;
    let selected = 0;
    let restart = false;
    const select = () => {
      if (restart) {
        count = 0;
        selected = 0;
        restart = false;
      }
      for (let n = selected; n < size; n++) {
        const item = pool[n]!;
        const d = km[item]!;
        const name = region.nameOf[item]!;
        let score = nameSeen[name] === stamp ? namePoints[name]! : 0;
        score += Number.isNaN(d) ? 10 : 20 * Math.max(0, 1 - d / s.radiusKm);
        score += bonus[item]! + (run.partner[item] ? 10 : 0);
        // Cannot enter (rounding adds at most 0.05, the day's order at most 0.5 %).
        if (count === keep && (score + 0.05) * 1.005 < topKey[keep - 1]!) continue;
        score = Math.round(score * 10) / 10;
        const jitter = mix01(caseHash, region.idHash[item]!);
        const key = score * (1 + 0.005 * jitter);
        if (
          count === keep &&
          !(key > topKey[keep - 1]! || (key === topKey[keep - 1] && item < topItem[keep - 1]!))
        )
          continue;
        let at = count < keep ? count++ : keep - 1;
        while (at > 0 && (topKey[at - 1]! < key || (topKey[at - 1] === key && topItem[at - 1]! > item))) {
          topItem[at] = topItem[at - 1]!;
          topKey[at] = topKey[at - 1]!;
          topScore[at] = topScore[at - 1]!;
          topJitter[at] = topJitter[at - 1]!;
          at--;
        }
        topItem[at] = item;
        topKey[at] = key;
        topScore[at] = score;
        topJitter[at] = jitter;
      }
      selected = size;
      return count;
    };
    if (p.hasCoords) {
      const lat = c.lat!;
      const lng = c.lng!;
      const visit = (point: number, d: number) => {
        const item = region.itemOf[point]!;
        if (passes(item)) {
          verdict[item] = 2;
          km[item] = d;
          pool[size++] = item;
        } else if (verdict[item] === 2 && d < km[item]!) {
          km[item] = d; // its nearest address
          restart = true;
        }
      };
      // Every vacancy of a related name within the radius could be among the best, but only
      // those that could still beat the `keep`-th best found nearby can. The names with the
      // most profession points are read in a small circle first (doubling until it gives
      // enough): that sets a bar; then each posting (name × bonus tier) is read only as far as
      // its best possible score still reaches the bar (the others' from home, the best names'
      // beyond the circle). Without enough in the whole radius, every name is read whole.
      const partnerBonus = run.anyPartner ? 10 : 0;
      let best = 0;
      for (const m of names) best = Math.max(best, namePoints[m]!);
      const first = names.filter((m) => namePoints[m] === best);
      let r = s.radiusKm / 16;
      for (;;) {
        for (const m of first) region.within(region.namePosting(m), lat, lng, r, visit);
        if (size >= keep || r >= s.radiusKm) break;
        r = Math.min(s.radiusKm, r * 2);
      }
      if (size < keep) {
        for (const m of names)
          if (namePoints[m] !== best) region.within(region.namePosting(m), lat, lng, s.radiusKm, visit);
      } else {
        select();
        const bar = topKey[keep - 1]! / 1.005 - 0.05 - partnerBonus;
        for (const m of names) {
          const done = namePoints[m] === best ? r : 0;
          for (let t = 0; t < TIERS; t++) {
            // score ≤ points + bonus + 20·(1 − km / radius) must reach the bar.
            const slack = namePoints[m]! + 5 * t + 20 - bar;
            if (slack < 0) continue;
            const reach = Math.min(s.radiusKm, (s.radiusKm * slack) / 20 + 1e-3);
            if (reach > done) region.within(m * TIERS + t, lat, lng, reach, visit);
          }
        }
      }
      // Other work (a convict may not refuse work offered): the nearest that pass the filters.
      const others = region.nearest(lat, lng, Math.max(5, s.top), s.radiusKm, (item) => {
        const name = region.nameOf[item]!;
        return !(nameSeen[name] === stamp && namePoints[name]! > 0) && passes(item);
      });
      for (const [item, d] of others) {
        verdict[item] = 2;
        km[item] = d;
        pool[size++] = item;
      }
    }
    // Same settlement: vacancies without coordinates (or the case has none). A town's list
    // can be long: vacancies of related names first; then the others only if their best
    // possible score (10 for the settlement + bonus) can still reach the bar they set.
    if (p.locality) {
      const list = (p.hasCoords ? region.uncoordinatedByLocality : region.byLocality).get(p.locality) ?? [];
      const take = (item: number) => {
        if (!passes(item)) return;
        verdict[item] = 2;
        km[item] = Number.NaN;
        pool[size++] = item;
      };
      const related = (item: number) => {
        const name = region.nameOf[item]!;
        return nameSeen[name] === stamp && namePoints[name]! > 0;
      };
      for (const item of list) if (related(item)) take(item);
      let bar = Number.NEGATIVE_INFINITY;
      if (size >= keep) bar = topKey[select() - 1]! / 1.005 - 0.05 - (run.anyPartner ? 10 : 0);
      for (const item of list) if (!related(item) && 10 + bonus[item]! >= bar) take(item);
    }
    select();
    for (let n = 0; n < count; n++) topKm[n] = km[topItem[n]!]!;
    return count;
  };

  const explain = (p: PreparedCase, region: RegionIndex | undefined): string => {
    const c = p.c;
    if (!region) return `в регионе ${c.region} нет вакансий в текущих лентах`;
    if (!p.hasCoords && !p.locality)
      return 'нет координат дома и населённого пункта — поиск по расстоянию невозможен';
    const what = p.hasProfession ? 'по профессии' : 'подходящих';
    const stamp = ++region.stampNow;
    const names = professionNames(p, region, stamp);
    const { nameSeen, namePoints } = region.scratch;
    const matchesProfession = (item: number) => {
      if (!p.hasProfession) return true;
      const m = region.nameOf[item]!;
      return nameSeen[m] === stamp && namePoints[m]! > 0;
    };
    const radii = [s.radiusKm, ...(p.hasCoords ? s.widerRadiiKm.filter((r) => r > s.radiusKm) : [])];
    const passing = new Array<number>(radii.length).fill(0);
    const excluded = new Map<string, number>();
    const tally = (item: number, km: number | undefined) => {
      if (!matchesProfession(item)) return;
      const why = exclusionOf(p, region, item);
      if (km === undefined || km <= s.radiusKm) {
        if (why) excluded.set(why, (excluded.get(why) ?? 0) + 1);
      }
      if (!why) for (let n = 0; n < radii.length; n++) if (km === undefined || km <= radii[n]!) passing[n]!++;
    };
    const seen = new Set<number>();
    if (p.hasCoords) {
      // Counting needs every vacancy within the widest radius, not the nearest ones: the
      // postings of the profession's names (every point without a profession), by its nearest address.
      const lat = c.lat!;
      const lng = c.lng!;
      const max = radii.at(-1)!;
      const nearest = new Map<number, number>();
      const note = (pt: number, d: number) => {
        const item = region.itemOf[pt]!;
        const was = nearest.get(item);
        if (was === undefined || d < was) nearest.set(item, d);
      };
      if (p.hasProfession) for (const m of names) region.within(region.namePosting(m), lat, lng, max, note);
      else if (region.all) {
        const dLat = max / 111.2;
        const dLng = dLat / Math.max(0.01, Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180));
        for (const pt of region.all.range(lng - dLng, lat - dLat, lng + dLng, lat + dLat)) {
          const d = region.kmTo(pt, lat, lng);
          if (d <= max) note(pt, d);
        }
      }
      for (const [item, d] of nearest) {
        seen.add(item);
        tally(item, d);
      }
    }
    if (p.locality)
      for (const item of region.byLocality.get(p.locality) ?? []) {
        if (seen.has(item) || (p.hasCoords && region.hasCoords[item])) continue;
        seen.add(item);
        tally(item, undefined);
      }
    const parts: string[] = [];
    const where = p.hasCoords ? `в ${s.radiusKm} км` : 'в населённом пункте';
    if (passing[0] === 0) {
      parts.push(`${where} нет вакансий ${what}`);
      for (let n = 1; n < radii.length; n++) parts.push(`в ${radii[n]} км — ${passing[n]}`);
    } else {
      parts.push(
        `${where} ${passing[0]} ${plural(passing[0] ?? 0, ['вакансия', 'вакансии', 'вакансий'])} ${what}`,
      );
    }
    for (const [why, n] of [...excluded].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
      const text = why.startsWith('ban:')
        ? `исключено запретом суда: ${BAN_NAME.get(why.slice(4)) ?? why.slice(4)}`
        : why === 'stale'
          ? `${EXCLUSION_RU.stale} (старше ${s.maxVacancyAgeDays} ${plural(s.maxVacancyAgeDays, ['дня', 'дней', 'дней'])})`
          : EXCLUSION_RU[why]!;
      parts.push(`${text} — ${n}`);
    }
    return parts.join('; ');
  };

  // 1. Candidates and shortlists, region by region (regions share no vacancies): an index
  // not retained by the caller is dropped when its region is done, so one is alive at a time.
  const t0 = input.clock?.();
  let indexMs = 0;
  const prepared = cases.map(prepare);
  const caseNotes: Array<MatchOutcome['notes']> = prepared.map(() => []);
  const explanationOf: Array<string | undefined> = [];
  const casesOf = new Map<string, number[]>();
  prepared.forEach((p, n) => {
    const list = casesOf.get(p.c.region);
    if (list) list.push(n);
    else casesOf.set(p.c.region, [n]);
    shortlists[p.c.id] = [];
  });
  let candidates = 0;
  for (const code of [...casesOf.keys()].sort()) {
    const before = input.clock?.();
    const region = index.region(code);
    if (before !== undefined) indexMs += input.clock!() - before;
    // Cases near each other one after the other (the order does not change any case's result).
    const inRegion = casesOf.get(code)!;
    const spot = (n: number) => {
      const c = prepared[n]!.c;
      return c.lat === undefined || c.lng === undefined ? -1 : Math.floor(c.lat * 20) * 1000 + c.lng;
    };
    const spots = new Map(inRegion.map((n) => [n, spot(n)]));
    inRegion.sort((a, b) => spots.get(a)! - spots.get(b)! || a - b);
    for (const n of inRegion) {
      const p = prepared[n]!;
      const c = p.c;
      if (c.education && !educationLevel(c.education).known)
        caseNotes[n]!.push({
          caseId: c.id,
          field: 'education',
          message: `образование «${c.education}» не распознано — считается «${educationName(0)}»`,
        });
      for (const code of c.professions)
        if (!OKPDTR_CODE.test(code))
          caseNotes[n]!.push({
            caseId: c.id,
            field: 'professions',
            message: `${echoRu(code)} — не код ОКПДТР (5 или 6 цифр), не учтён; название профессии — в поле skills`,
          });
      const count = region ? candidatesOf(p, region, mixString(seedHash, c.id)) : 0;
      candidates += count;
      candFrom[n] = candIt.length;
      candCount[n] = count;
      let byProfession = false;
      for (let k = 0; k < count; k++) {
        const it = region!.item(topItem[k]!);
        candIt.push(it);
        candKm.push(topKm[k]!);
        candScore.push(topScore[k]!);
        candJitter.push(topJitter[k]!);
        if (k < s.top) shortlists[c.id]!.push(proposalOf(p, it, kmOf(candIt.length - 1)).proposal);
        if (!byProfession && professionOf(p, it).points > 0) byProfession = true;
      }
      if (count < Math.min(3, s.top) || (p.hasProfession && !byProfession))
        explanationOf[n] = explain(p, region);
      if (!region)
        caseNotes[n]!.push({
          caseId: c.id,
          field: 'region',
          message: `в регионе ${c.region} нет вакансий в текущих лентах`,
        });
    }
    index.done(code);
  }
  prepared.forEach((p, n) => {
    notes.push(...caseNotes[n]!);
    if (explanationOf[n] !== undefined) explanations[p.c.id] = explanationOf[n];
  });

  // 2. One plan for the caseload: objects are the vacancies that are someone's candidate.
  const objectId = new Map<IndexedVacancy, number>(); // regions share no indexed vacancy
  const objectItems: IndexedVacancy[] = [];
  const edgeStart = new Int32Array(prepared.length + 1);
  const objs = new Int32Array(candIt.length);
  const vals = new Float64Array(candIt.length);
  let edges = 0;
  prepared.forEach((p, n) => {
    const w = urgencyWeight(p.c.daysLeft);
    for (let e = candFrom[n]!; e < candFrom[n]! + candCount[n]!; e++) {
      const it = candIt[e]!;
      let o = objectId.get(it);
      if (o === undefined) {
        o = objectItems.length;
        objectId.set(it, o);
        objectItems.push(it);
      }
      objs[edges] = o;
      // Score 0 still beats no work: +1 keeps every candidate worth assigning.
      vals[edges++] = w * (candScore[e]! + 1) * (1 + 0.005 * candJitter[e]!);
    }
    edgeStart[n + 1] = edges;
  });
  const problem: AssignmentProblem = {
    persons: prepared.length,
    objects: objectItems.length,
    capacity: objectItems.map((it) => Math.max(0, openingsLeft(it))),
    edgeStart,
    edgeObject: objs,
    edgeValue: vals,
  };
  const t1 = input.clock?.();
  const result = assign(problem);
  const t2 = input.clock?.();
  input.onProblem?.(problem);

  const assignments: MatchAssignment[] = [];
  const unmatched: MatchOutcome['unmatched'] = [];
  prepared.forEach((p, n) => {
    const o = result.objectOf[n]!;
    if (o >= 0) {
      const it = objectItems[o]!;
      const listed = shortlists[p.c.id]!.find((x) => x.vacancyId === it.vacancy.id);
      let e = candFrom[n]!;
      while (candIt[e] !== it) e++;
      assignments.push({ caseId: p.c.id, ...(listed ?? proposalOf(p, it, kmOf(e)).proposal) });
    } else {
      const count = candCount[n]!;
      const why = count
        ? `все места в подходящих вакансиях (${count}) отданы делам с меньшим сроком или лучшим совпадением`
        : (explanations[p.c.id] ?? 'нет подходящих вакансий');
      unmatched.push({ caseId: p.c.id, why });
    }
  });

  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    assignments,
    shortlists,
    unmatched,
    quality: {
      total: round(result.total),
      upperBound: round(result.upperBound),
      ratio: Math.round(result.ratio * 1e5) / 1e5,
    },
    explanations,
    notes,
    stats: {
      cases: prepared.length,
      vacancies: index.size,
      candidates,
      phases: result.phases,
      bids: result.bids,
      ...(t0 !== undefined && t1 !== undefined && t2 !== undefined
        ? { timingsMs: { candidates: t1 - t0 - indexMs, assignment: t2 - t1, index: indexMs } }
        : {}),
    },
  };
}
