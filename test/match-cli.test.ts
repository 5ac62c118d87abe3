import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referralDraft, type Vacancy } from '@uii/domain';
import { describe, expect, it, vi } from 'vitest';
import { register as registerMatch } from '../packages/cli/src/commands/match';
import { referralDocx } from '../packages/cli/src/commands/match-referral';
import { createProgram, exitCodeOf } from '../packages/cli/src/program';

const ROOT = join(import.meta.dirname, '..');
const uii = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'packages/cli/bin/uii.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
const TOMSK_FEED = join(ROOT, 'events/feeds/demo-tomsk.json');
const CASES = join(ROOT, 'events/match/cases.json');

/**
 * `uii match …` in this process (the program main.ts builds, stdout and stderr captured, the
 * exit code main.ts would set): the bin costs ≈ 2 s a run, these checks are many.
 */
async function uiiHere(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const program = createProgram();
  registerMatch(program);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'uii', ...args]);
    return { status: 0, stdout, stderr };
  } catch (error) {
    stderr += `uii: ${(error as Error).message}\n`;
    return { status: exitCodeOf(error), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** English words of a message that should have been Russian. */
const ENGLISH = /\b(expected|array|cannot|file|empty|no such|unknown|invalid|required|layout|not)\b/i;

/** A fresh directory with the given files. */
function files(contents: Record<string, string | Buffer>): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), 'uii-match-'));
  for (const [name, body] of Object.entries(contents)) writeFileSync(join(dir, name), body);
  return (name) => join(dir, name);
}

/** Cases nobody has seen: ids, regions and days from a seed, as JSON and as CSV. */
function unseenCases(seed: number, n: number) {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x;
  };
  const cases = Array.from({ length: n }, () => ({
    id: `К-${next() % 100000}`,
    region: String(10 + (next() % 80)),
    lat: 50 + (next() % 1000) / 100,
    lng: 40 + (next() % 2000) / 100,
    skills: [['грузчик', 'дворник', 'повар', 'сварщик'][next() % 4]!],
    daysLeft: next() % 15,
  }));
  const csv = [
    'id;region;lat;lng;skills;daysLeft',
    ...cases.map((c) => [c.id, c.region, c.lat, c.lng, c.skills.join(','), c.daysLeft].join(';')),
  ].join('\n');
  return { json: JSON.stringify(cases), csv };
}

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

