import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from './scenario';

/**
 * Every rule at its boundaries, as scenario files in events/scenarios/ (the same files
 * `uii deadlines` reads). `expect.deadlines` / `expect.findings`, when given, must match the
 * whole list, each entry on the fields it names.
 */
const dir = join(import.meta.dirname, '../../../../events/scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('deadline scenarios', () => {
  it('has scenarios for every rule the engine computes', () => {
    const rules = new Set<string>();
    for (const f of files) {
      const raw = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      for (const d of raw.expect.deadlines ?? []) rules.add(d.rule);
      for (const x of raw.expect.findings ?? []) rules.add(x.rule);
    }
    expect([...rules].sort()).toEqual(
      [
        'CL-JOBSEARCH',
        'CL-MONTH',
        'CL-REFER',
        'CL-REPEAT',
        'CL-REPORT-CHANGE',
        'CL-START',
        'CW-DONE',
        'CW-EVASION',
        'CW-EVASION-RISK',
        'CW-HOURS-CAP',
        'CW-PACE',
        'CW-START',
        'CW-WARN',
        'WANTED',
      ].sort(),
    );
  });

  for (const file of files) {
    it(file.replace(/\.json$/, ''), () => {
      const raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const result = runScenario(parseScenario(raw));
      if (raw.expect.deadlines) expect(result.deadlines).toMatchObject(raw.expect.deadlines);
      if (raw.expect.findings) expect(result.findings).toMatchObject(raw.expect.findings);
      // Officers read these: numbers agree with their nouns, never «5 дн.».
      for (const f of result.findings) expect(f.message).not.toMatch(/\d+ (рабочих )?дн\./);
    });
  }
});
