import { MatchStore } from '@uii/aws/match-store';
import type { Proposal, ProposalSource } from './data';

/**
 * Suggested vacancies of a case as the matcher stored them (functions/match, ADR 0018): the
 * latest shortlist with its reasons in the officer's words. No shortlist yet: none.
 */
export function matchStoreProposals(store: MatchStore = new MatchStore()): ProposalSource {
  return {
    async listProposals(caseId: string): Promise<Proposal[]> {
      const stored = await store.getProposals(caseId);
      return (stored?.proposals ?? []).map((p) => ({
        vacancyId: p.vacancyId,
        title: p.jobName ?? p.vacancyId,
        ...(p.employer ? { employer: p.employer } : {}),
        ...(p.address ? { address: p.address } : {}),
        reasons: [...p.reasons],
        score: p.score,
      }));
    },
  };
}