describe('uii match refuses a file that holds the wrong thing, in Russian, exit 2', {
  timeout: 60_000,
}, () => {
  it('the two files swapped, or the same kind in both: names the file and what it holds', async () => {
    const swapped = await uiiHere('match', '--cases', TOMSK_FEED, '--vacancies', CASES);
    expect(swapped.status).toBe(2);
    expect(swapped.stderr).toContain(
      'файлы перепутаны: в --cases (demo-tomsk.json) лента вакансий, а в --vacancies (cases.json) — список дел; поменяйте их местами',
    );
    const bothCases = await uiiHere('match', '--cases', CASES, '--vacancies', CASES);
    expect(bothCases.status).toBe(2);
    expect(bothCases.stderr).toMatch(/в файле cases\.json нет вакансий: похоже, это список дел/);
    expect(bothCases.stdout).toBe('');
    const bothFeeds = await uiiHere('match', '--cases', TOMSK_FEED, '--vacancies', TOMSK_FEED);
    expect(bothFeeds.status).toBe(2);
    expect(bothFeeds.stderr).toMatch(/в файле demo-tomsk\.json нет дел: похоже, это лента вакансий/);
    // Another command's file: a proposal of places.
    const places = join(ROOT, 'events/places/proposal-tomsk.csv');
    const asCases = await uiiHere('match', '--cases', places, '--vacancies', TOMSK_FEED);
    expect(asCases.stderr).toContain(
      'в файле proposal-tomsk.csv нет дел: похоже, это предложение мест для uii places import',
    );
    const asFeed = await uiiHere('match', '--cases', CASES, '--vacancies', places);
    expect(asFeed.stderr).toContain('в файле proposal-tomsk.csv нет вакансий: похоже, это предложение мест');
    for (const r of [swapped, bothCases, bothFeeds, asCases, asFeed]) {
      expect(r.status).toBe(2);
      expect(r.stderr).not.toMatch(ENGLISH);
    }
  });

  it('on cases and feeds it has not seen, in every format: CSV and JSON cases as the feed, JSONL, CSV, XML, Excel feeds as the cases', async () => {
    for (const seed of [3, 17, 2026]) {
      const { json, csv } = unseenCases(seed, 5 + (seed % 7));
      const at = files({ 'люди.csv': csv, 'people.json': json, 'people.txt': json });
      for (const name of ['люди.csv', 'people.json', 'people.txt']) {
        const r = await uiiHere('match', '--cases', CASES, '--vacancies', at(name));
        expect(r.status, name).toBe(2);
        expect(r.stderr).toContain(`в файле ${name} нет вакансий: похоже, это список дел`);
        expect(r.stderr).not.toMatch(ENGLISH);
      }
    }
    for (const feed of [
      'sample.jsonl',
      'rostrud-dump.csv',
      'excel-cp1251.csv',
      'sample.json',
      'opendata.xml',
      'vacancies.xlsx',
    ]) {
      const r = await uiiHere(
        'match',
        '--cases',
        join(ROOT, 'events/feeds', feed),
        '--vacancies',
        TOMSK_FEED,
      );
      expect(r.status, feed).toBe(2);
      expect(r.stderr, feed).toMatch(new RegExp(`${feed.replace('.', '\\.')}`));
      expect(r.stderr, feed).toMatch(/нет дел: (похоже, это лента вакансий|это XML)|файл Excel/);
      expect(r.stderr, feed).not.toMatch(ENGLISH);
    }
  });

  it('an empty file, blanks, broken JSON, an object, a number, an empty list: each its own message', async () => {
    const one = readFileSync(CASES, 'utf8');
    const at = files({
      'пусто.json': '',
      'пробелы.csv': '  \r\n\n',
      'сломан.json': '[{"id": "C-1", "region": "70",\n  "daysLeft": 3,,}]',
      'текст.json': 'это не JSON',
      'объект.json': '{"inspection": "Томск", "total": 4}',
      'одно.json': JSON.stringify(JSON.parse(one)[0]),
      'число.json': '42',
      'список.json': '[]',
      'заголовок.csv': 'id;region;daysLeft\n',
      'номера.json': '["C-1", "C-2", 3]',
    });
    const expected: Record<string, RegExp> = {
      'пусто.json': /файл пусто\.json пуст: ожидается список дел/,
      'пробелы.csv': /файл пробелы\.csv пуст: ожидается список дел/,
      'сломан.json': /сломан\.json — не JSON: ожидалось имя поля в двойных кавычках \(строка 2, символ \d+\)/,
      'текст.json': /текст\.json — не JSON: неожиданный символ/,
      'объект.json': /в файле объект\.json JSON-объект \(поля inspection, total\), а ожидается список дел/,
      'одно.json':
        /в файле одно\.json одно дело в виде объекта, а нужен массив дел: заключите запись в квадратные скобки/,
      'число.json': /в файле число\.json число вместо массива дел/,
      'список.json': /в файле список\.json нет ни одного дела/,
      'заголовок.csv': /в файле заголовок\.csv нет ни одного дела/,
      'номера.json': /в файле номера\.json список без записей дел \(3 значения, ни одного объекта/,
      'нет-такого.json': /--cases: файл не найден: .*нет-такого\.json$/m,
    };
    for (const [name, message] of Object.entries(expected)) {
      const r = await uiiHere('match', '--cases', at(name), '--vacancies', TOMSK_FEED);
      expect(r.status, name).toBe(2);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr, name).not.toMatch(ENGLISH);
    }
    const feeds: Record<string, RegExp> = {
      'пусто.json': /файл пусто\.json пуст: ожидается лента вакансий/,
      'список.json': /в файле список\.json нет ни одной вакансии/,
      'объект.json': /объект\.json: JSON: записи в незнакомой разметке \(поля: inspection, total\)/,
    };
    for (const [name, message] of Object.entries(feeds)) {
      const r = await uiiHere('match', '--cases', CASES, '--vacancies', at(name));
      expect(r.status, name).toBe(2);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr, name).not.toMatch(ENGLISH);
    }
    // Bad records beside good ones: counted on stderr, the good ones matched.
    const feed = JSON.parse(readFileSync(TOMSK_FEED, 'utf8')) as { results: { vacancies: unknown[] } };
    for (const k of [1, 3, 5]) {
      const good = feed.results.vacancies.length;
      const mixed = {
        ...feed,
        results: {
          vacancies: [
            ...feed.results.vacancies,
            ...Array.from({ length: k }, (_, i) => ({ vacancy: { id: `bad-${i}` } })),
          ],
        },
      };
      const r = await uiiHere(
        'match',
        '--cases',
        CASES,
        '--vacancies',
        files({ 'смесь.json': JSON.stringify(mixed) })('смесь.json'),
        '--as-of',
        '2026-11-23',
        '--json',
      );
      expect(r.status).toBe(0);
      expect(r.stderr).toContain(
        `смесь.json: ${k} ${k === 1 ? 'запись ленты не принята' : `${k < 5 ? 'записи' : 'записей'} ленты не приняты`}`,
      );
      expect(r.stderr).toContain(`подбор по остальным (${good})`);
      expect(JSON.parse(r.stdout).assignments.length).toBeGreaterThan(0);
    }
    // A feed whose every record is bad: said with the first reason, not «нет вакансий» for every case.
    const bad = files({ 'лента.json': JSON.stringify([{ id: 'v-1', 'job-name': '' }, { id: 'v-2' }]) });
    const r = await uiiHere('match', '--cases', CASES, '--vacancies', bad('лента.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /в файле лента\.json нет ни одной годной вакансии: все 2 записи отклонены; первая ошибка — запись 1, поле /,
    );
  });
});

