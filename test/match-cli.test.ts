import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { referralDraft, type Vacancy } from '@uii/domain';
import { describe, expect, it } from 'vitest';
import { referralDocx } from '../packages/cli/src/commands/match-referral';

const ROOT = join(import.meta.dirname, '..');
const uii = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'packages/cli/bin/uii.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
const TOMSK_FEED = join(ROOT, 'events/feeds/demo-tomsk.json');

describe('uii match', { timeout: 90_000 }, () => {
  it('prints exactly the contract with --json: plan, shortlists, unmatched with why, certified quality', () => {
    const out = uii(
      'match',
      '--cases',
      join(ROOT, 'events/match/cases.json'),
      '--vacancies',
      TOMSK_FEED,
      '--as-of',
      '2026-11-23',
      '--json',
      '--top',
      '3',
    );
    expect(out.status, out.stderr).toBe(0);
    const r = JSON.parse(out.stdout);
    expect(Object.keys(r)).toEqual(['assignments', 'shortlists', 'unmatched', 'quality']);
    for (const a of r.assignments)
      expect(Object.keys(a)).toEqual(['caseId', 'vacancyId', 'score', 'reasons']);
    expect(Object.keys(r.shortlists).sort()).toEqual(['C-17', 'C-18', 'C-19', 'C-20']);
    for (const list of Object.values(r.shortlists) as Array<Array<Record<string, unknown>>>) {
      expect(list.length).toBeLessThanOrEqual(3);
      for (const p of list) expect(Object.keys(p)).toEqual(['vacancyId', 'score', 'reasons']);
    }
    // C-17 has a driving ban: the feed's «Водитель автомобиля» (…079) is never proposed
    expect(r.shortlists['C-17'].map((p: { vacancyId: string }) => p.vacancyId)).not.toContain(
      '6a1c0e52-0000-4000-8000-000000000079',
    );
    // C-20 lives ≈ 110 km from Tomsk: nothing, and why
    expect(r.unmatched).toEqual([
      {
        caseId: 'C-20',
        why: expect.stringMatching(/^в 30 км нет вакансий по профессии; в 50 км — 0; в 100 км — \d+/),
      },
    ]);
    expect(r.quality.ratio).toBeGreaterThanOrEqual(0.99);
    expect(r.quality.total).toBeLessThanOrEqual(r.quality.upperBound);
  });

  it('explains bad rows (file, row, field) in Russian, still matches the good ones, exits 2', () => {
    const out = uii(
      'match',
      '--cases',
      join(ROOT, 'events/match/cases.csv'),
      '--vacancies',
      TOMSK_FEED,
      '--as-of',
      '2026-11-23',
      '--json',
    );
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(
      'cases.csv, строка 3 (дело C-31), поле region: регион — две цифры (70, 77…)',
    );
    expect(out.stderr).toContain('cases.csv, строка 3 (дело C-31), поле daysLeft: ожидается число');
    expect(Object.keys(JSON.parse(out.stdout).shortlists)).toEqual(['C-30']);
    const missing = uii('match', '--cases', join(ROOT, 'events/match/nope.json'), '--vacancies', TOMSK_FEED);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--cases: файл не найден/);
  });

  it('reads --as-of as every command does (ДД.ММ.ГГГГ too) and refuses a day that does not exist in Russian, exit 2', () => {
    const cases = join(ROOT, 'events/match/cases.json');
    const bad = uii('match', '--cases', cases, '--vacancies', TOMSK_FEED, '--as-of', '2026-13-45');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--as-of: нет такой даты «2026-13-45»');
    expect(bad.stderr).not.toMatch(/Not a real date/);
    const ru = uii('match', '--cases', cases, '--vacancies', TOMSK_FEED, '--as-of', '23.11.2026', '--json');
    expect(ru.status, ru.stderr).toBe(0);
    expect(JSON.parse(ru.stdout)).toHaveProperty('assignments');
  });
});

describe('referral draft', () => {
  it('writes the «предписание» as DOCX with the employer, the job and the 5-day duty, no offence', async () => {
    const vacancy: Vacancy = {
      id: 'v-1',
      region: '70',
      regionCode: '7000000000000',
      jobName: 'Подсобный рабочий',
      professionCode: '186223',
      company: { name: 'ООО «Пример»', inn: '7017000001' },
      addresses: [{ location: 'Томская область, г Томск, ул Примерная, 1' }],
      workPlaces: 2,
      quota: true,
      special: false,
      acceptsConvicts: false,
    };
    const draft = referralDraft({
      case: { id: 'C-1', sentence: 'corrective_labor', termMonths: 6, deductionPercent: 10 },
      person: {
        caseId: 'C-1',
        lastName: 'Примеров',
        firstName: 'Иван',
        middleName: 'Петрович',
        phone: '+7 900 000-00-01',
      },
      vacancy,
      date: '2026-11-23',
    });
    const text = draft.blocks
      .map((b) => ('text' in b ? b.text : 'lines' in b ? b.lines.join(' ') : `${b.left} ${b.right}`))
      .join('\n');
    expect(text).toMatch(/ПРЕДПИСАНИЕ/);
    expect(text).toMatch(/Руководителю ООО «Пример»/);
    expect(text).toMatch(
      /Примеров Иван Петрович для отбывания наказания в виде исправительных работ сроком 6 месяцев с удержанием 10 %/,
    );
    expect(text).toMatch(/не позднее 5 дней со дня получения предписания \(статья 46 УИК РФ\)/);
    expect(text).toMatch(/от 23\.11\.2026/);
    expect(text).not.toMatch(/\+7 900/);
    const docx = await referralDocx(draft.blocks, draft.title);
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(xml).toContain('ПРЕДПИСАНИЕ');
    expect(xml).toContain('Подсобный рабочий');
  });
});
