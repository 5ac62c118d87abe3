/**
 * ИНН (taxpayer number) checksums, as the Federal Tax Service computes them (order of
 * the Ministry of Finance; the same weights every accounting program uses): 10 digits for an
 * organisation (one check digit), 12 for an individual entrepreneur (two check digits).
 */
const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

const check = (digits: readonly number[], weights: readonly number[]) =>
  (weights.reduce((sum, w, i) => sum + w * digits[i]!, 0) % 11) % 10;

/** Why an INN is wrong, in Russian, or undefined when it is valid. */
export function innProblem(inn: string): string | undefined {
  if (!/^\d+$/.test(inn)) return 'ИНН состоит только из цифр';
  if (inn.length !== 10 && inn.length !== 12)
    return `ИНН должен содержать 10 цифр (организация) или 12 (предприниматель), а здесь ${inn.length}`;
  const d = [...inn].map(Number);
  if (inn.length === 10) {
    return check(d, W10) === d[9] ? undefined : 'неверная контрольная цифра ИНН (опечатка?)';
  }
  return check(d, W11) === d[10] && check(d, W12) === d[11]
    ? undefined
    : 'неверные контрольные цифры ИНН (опечатка?)';
}

export function isValidInn(inn: string): boolean {
  return innProblem(inn) === undefined;
}
