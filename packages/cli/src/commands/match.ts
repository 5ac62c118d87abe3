import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import {
  type MatchCase,
  type MatchOutcome,
  matchCases,
  parseMatchCases,
  plural,
  today,
  type Vacancy,
} from '@uii/domain';
import { checkFeed, FeedUnreadableError, readFileChunks } from '@uii/feeds';
import { type Command, Option } from 'commander';
import { group, output, UsageError } from '../program';
import { cliDate } from './case-stack';
import { readRows } from './deadlines';

/** `uii match --json`: the public contract of issue 10, exactly these fields. */
export function matchJson(outcome: MatchOutcome) {
  const p = ({ vacancyId, score, reasons }: { vacancyId: string; score: number; reasons: string[] }) => ({
    vacancyId,
    score,
    reasons,
  });
  return {
    assignments: outcome.assignments.map((a) => ({ caseId: a.caseId, ...p(a) })),
    shortlists: Object.fromEntries(Object.entries(outcome.shortlists).map(([id, list]) => [id, list.map(p)])),
    unmatched: outcome.unmatched.map(({ caseId, why }) => ({ caseId, why })),
    quality: outcome.quality,
  };
}

function assertFile(file: string, what: string): string {
  if (!existsSync(file)) throw new UsageError(`${what}: файл не найден / no such file: ${file}`);
  if (statSync(file).isDirectory()) throw new UsageError(`${what}: это каталог, а не файл: ${file}`);
  return file;
}

/** Cases from JSON (array per DOMAIN.md) or CSV with the same column names. */
export function readCases(file: string): { cases: MatchCase[]; errors: string[] } {
  const rows = readRows(file, readFileSync(assertFile(file, '--cases')));
  const { cases, errors } = parseMatchCases(
    rows.map((r) => r.cells),
    (i) => rows[i]!.row,
  );
  const name = basename(file);
  const where = file.toLowerCase().endsWith('.json') ? 'запись' : 'строка';
  return {
    cases,
    errors: errors.map(
      (e) =>
        `${name}, ${where} ${e.row}${e.caseId ? ` (дело ${e.caseId})` : ''}, поле ${e.field}: ${e.message}`,
    ),
  };
}

/** Every valid vacancy of a feed file, in any format feed intake reads; duplicates resolved as intake does. */
export async function readVacancies(file: string): Promise<{ vacancies: Vacancy[]; rejected: number }> {
  const seen: Array<{ v: Vacancy; seq: number }> = [];
  try {
    const { report, tally } = await checkFeed(readFileChunks(assertFile(file, '--vacancies')), {
      onVacancy: (v, seq) => {
        seen.push({ v, seq });
      },
    });
    return {
      vacancies: seen.filter(({ v, seq }) => tally.isWinner(v.id, seq)).map((x) => x.v),
      rejected: report.rejected,
    };
  } catch (error) {
    if (error instanceof FeedUnreadableError)
      throw new UsageError(`${basename(file)}: ${error.message}`, { cause: error });
    throw error;
  }
}

function human(outcome: MatchOutcome, cases: MatchCase[], byId: Map<string, Vacancy>): string {
  const lines: string[] = [];
  const assigned = new Map(outcome.assignments.map((a) => [a.caseId, a]));
  const unmatched = new Map(outcome.unmatched.map((u) => [u.caseId, u.why]));
  const order = [...cases].sort((a, b) => a.daysLeft - b.daysLeft || a.id.localeCompare(b.id));
  const title = (id: string) => {
    const v = byId.get(id);
    return v ? `${v.jobName} — ${v.company.name ?? 'работодатель не указан'}` : id;
  };
  for (const c of order) {
    const left =
      c.daysLeft < 0
        ? 'срок прошёл'
        : `осталось ${c.daysLeft} ${plural(c.daysLeft, ['день', 'дня', 'дней'])}`;
    lines.push(`Дело ${c.id} (${left})`);
    const a = assigned.get(c.id);
    if (a) lines.push(`  В плане: ${title(a.vacancyId)} [${a.vacancyId}] — ${a.reasons.join(', ')}`);
    else lines.push(`  Не распределено: ${unmatched.get(c.id)}`);
    const list = outcome.shortlists[c.id] ?? [];
    list.forEach((p, i) => {
      lines.push(
        `  ${i + 1}. ${title(p.vacancyId)} [${p.vacancyId}], оценка ${String(p.score).replace('.', ',')}: ${p.reasons.join(', ')}`,
      );
    });
    const why = outcome.explanations[c.id];
    if (why && a) lines.push(`  Пояснение: ${why}`);
  }
  const q = outcome.quality;
  lines.push(
    '',
    `Распределено ${outcome.assignments.length} из ${cases.length}; качество плана ${String((q.ratio * 100).toFixed(2)).replace('.', ',')} % от верхней оценки оптимума`,
  );
  return lines.join('\n');
}

