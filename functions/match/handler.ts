import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { sendJsonBatch } from '@uii/aws';
import { CaseStore } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import { FeedStore } from '@uii/aws/feed-store';
import { MatchStore, readRegionSnapshots } from '@uii/aws/match-store';
import { mapLimit } from '@uii/aws/query';
import { type CaseOnFile, MatchRequest, planMatchRun, referralsOf } from '@uii/domain';
import { placesForOpenedClocks } from '../places/cw-start-hook';
import { requiredEnv } from '../shared/env';
import { sqsBatchHandler } from '../shared/sqs-batch-handler';
import { matchSettings } from './settings';

let stores: { cases: CaseStore; directory: DirectoryStore; feeds: FeedStore; match: MatchStore } | undefined;
const storesOnce = () => {
  stores ??= {
    cases: new CaseStore(),
    directory: new DirectoryStore(),
    feeds: new FeedStore(),
    match: new MatchStore(),
  };
  return stores;
};
const settings = matchSettings(); // cold start: a bad setting fails loudly here
const message = JSONStringified(MatchRequest);
/** Reads of one run in flight at once (event queries, directory look-ups). */
const EVENT_READS_IN_FLIGHT = 8;

/**
 * match: a clock opened, a feed arrived or a referral was refused → for each region concerned,
 * read its cases (roster + those named), their referrals and the region's snapshots, plan the
 * match (domain), then store proposals, holds and the roster and queue the shortlists and
 * referral lists. Every write is a put of a deterministic item and every job id hashes its
 * content, so running a message again is harmless.
 */
export const handler = sqsBatchHandler({
  service: 'match',
  parse: (record) => message.parse(record.body),
  handle: async (m, { logger }) => {
    const { cases, directory, feeds, match } = storesOnce();
    const byRegion = new Map<string, Set<string>>();
    const add = (region: string, id: string) => {
      const set = byRegion.get(region);
      if (set) set.add(id);
      else byRegion.set(region, new Set([id]));
    };
    const named = new Map<string, CaseOnFile['case']>();
    const namedStored = await cases.getCases(m.caseIds ?? []);
    for (const id of m.caseIds ?? []) {
      const stored = namedStored.get(id);
      if (stored) named.set(id, stored.case);
    }
    // Compulsory labour is served at places agreed with the municipality, not in vacancies.
    const compulsory = [...named.values()].filter((c) => c.sentence === 'compulsory_labor').map((c) => c.id);
    for (const id of compulsory) named.delete(id);
    const places = compulsory.length
      ? await placesForOpenedClocks({ reason: m.reason, caseIds: compulsory, asOf: m.asOf })
      : [];
    const profiles = await match.getProfiles([...named.keys()]);
    for (const [id, c] of named) {
      const region = c.region ?? profiles.get(id)?.region ?? m.region;
      if (region) add(region, id);
    }
    if (m.region && !m.caseIds?.length) byRegion.set(m.region, new Set());
    const month = m.asOf.slice(0, 7);
    const summary: Record<string, unknown>[] = [];
    for (const [region, ids] of byRegion) {
      // Named cases join the roster first, so a run for another case of the region sees them.
      await match.setRoster(region, [...ids], []);
      for (const id of await match.roster(region)) ids.add(id);
      // Batched reads: cases, people and profiles by BatchGet (100 keys a request), each
      // case's events by a query, a few at a time.
      const list = [...ids];
      const [stored, people, allProfiles] = await Promise.all([
        cases.getCases(list),
        cases.getPeople(list),
        match.getProfiles(list),
      ]);
      const present = list.filter((id) => stored.has(id));
      const events = await mapLimit(present, EVENT_READS_IN_FLIGHT, (id) => cases.listEvents(id));
      const onFile: CaseOnFile[] = present.map((id, n) => ({
        case: stored.get(id)!.case,
        projection: stored.get(id)!.projection,
        referrals: referralsOf(
          id,
          events[n]!.map((e) => e.event),
        ),
        profile: allProfiles.get(id),
        person: people.get(id),
      }));
      await match.putReferrals(
        region,
        onFile.flatMap((c) => c.referrals),
      );
      const [referrals, snapshot, services] = await Promise.all([
        match.listReferrals(region),
        readRegionSnapshots(process.env.UPLOADS_BUCKET ?? '', region, month, feeds),
        feeds.listServices(),
      ]);
      // One directory read per officer and inspection, not per case.
      const who = (c: CaseOnFile) => `${c.case.officerId ?? ''}\u0000${c.case.inspectionId ?? ''}`;
      const pairs = [...new Map(onFile.map((c) => [who(c), c.case])).entries()];
      const recipients = await mapLimit(pairs, EVENT_READS_IN_FLIGHT, ([, c]) =>
        directory.recipientsFor(c.officerId, c.inspectionId),
      );
      const byPair = new Map(pairs.map(([key], n) => [key, recipients[n]!.officer]));
      const officerTo = new Map(onFile.map((c) => [c.case.id, byPair.get(who(c))!]));
      const plan = planMatchRun({
        region,
        asOf: m.asOf,
        cases: onFile,
        referrals,
        vacancies: snapshot.vacancies,
        settings,
        officerTo,
        services: services.filter((s) => s.regions.includes(region)),
      });
      for (const p of plan.proposals) await match.putProposals({ ...p, asOf: m.asOf, region });
      await match.setRoster(
        region,
        [...plan.proposals.map((p) => p.caseId), ...plan.withoutProfile],
        plan.done,
      );
      if (plan.jobs.length) await sendJsonBatch(requiredEnv('ALERT_OUTBOX_QUEUE_URL'), plan.jobs);
      const row = {
        region,
        reason: m.reason,
        cases: onFile.length,
        matched: plan.proposals.length,
        assigned: plan.outcome.assignments.length,
        withoutProfile: plan.withoutProfile.length,
        done: plan.done.length,
        vacancies: snapshot.vacancies.length,
        snapshots: snapshot.keys.length,
        ratio: plan.outcome.quality.ratio,
        jobs: plan.jobs.map((j) => j.id),
      };
      logger.info('match run', { ...row, jobs: row.jobs.length });
      summary.push(row);
    }
    return {
      regions: summary,
      places: places.map((p) => ({ caseId: p.caseId, proposed: p.proposals.length })),
    };
  },
});
