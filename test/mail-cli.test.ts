import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const uii = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'packages/cli/bin/uii.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('uii notice parse', () => {
  it('prints the public JSON shape, matching by name only without a worksite', () => {
    const run = uii('notice', 'parse', 'events/ses/sample.eml', '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      from: 'master@stroy-primer.example',
      authenticated: true,
      items: [
        {
          kind: 'absence',
          person: { name: null, caseId: '70-0001' },
          date: '2026-11-20',
          hours: null,
          outcome: 'absent_unexcused',
          reasonText: 'не вышел на работу без уважительной причины',
          confidence: 0.95,
        },
      ],
      triage: [],
    });
  });

  it('matches against a worksite’s assigned cases with --worksite', () => {
    const run = uii(
      'notice',
      'parse',
      'events/mail/misspelled.eml',
      '--worksites',
      'events/mail/worksites.json',
      '--worksite',
      'ws-stroy-primer',
      '--json',
    );
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.items.map((i: { person: { caseId: string } }) => i.person.caseId)).toEqual([
      '70-0003',
      '70-0002',
    ]);
  });

  it('says why a message is not authenticated, in the human output', () => {
    const run = uii('notice', 'parse', 'events/mail/no-auth-header.eml');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('нет заголовка Authentication-Results');
  });

  it('exits 2 on a missing file or an unknown worksite', () => {
    expect(uii('notice', 'parse', 'events/mail/nope.eml').status).toBe(2);
    const run = uii('notice', 'parse', 'events/mail/demo-absence.eml', '--worksite', 'ws-nope');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown worksite');
  });

  it('refuses a file that is not an email, in Russian first, exit 2, no stack trace', () => {
    for (const file of ['docs/worksite-mail.md', 'events/worksites.json', 'package.json']) {
      const run = uii('notice', 'parse', file, '--json');
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^uii: не похоже на письмо/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
