import { around, distance } from 'geokdbush';
import { addDays } from '../calendar/dates';
import type { Vacancy } from '../vacancies/schema';
import { assign } from './assign';
import { BANS } from './data';
import {
  DEFAULT_MATCH_SETTINGS,
  educationLevel,
  educationName,
  type MatchCase,
  type MatchSettings,
} from './input';
import { expandStem, hash01, normaliseLocality, plural, ruKm, stemsOf } from './text';
import {
  code5Of,
  type GeoIndex,
  groupsOf,
  type IndexedVacancy,
  type RegionIndex,
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
  stats: { cases: number; vacancies: number; candidates: number; phases: number; bids: number };
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
  locality?: string;
  hasCoords: boolean;
  hasProfession: boolean;
}

function prepare(c: MatchCase): PreparedCase {
  const phrases = c.skills.map((text) => ({ text, stems: stemsOf(text) })).filter((p) => p.stems.length);
  const stems = new Set<string>();
  for (const p of phrases) for (const s of p.stems) for (const x of expandStem(s)) stems.add(x);
  const codes = new Set(c.professions.map(code5Of).filter((x): x is string => Boolean(x)));
  return {
    c,
    codes,
    phrases,
    stems,
    groups: groupsOf(stems),
    education: educationLevel(c.education).level,
    declined: new Set(c.declined),
    bans: new Set(c.bans),
    locality: c.locality ? normaliseLocality(c.locality) : undefined,
    hasCoords: typeof c.lat === 'number' && typeof c.lng === 'number',
    hasProfession: codes.size > 0 || phrases.length > 0,
  };
}

const rub = (n: number) =>
  `${Math.round(n)
    .toLocaleString('ru-RU')
    .replace(/\u00a0/g, ' ')} ₽`;

/**
 * Matches cases to vacancies: candidates from each region's geo indexes (hard filters as the
 * query predicate), scores with reasons an officer reads, shortlists, explanations, and one
 * referral plan for the whole caseload that never gives a vacancy more people than it has
 * openings left (urgency-weighted, certified by a dual bound). Pure and deterministic.
 */