describe('uii match: bad rows of a cases file', { timeout: 60_000 }, () => {
  it('name a list item by its number and quote the value typed, cut to 40 characters; the good rows are matched', async () => {
    const good = JSON.parse(readFileSync(CASES, 'utf8'))[0];
    const longId = 'Д'.repeat(300);
    const at = files({
      'дела.json': JSON.stringify([
        good,
        { ...good, id: 'C-2', bans: ['driving', 'flying'] },
        { ...good, id: longId, region: 'Томская', daysLeft: 'скоро' },
      ]),
    });
    const r = await uiiHere(
      'match',
      '--cases',
      at('дела.json'),
      '--vacancies',
      TOMSK_FEED,
      '--as-of',
      '2026-11-23',
      '--json',
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /дела\.json, запись 2 \(дело C-2\), поле bans \(№ 2\): известные запреты: .* \(указано «flying»\)/,
    );
    const cut = `дела.json, запись 3 (дело ${'Д'.repeat(40)}…)`;
    expect(r.stderr).toContain(`${cut}, поле id: не длиннее 100 символов, указано 300 символов`);
    expect(r.stderr).toContain(`${cut}, поле region: регион — две цифры (70, 77…) (указано «Томская»)`);
    expect(r.stderr).toContain(`${cut}, поле daysLeft: ожидается число (указано «скоро»)`);
    expect(r.stderr).not.toContain('Д'.repeat(41));
    expect(Object.keys(JSON.parse(r.stdout).shortlists)).toEqual([good.id]);
  });
});

