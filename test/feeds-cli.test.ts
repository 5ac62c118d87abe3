import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const uii = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'packages/cli/bin/uii.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
const feed = (name: string) => join(ROOT, 'events/feeds', name);

describe('uii feed check', { timeout: 90_000 }, () => {
  it('prints exactly the contract fields with --json and exits 0 although rows are rejected', () => {
    const out = uii('feed', 'check', feed('rostrud-dump.csv'), '--json');
    expect(out.status).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(Object.keys(result)).toEqual([
      'format',
      'encoding',
      'total',
      'accepted',
      'rejected',
      'duplicates',
      'errors',
    ]);
    expect(result).toEqual({
      format: 'csv',
      encoding: 'utf-8',
      total: 8,
      accepted: 6,
      rejected: 2,
      duplicates: 0,
      errors: [
        { row: 4, field: 'addresses.address[0].lat', message: 'ожидается число, получено: «северная»' },
        { row: 6, field: 'job-name', message: 'обязательное поле не заполнено' },
      ],
    });
  });

  it('counts duplicates in a Rostrud envelope', () => {
    const result = JSON.parse(uii('feed', 'check', feed('sample.json'), '--json').stdout);
    expect(result).toMatchObject({
      format: 'rostrud-json',
      total: 7,
      accepted: 5,
      rejected: 1,
      duplicates: 1,
    });
  });

  it('exits 2 with the reason on stderr when the file cannot be read as a whole', () => {
    const empty = uii('feed', 'check', feed('empty.json'), '--json');
    expect(empty.status).toBe(2);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toMatch(/файл пуст/);
    const missing = uii('feed', 'check', feed('no-such-file.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/файл не найден/);
  });

  it('refuses a file over --max-records with a clear message', () => {
    const out = uii('feed', 'check', feed('demo-tomsk.json'), '--max-records', '10');
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/больше 10 записей/);
  });

  it('honours --format and rejects an unknown one', () => {
    const forced = uii('feed', 'check', feed('sample.jsonl'), '--format', 'jsonl', '--json');
    expect(JSON.parse(forced.stdout).format).toBe('jsonl');
    expect(uii('feed', 'check', feed('sample.jsonl'), '--format', 'yaml').status).toBe(2);
  });

  it('reports a truncated file and keeps the rows before the cut (exit 0)', () => {
    const out = uii('feed', 'check', feed('truncated.json'), '--json');
    expect(out.status).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result.accepted).toBe(3);
    expect(result.errors.at(-1)).toMatchObject({ row: 4, field: '(файл)' });
  });

  it('prints a readable Russian summary without --json', () => {
    const out = uii('feed', 'check', feed('excel-cp1251.csv'));
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/csv, windows-1251/);
    expect(out.stdout).toMatch(/Принято \/ accepted: 5/);
  });
});
