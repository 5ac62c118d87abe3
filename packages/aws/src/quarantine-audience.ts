import {
  type QuarantineAudience,
  type QuarantineDirectory,
  quarantineAudience,
  type Worksite,
} from '@uii/domain';
import { CaseStore } from './case-store';
import { DirectoryStore } from './directory-store';

/**
 * Whom mail-intake tells at once of a quarantined mail (ADR 0034): the directory (one index
 * partition) and the officers of the worksite's cases (BatchGet), chosen by the domain's
 * `quarantineAudience`.
 */
export async function quarantineAudienceOf(
  tableName: string,
  worksite: Worksite | null,
  receivedBy: readonly string[],
  options: { junk?: boolean } = {},
): Promise<QuarantineAudience> {
  const { officers, inspections } = await new DirectoryStore(tableName).listDirectory();
  const caseIds = worksite?.cases.map((c) => c.caseId) ?? [];
  const cases = caseIds.length ? await new CaseStore(tableName).getCases(caseIds) : new Map();
  const caseOfficers = [...cases.values()].flatMap((s) => (s.case.officerId ? [s.case.officerId] : []));
  return quarantineAudience({
    worksite,
    receivedBy,
    directory: { officers, inspections } as unknown as QuarantineDirectory,
    caseOfficers,
    ...(options.junk ? { junk: true } : {}),
  });
}