describe('uii match profile: what is typed is checked before the stack, in Russian, exit 2', {
  timeout: 60_000,
}, () => {
  it('a case id of 5 000 characters (or blank) is refused up front by every match command that takes one', async () => {
    const long = 'Д'.repeat(5_000);
    for (const args of [
      ['match', 'profile', long],
      ['match', 'profile', long, '--skills', 'грузчик'],
      ['match', 'referral', long, 'v-1'],
    ]) {
      const r = await uiiHere(...args);
      expect(r.status, args.join(' ').slice(-40)).toBe(2);
      expect(r.stderr).toContain(
        `номер дела: не длиннее 100 символов, указано 5\u00a0000 символов («${'Д'.repeat(40)}…»)`,
      );
      expect(r.stderr.length).toBeLessThan(300);
      expect(r.stderr).not.toMatch(/Dynamo|ValidationException|stack/i);
    }
    expect((await uiiHere('match', 'profile', '  ')).stderr).toContain('номер дела: пустое значение');
    const vacancy = await uiiHere('match', 'referral', 'C-17', 'в'.repeat(3_000), '--vacancies', TOMSK_FEED);
    expect(vacancy.status).toBe(2);
    expect(vacancy.stderr).toContain(
      `номер вакансии: не длиннее 200 символов, указано 3\u00a0000 символов («${'в'.repeat(40)}…»)`,
    );
  });

  it('over-long values: the limit and the count, the value cut; codes that are not ОКПДТР named', async () => {
    const r = await uiiHere(
      'match',
      'profile',
      'C-17',
      '--locality',
      'Томск'.repeat(1_000),
      '--professions',
      '186223, сварщик, 1234',
      '--skills',
      `грузчик; ${'у'.repeat(250)}`,
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'поле «населённый пункт»: не длиннее 200 символов, указано 5\u00a0000 символов',
    );
    expect(r.stderr).toMatch(
      /поле «коды профессий ОКПДТР \(№ 2\)»: код ОКПДТР — 5 или 6 цифр \(186223\).* \(указано «сварщик»\)/,
    );
    expect(r.stderr).toMatch(
      /поле «коды профессий ОКПДТР \(№ 3\)»: код ОКПДТР — 5 или 6 цифр \(186223\) \(указано «1234»\)/,
    );
    expect(r.stderr).toContain(
      'поле «профессии и навыки (№ 2)»: не длиннее 200 символов, указано 250 символов',
    );
    expect(r.stderr).toContain('профиль не записан: 4 ошибки');
    expect(r.stderr).not.toContain('ТомскТомскТомскТомскТомскТомскТомскТомскТомск');
    expect(r.stderr).not.toMatch(/Too big|expected|<=/);
  });

  it('--file: the same checks; a record copied from the cases file is read, its case fields named', async () => {
    const record = JSON.parse(readFileSync(CASES, 'utf8'))[1];
    const at = files({
      'p.json': JSON.stringify({ ...record, locality: 'я'.repeat(321) }),
      'пусто.json': '',
      'битый.json': '{"skills": [}',
    });
    const r = await uiiHere('match', 'profile', 'C-18', '--file', at('p.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'p.json, поле «населённый пункт»: не длиннее 200 символов, указано 321 символ',
    );
    expect(r.stderr).toContain('профиль не записан: 1 ошибка'); // id and daysLeft are not errors
    expect(r.stderr).not.toMatch(/неизвестное поле/);
    expect((await uiiHere('match', 'profile', 'C-18', '--file', at('пусто.json'))).stderr).toContain(
      'файл пусто.json пуст: ожидается объект JSON с полями профиля',
    );
    expect((await uiiHere('match', 'profile', 'C-18', '--file', at('битый.json'))).stderr).toMatch(
      /битый\.json — не JSON: /,
    );
    const notThere = await uiiHere('match', 'profile', 'C-99', '--file', CASES);
    expect(notThere.status).toBe(2);
    expect(notThere.stderr).toContain(
      'в файле cases.json список из 4 записей, а записи дела C-99 среди них нет',
    );
    const demo = join(ROOT, 'events/match/demo-profiles.json');
    expect((await uiiHere('match', 'profile', 'C-99', '--file', demo)).stderr).toContain(
      'в файле demo-profiles.json профили других дел, профиля дела C-99 среди них нет',
    );
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
