import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const uii = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'packages/cli/bin/uii.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });

/** Writes a corrective-labour scenario with these events into a fresh temp folder. */
function scenarioFile(events: unknown[]): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'uii-deadlines-'));
  const file = join(dir, 'bad.json');
  writeFileSync(
    file,
    JSON.stringify({ case: { id: 'X', sentence: 'corrective_labor' }, events, asOf: '2026-03-10' }),
  );
  return { dir, file };
}

describe('uii deadlines', () => {
  it('prints the public JSON shape for a scenario', () => {
    const run = uii('deadlines', 'events/scenarios/cl-refer-order-2026-01-19.json', '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      deadlines: [
        {
          rule: 'CL-REFER',
          due: '2026-02-18',
          status: 'open',
          source: 'УИК РФ ст. 39 ч. 2 (ред. до 20.01.2026)',
        },
      ],
      findings: [],
      warnings: [],
    });
  });

  it('warns about a year without a production calendar in --json too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uii-cal-'));
    const file = join(dir, 'y2028.json');
    writeFileSync(
      file,
      JSON.stringify({
        case: { id: 'Y-2028', sentence: 'compulsory_labor' },
        events: [{ type: 'absence_reported', date: '2028-03-02', outcome: 'absent_unexcused' }],
        asOf: '2028-03-03',
      }),
    );
    const run = uii('deadlines', file, '--json');
    rmSync(dir, { recursive: true, force: true });
    expect(JSON.parse(run.stdout).warnings).toEqual([
      expect.stringContaining('нет производственного календаря на 2028'),
    ]);
  });

  it('prints Russian text with the days left', () => {
    const run = uii('deadlines', 'events/scenarios/cw-start-open.json');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('CW-START');
    expect(run.stdout).toContain('до 17.02.2026');
    expect(run.stdout).toContain('осталось 7 дней');
  });

  it('exits 2 naming the bad field', () => {
    const { file } = scenarioFile([
      { type: 'court_order_received', date: '2026-03-02' },
      { type: 'registered', date: '2026-03-03' },
      { type: 'dismissed', date: '2026-13-01' },
    ]);
    const run = uii('deadlines', file, '--json');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('events[2].date');
    expect(run.stdout).toBe('');
  });

  it('exits 2 on an unknown event type and on a missing file', () => {
    const { dir, file } = scenarioFile([{ type: 'party', date: '2026-03-02' }]);
    const unknown = uii('deadlines', file);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('events[0].type');
    expect(uii('deadlines', join(dir, 'missing.json')).status).toBe(2);
  });
});
