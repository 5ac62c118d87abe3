import { CaseStore } from '@uii/aws/case-store';
import { type LocalStack, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uiiAsync } from './support/uii';

/** `uii case import` and `uii case show` (the real bin) against the local DynamoDB. */
let stack: LocalStack;
let env: NodeJS.ProcessEnv;

// Async on purpose: case-events runs on this process's event loop while the CLI waits for it.
const uii = (...args: string[]) => uiiAsync(args, env);

beforeAll(async () => {
  stack = await startLocalStack({ functions: ['case-events'], now: '2026-03-01T10:00:00+03:00' });
  env = { ...process.env, ...stack.env, TABLE_NAME: stack.env.TABLE_NAME };
  for (const [k, v] of Object.entries(stack.env)) if (k.startsWith('AWS_')) env[k] = v;
});
afterAll(async () => {
  await stack?.stop();
});

describe('uii case import', () => {
  it('imports the good rows of a Windows-1251 «;» file and names the bad row and field', async () => {
    const run = await uii('case', 'import', 'events/cases/cases-import-cp1251.csv', '--json');
    expect(run.status).toBe(2); // some rows were bad
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ rows: 5, imported: 3, failed: 2 });
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 4, field: 'birth_date' }),
      expect.objectContaining({ row: 5, field: 'sentence' }),
    ]);
  });

  it('keeps the person apart and opens the clock of an imported court order', async () => {
    const store = new CaseStore(stack.env.TABLE_NAME);
    const stored = await store.getCase('IMP-1');
    expect(stored?.case).toMatchObject({ sentence: 'corrective_labor', termMonths: 6, deductionPercent: 10 });
    expect(JSON.stringify(stored)).not.toContain('Примеров');
    expect((await store.getPerson('IMP-1'))?.lastName).toBe('Примеров');
    expect(await store.listEvents('IMP-1')).toHaveLength(1);

    const show = await uii('case', 'show', 'IMP-1', '--as-of', '2026-03-10', '--json');
    expect(show.status).toBe(0);
    const shown = JSON.parse(show.stdout);
    expect(shown.deadlines).toMatchObject([
      { rule: 'CL-REFER', due: '2026-03-14', status: 'open', daysLeft: 4 },
    ]);
    const human = await uii('case', 'show', 'IMP-1', '--as-of', '2026-03-10');
    expect(human.stdout).toContain('осталось 4 дня');
  });

  it('reports a JSON row beyond the legal hours with its row number', async () => {
    const run = await uii('case', 'import', 'events/cases/cases-import.json', '--json');
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ rows: 2, imported: 1, failed: 1 });
    expect(report.errors).toEqual([expect.objectContaining({ row: 2, field: 'hours_ordered' })]);
  });

  it('says a case is not found', async () => {
    const run = await uii('case', 'show', 'NO-SUCH');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('не найдено');
  });
});
