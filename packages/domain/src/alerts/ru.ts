/** Russian wording shared by alert messages: agreed plurals, initials. */

/** `plural(2, ['день', 'дня', 'дней'])` → «дня». */
export function plural(n: number, forms: readonly [one: string, few: string, many: string]): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return forms[2];
  if (b === 1) return forms[0];
  if (b >= 2 && b <= 4) return forms[1];
  return forms[2];
}

export const DAY_FORMS = ['день', 'дня', 'дней'] as const;

/** «1 день», «2 дня», «5 дней». */
export const days = (n: number) => `${n} ${plural(n, DAY_FORMS)}`;

/** «Иванов И. И.» from the parts of a name (a missing patronymic is left out). */
export function surnameInitials(p: { lastName: string; firstName?: string; middleName?: string }): string {
  const initial = (s?: string) => (s?.trim() ? `${s.trim()[0]!.toUpperCase()}.` : '');
  return [p.lastName.trim(), [initial(p.firstName), initial(p.middleName)].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(' ');
}