export function matchCases(input: MatchInput): MatchOutcome {
  const s: MatchSettings = { ...DEFAULT_MATCH_SETTINGS, ...input.settings };
  const index = input.vacancies instanceof VacancyIndex ? input.vacancies : new VacancyIndex(input.vacancies);
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
  const candidateLists: Array<
    Array<{ region: RegionIndex; item: number; score: number; proposal: MatchProposal }>
  > = [];

  const openingsLeft = (it: IndexedVacancy) => it.vacancy.workPlaces - (held.get(it.vacancy.id) ?? 0);

  const exclusionOf = (p: PreparedCase, it: IndexedVacancy): Exclusion | undefined => {
    for (const b of it.bans) if (p.bans.has(b)) return `ban:${b}`;
    if (p.declined.has(it.vacancy.id)) return 'declined';
    if (openingsLeft(it) <= 0) return 'openings';
    if (it.freshOn !== undefined && it.freshOn < oldest) return 'stale';
    if (it.education > p.education) return 'education';
    if ((it.vacancy.experienceYears ?? 0) > p.c.experienceYears) return 'experience';
    if (s.acceptance === 'strict' && !(it.vacancy.quota || it.vacancy.acceptsConvicts || partnerOf(it)))
      return 'acceptance';
    return undefined;
  };
  const partnerOf = (it: IndexedVacancy) =>
    Boolean(it.vacancy.company.inn && partners.has(it.vacancy.company.inn));

  const professionOf = (p: PreparedCase, it: IndexedVacancy): { points: number; reason?: string } => {
    if (it.code5 && p.codes.has(it.code5))
      return { points: 50, reason: `та же профессия (код ОКПДТР ${it.code5})` };
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
    if (best >= 1) return { points: 40, reason: `та же профессия: «${phrase}»` };
    let group: string | undefined;
    for (const g of it.groups) if (p.groups.has(g)) group = g;
    if (group) return { points: 25, reason: `родственная профессия (${group})` };
    if (best >= 0.5) return { points: Math.round(40 * best * 0.6), reason: `похоже на «${phrase}»` };
    return { points: 0 };
  };

  const scoreOf = (
    p: PreparedCase,
    it: IndexedVacancy,
    km: number | undefined,
  ): MatchProposal & { profession: boolean } => {
    const reasons: string[] = [];
    let score = 0;
    const prof = professionOf(p, it);
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

  /** Candidates of one case: per profession key and the any-job index, nearest first, filtered. */
  const candidatesOf = (p: PreparedCase, region: RegionIndex) => {
    const found = new Map<number, number | undefined>(); // item → km
    const c = p.c;
    const keys = [
      ...[...p.codes].map((k) => `c:${k}`),
      ...[...p.stems].map((k) => `w:${k}`),
      ...[...p.groups].map((k) => `g:${k}`),
    ];
    const perKey = s.candidatesPerCase * 2;
    if (p.hasCoords) {
      const visit = (g: GeoIndex | undefined, max: number) => {
        if (!g) return;
        const ids = around(g.tree, c.lng!, c.lat!, max, s.radiusKm, (pt) => {
          const item = g.itemOf[pt]!;
          return !found.has(item) && exclusionOf(p, region.items[item]!) === undefined;
        });
        for (const pt of ids) {
          const item = g.itemOf[pt]!;
          if (found.has(item)) continue;
          const [x, y] = [g.tree.coords[2 * pt]!, g.tree.coords[2 * pt + 1]!];
          found.set(item, distance(c.lng!, c.lat!, x, y));
        }
      };
      for (const k of keys) visit(region.byKey.get(k), perKey);
      visit(region.all, s.candidatesPerCase);
    }
    // Same settlement: vacancies without coordinates (or the case has none).
    if (p.locality) {
      for (const item of region.byLocality.get(p.locality) ?? []) {
        const it = region.items[item]!;
        if (found.has(item) || (p.hasCoords && it.hasCoords)) continue;
        if (exclusionOf(p, it) === undefined) found.set(item, undefined);
      }
    }
    const scored = [...found].map(([item, km]) => ({ item, proposal: scoreOf(p, region.items[item]!, km) }));
    return scored;
  };

  const explain = (p: PreparedCase, region: RegionIndex | undefined): string => {
    const c = p.c;
    if (!region) return `в регионе ${c.region} нет вакансий в текущих лентах`;
    if (!p.hasCoords && !p.locality)
      return 'нет координат дома и населённого пункта — поиск по расстоянию невозможен';
    const what = p.hasProfession ? 'по профессии' : 'подходящих';
    const matchesProfession = (it: IndexedVacancy) => !p.hasProfession || professionOf(p, it).points > 0;
    const radii = [s.radiusKm, ...(p.hasCoords ? s.widerRadiiKm.filter((r) => r > s.radiusKm) : [])];
    const passing = new Array<number>(radii.length).fill(0);
    const excluded = new Map<string, number>();
    const tally = (it: IndexedVacancy, km: number | undefined) => {
      if (!matchesProfession(it)) return;
      const why = exclusionOf(p, it);
      if (km === undefined || km <= s.radiusKm) {
        if (why) excluded.set(why, (excluded.get(why) ?? 0) + 1);
      }
      if (!why)
        radii.forEach((r, n) => {
          if (km === undefined || km <= r) passing[n] = (passing[n] ?? 0) + 1;
        });
    };
    const seen = new Set<number>();
    if (p.hasCoords && region.all) {
      const g = region.all;
      const max = radii.at(-1)!;
      around(g.tree, c.lng!, c.lat!, Infinity, max, (pt) => {
        const item = g.itemOf[pt]!;
        if (!seen.has(item)) {
          seen.add(item);
          const x = g.tree.coords[2 * pt]!;
          const y = g.tree.coords[2 * pt + 1]!;
          tally(region.items[item]!, distance(c.lng!, c.lat!, x, y));
        }
        return false;
      });
    }
    if (p.locality)
      for (const item of region.byLocality.get(p.locality) ?? []) {
        if (seen.has(item) || (p.hasCoords && region.items[item]!.hasCoords)) continue;
        seen.add(item);
        tally(region.items[item]!, undefined);
      }
    const parts: string[] = [];
    const where = p.hasCoords ? `в ${s.radiusKm} км` : 'в населённом пункте';
    if (passing[0] === 0) {
      parts.push(`${where} нет вакансий ${what}`);
      for (let n = 1; n < radii.length; n++) parts.push(`в ${radii[n]} км — ${passing[n]}`);
    } else {
      parts.push(
        `${where} ${passing[0]} ${plural(passing[0] ?? 0, 'вакансия', 'вакансии', 'вакансий')} ${what}`,
      );
    }
    for (const [why, n] of [...excluded].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
      const text = why.startsWith('ban:')
        ? `исключено запретом суда: ${BAN_NAME.get(why.slice(4)) ?? why.slice(4)}`
        : why === 'stale'
          ? `${EXCLUSION_RU.stale} (старше ${s.maxVacancyAgeDays} ${plural(s.maxVacancyAgeDays, 'дня', 'дней', 'дней')})`
          : EXCLUSION_RU[why]!;
      parts.push(`${text} — ${n}`);
    }
    return parts.join('; ');
  };

  // 1. Candidates and shortlists.
  const prepared = cases.map(prepare);
  let candidates = 0;
  prepared.forEach((p, n) => {
    const c = p.c;
    if (c.education && !educationLevel(c.education).known)
      notes.push({
        caseId: c.id,
        field: 'education',
        message: `образование «${c.education}» не распознано — считается «${educationName(0)}»`,
      });
    const region = index.region(c.region);
    const scored = region ? candidatesOf(p, region) : [];
    const jitter = (id: string) => hash01(`${seed}|${c.id}|${id}`);
    scored.sort(
      (a, b) =>
        b.proposal.score * (1 + 0.005 * jitter(b.proposal.vacancyId)) -
          a.proposal.score * (1 + 0.005 * jitter(a.proposal.vacancyId)) ||
        (a.proposal.vacancyId < b.proposal.vacancyId ? -1 : 1),
    );
    const kept = scored.slice(0, Math.max(s.candidatesPerCase, s.top));
    candidates += kept.length;
    shortlists[c.id] = kept
      .slice(0, s.top)
      .map(({ proposal: { profession: _p, ...rest } }) => stripUndefined(rest));
    candidateLists[n] = kept.map((k) => ({
      region: region!,
      item: k.item,
      score: k.proposal.score,
      proposal:
        shortlists[c.id]!.find((x) => x.vacancyId === k.proposal.vacancyId) ??
        stripUndefined({ ...k.proposal, profession: undefined }),
    }));
    const enough = Math.min(3, s.top);
    if (kept.length < enough || !scored.some((x) => x.proposal.profession))
      explanations[c.id] = explain(p, region);
    if (!region)
      notes.push({
        caseId: c.id,
        field: 'region',
        message: `в регионе ${c.region} нет вакансий в текущих лентах`,
      });
  });

  // 2. One plan for the caseload: objects are the vacancies that are someone's candidate.
  const objectId = new Map<string, number>();
  const objectItems: IndexedVacancy[] = [];
  const edgeStart = new Int32Array(prepared.length + 1);
  const objs: number[] = [];
  const vals: number[] = [];
  prepared.forEach((p, n) => {
    const w = urgencyWeight(p.c.daysLeft);
    for (const cand of candidateLists[n]!) {
      const it = cand.region.items[cand.item]!;
      const key = `${p.c.region}|${it.vacancy.id}`;
      let o = objectId.get(key);
      if (o === undefined) {
        o = objectItems.length;
        objectId.set(key, o);
        objectItems.push(it);
      }
      objs.push(o);
      // Score 0 still beats no work: +1 keeps every candidate worth assigning.
      vals.push(w * (cand.score + 1) * (1 + 0.005 * hash01(`${seed}|${p.c.id}|${it.vacancy.id}`)));
    }
    edgeStart[n + 1] = objs.length;
  });
  const result = assign({
    persons: prepared.length,
    objects: objectItems.length,
    capacity: objectItems.map((it) => Math.max(0, openingsLeft(it))),
    edgeStart,
    edgeObject: Int32Array.from(objs),
    edgeValue: Float64Array.from(vals),
  });

  const assignments: MatchAssignment[] = [];
  const unmatched: MatchOutcome['unmatched'] = [];
  prepared.forEach((p, n) => {
    const o = result.objectOf[n]!;
    if (o >= 0) {
      const id = objectItems[o]!.vacancy.id;
      const cand = candidateLists[n]!.find((x) => x.proposal.vacancyId === id)!;
      assignments.push({ caseId: p.c.id, ...cand.proposal });
    } else {
      const count = candidateLists[n]!.length;
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
    },
  };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