export function register(program: Command): void {
  const match = group(program, 'match', 'подбор вакансий для осуждённых / match cases to vacancies')
    .option('--cases <file>', 'дела: JSON-массив (DOMAIN.md) или CSV с теми же столбцами')
    .option('--vacancies <file>', 'лента вакансий в любом формате приёма лент (JSON, JSONL, CSV, XML, XLSX)')
    .option('--top <n>', 'сколько вакансий предложить каждому', '5')
    .option('--radius <km>', 'радиус поиска, км (по умолчанию 30)')
    .option('--as-of <дата>', 'дата подбора, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД (по умолчанию сегодня)')
    .addOption(
      new Option(
        '--acceptance <mode>',
        'какие работодатели: open — любые, strict — квота, партнёр или social_protected',
      ).choices(['open', 'strict']),
    )
    .option('--json', 'machine-readable output')
    .action(
      async (opts: {
        cases?: string;
        vacancies?: string;
        top: string;
        radius?: string;
        asOf?: string;
        acceptance?: 'open' | 'strict';
        json?: boolean;
      }) => {
        if (!opts.cases || !opts.vacancies)
          throw new UsageError(
            'нужны оба файла: --cases <файл> и --vacancies <файл> / both --cases and --vacancies are required',
          );
        const top = Number(opts.top);
        if (!Number.isInteger(top) || top < 1 || top > 100)
          throw new UsageError(`--top: целое число от 1 до 100, а не «${opts.top}»`);
        const radius = opts.radius === undefined ? undefined : Number(opts.radius.replace(',', '.'));
        if (radius !== undefined && !(radius > 0 && radius <= 1000))
          throw new UsageError(`--radius: число километров от 1 до 1000, а не «${opts.radius}»`);
        // The same dates as every other command: ДД.ММ.ГГГГ or ГГГГ-ММ-ДД, and a real day.
        const asOf = opts.asOf === undefined ? today() : cliDate(opts.asOf, '--as-of');

        const { cases, errors } = readCases(opts.cases);
        const { vacancies } = await readVacancies(opts.vacancies);
        const outcome = matchCases({
          cases,
          vacancies,
          asOf,
          settings: {
            top,
            ...(radius ? { radiusKm: radius } : {}),
            ...(opts.acceptance ? { acceptance: opts.acceptance } : {}),
          },
        });
        const byId = new Map(vacancies.map((v) => [v.id, v]));
        output(opts.json, matchJson(outcome), () => human(outcome, cases, byId));
        for (const n of outcome.notes)
          process.stderr.write(`Дело ${n.caseId}, поле ${n.field}: ${n.message}\n`);
        if (errors.length) {
          for (const e of errors) process.stderr.write(`${e}\n`);
          throw new UsageError(
            `${basename(opts.cases)}: ${errors.length} ${plural(errors.length, ['ошибка', 'ошибки', 'ошибок'])} во входных данных; подобрано для остальных дел (${cases.length})`,
          );
        }
      },
    );

  match
    .command('referral')
    .description('предписание о направлении на работу (DOCX) / referral draft')
    .argument('<caseId>')
    .argument('<vacancyId>')
    .option('--out <file>', 'куда записать .docx (по умолчанию predpisanie-<дело>-<вакансия>.docx)')
    .option('--vacancies <file>', 'взять вакансию из файла ленты, а не из снимков стенда')
    .option('--record', 'записать событие referral_issued (место будет удержано)')
    .action(
      async (
        caseId: string,
        vacancyId: string,
        opts: { out?: string; vacancies?: string; record?: boolean },
      ) => {
        const { referralCommand } = await import('./match-referral');
        await referralCommand(caseId, vacancyId, opts);
      },
    );

  match
    .command('profile')
    .description(
      'профиль подбора дела: показать или записать (адрес, профессии, образование, запреты) / matching profile',
    )
    .argument('<caseId>')
    .option('--file <profile.json>', 'весь профиль из JSON-файла (поля как во входе uii match --cases)')
    .option('--lat <число>', 'широта дома')
    .option('--lng <число>', 'долгота дома')
    .option('--locality <текст>', 'населённый пункт (когда координат нет)')
    .option('--professions <коды>', 'коды профессий ОКПДТР через запятую')
    .option('--skills <список>', 'профессии и навыки через «;» («подсобный рабочий; грузчик»)')
    .option('--education <текст>', 'образование («Среднее», «Среднее профессиональное»…)')
    .option('--experience <лет>', 'стаж работы, лет')
    .option('--bans <коды>', 'запреты суда: driving, children, money, security, medicine')
    .option('--declined <ids>', 'вакансии, от которых осуждённый отказался, через запятую')
    .option('--no-rematch', 'не запрашивать повторный подбор')
    .option('--json', 'machine-readable output')
    .action(async (caseId: string, _opts: unknown, command: Command) => {
      // `--json` is also an option of `uii match` itself, which takes it first.
      const opts = command.optsWithGlobals<import('./match-profile').ProfileFlags>();
      const { profileCommand } = await import('./match-profile');
      await profileCommand(caseId, opts);
    });
}
