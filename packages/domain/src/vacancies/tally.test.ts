import { describe, expect, it } from 'vitest';
import { DuplicateTally } from './tally';

describe('DuplicateTally', () => {
  it('keeps the latest date_modify, counts the rest, and a later record wins a tie', () => {
    const t = new DuplicateTally();
    const a1 = t.add('A', '2026-11-10T09:00:00.000Z');
    const b1 = t.add('B', '2026-11-01');
    const a2 = t.add('A', '2026-11-05');
    const a3 = t.add('A', '2026-11-10T09:00:00.000Z');
    const b2 = t.add('B', undefined);
    expect([t.unique, t.duplicates]).toEqual([2, 3]);
    expect([a1, a2, a3].map((s) => t.isWinner('A', s))).toEqual([false, false, true]);
    expect([b1, b2].map((s) => t.isWinner('B', s))).toEqual([true, false]);
    expect([...t.winners()].sort()).toEqual([a3, b1].sort());
  });

  it('tells apart many ids, including Cyrillic and ids that share a hash bucket, across growth', () => {
    const t = new DuplicateTally();
    const ids = Array.from({ length: 200_000 }, (_, i) => (i % 3 === 0 ? `вакансия-${i}` : `v-${i}`));
    for (const id of ids) t.add(id, '2026-11-01');
    for (let i = 0; i < ids.length; i += 1000) t.add(ids[i]!, '2026-11-02');
    expect(t.unique).toBe(200_000);
    expect(t.duplicates).toBe(200);
    expect(t.isWinner('v-1', 1)).toBe(true);
    expect(t.isWinner('вакансия-0', 0)).toBe(false);
    expect(t.isWinner('нет такой', 0)).toBe(false);
  });
});

describe('isWinnerSeq', () => {
  it('agrees with isWinner for every record, duplicates included', () => {
    const t = new DuplicateTally();
    const rows: Array<[string, string]> = [
      ['a', '2026-01-01'],
      ['b', '2026-01-01'],
      ['a', '2026-02-01'],
      ['c', '2026-01-01'],
      ['b', '2025-12-01'],
    ];
    const seqs = rows.map(([id, at]) => t.add(id, at));
    expect(seqs.map((s, i) => t.isWinnerSeq(s) === t.isWinner(rows[i]![0], s))).toEqual(rows.map(() => true));
    expect(seqs.filter((s) => t.isWinnerSeq(s))).toEqual([1, 2, 3]);
  });
});
