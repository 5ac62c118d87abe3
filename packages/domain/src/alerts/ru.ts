/** Russian wording shared by alert messages: agreed plurals, initials. */

export { countRu, enCount, plural, ruInt } from '../text/plural';

import { countRu, DAYS } from '../text/plural';

export const DAY_FORMS = DAYS;

/** «1 день», «2 дня», «5 дней». */
export const days = (n: number) => countRu(n, DAY_FORMS);

/** «Иванов И. И.» from the parts of a name (a missing patronymic is left out). */
export function surnameInitials(p: { lastName: string; firstName?: string; middleName?: string }): string {
  const initial = (s?: string) => (s?.trim() ? `${s.trim()[0]!.toUpperCase()}.` : '');
  return [p.lastName.trim(), [initial(p.firstName), initial(p.middleName)].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(' ');
}
