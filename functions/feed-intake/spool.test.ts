import { existsSync, ReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DuplicateTally, type Vacancy } from '@uii/domain';
import { describe, expect, it } from 'vitest';
import { SnapshotSpool } from './spool';

const vacancy = (id: string, region: string, jobName: string): Vacancy =>
  ({
    id,
    region,
    regionCode: `${region}00000000000`,
    jobName,
    company: {},
    addresses: [],
  }) as unknown as Vacancy;

async function lines(body: Readable): Promise<string[]> {
  const out: string[] = [];
  for await (const line of createInterface({ input: body.pipe(createGunzip()) })) out.push(line);
  return out;
}

describe('SnapshotSpool', () => {
  it('keeps per region only the winner of each id, in file order', async () => {
    const tally = new DuplicateTally();
    const spool = new SnapshotSpool();
    try {
      const rows: Array<[string, string, string, string]> = [
        ['a', '70', 'Сторож', '2026-11-01'],
        ['b', '54', 'Дворник', '2026-11-01'],
        ['a', '70', 'Сторож (новая)', '2026-11-05'],
        ['c', '70', 'Грузчик', '2026-11-01'],
      ];
      for (const [id, region, job, at] of rows) await spool.add(vacancy(id, region, job), tally.add(id, at));
      expect(await spool.finish()).toEqual(['54', '70']);
      const seventy = (await lines(spool.winners('70', tally))).map((l) => JSON.parse(l).jobName);
      expect(seventy).toEqual(['Сторож (новая)', 'Грузчик']);
      // No duplicates in region 54: the spool file goes out as it is.
      const fiftyFour = spool.winners('54', tally);
      expect(fiftyFour).toBeInstanceOf(ReadStream);
      expect((await lines(fiftyFour)).map((l) => JSON.parse(l).id)).toEqual(['b']);
    } finally {
      spool.close();
    }
  });

  it('leaves nothing behind on close', async () => {
    const spool = new SnapshotSpool();
    await spool.add(vacancy('a', '70', 'Сторож'), 0);
    const dir = spool.directory;
    spool.close();
    expect(existsSync(dir)).toBe(false);
  });
});
