import { genderOf, splitName, surnameForms } from '../notices/names';
import { words } from '../notices/text';

/**
 * The worksite's people a triage passage may mean: every person whose surname appears in the
 * text in any grammatical case («Иванова» names both Иванова О. Н. and Иванов И. И.), so the
 * officer picks from named candidates instead of typing a case id.
 */
export function triageCandidates<P extends { caseId: string; name: string }>(
  text: string,
  people: readonly P[],
): P[] {
  const tokens = new Set(words(text).map((t) => t.norm));
  return people.filter((p) => {
    const name = splitName(p.name);
    if (!name.surname) return false;
    const forms = new Set([
      ...surnameForms(name.surname, genderOf(name)),
      ...surnameForms(name.surname, 'unknown'),
    ]);
    return [...forms].some((f) => tokens.has(f));
  });
}
