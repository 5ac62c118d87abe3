import { placesContext, proposeForCase } from '@uii/aws/places-service';
import type { PlaceProposal } from '@uii/domain';

/**
 * The hook for a `match-requests` message `{ reason: 'clock_opened', caseIds, asOf }`: for each
 * compulsory-labour case (CW-START running) the officer gets the agreed places nearest the
 * convict's home with workplaces left. Corrective-labour cases are left to the vacancy matcher.
 * Idempotent per case and day (the alert id is `place-proposal:<caseId>:<asOf>`).
 */
export async function placesForOpenedClocks(message: {
  reason: string;
  caseIds?: string[];
  asOf: string;
}): Promise<Array<{ caseId: string; proposals: PlaceProposal[] }>> {
  if (message.reason !== 'clock_opened' || !message.caseIds?.length) return [];
  const ctx = placesContext();
  const out = [];
  for (const caseId of message.caseIds) {
    const { proposals } = await proposeForCase(ctx, caseId, message.asOf);
    out.push({ caseId, proposals });
  }
  return out;
}
