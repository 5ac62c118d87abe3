import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  echoRu,
  type MatchCase,
  type MatchOutcome,
  matchCases,
  parseMatchCases,
  plural,
  RECORDS_KIND_RU,
  type RecordsKind,
  recordsKind,
  today,
  type Vacancy,
} from '@uii/domain';
import { checkFeed, EmptyFeedError, FeedUnreadableError, readFileChunks } from '@uii/feeds';
import { jsonErrorRu } from '@uii/feeds/readers/json';
import { type Command, Option } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { group, output, UsageError } from '../program';
import { caseIdArg, vacancyIdArg } from './case-id';
import { cliDate } from './case-stack';
import { decodeText } from './deadlines';

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
  if (!existsSync(file)) throw new UsageError(`${what}: файл не найден: ${file}`);
  if (statSync(file).isDirectory()) throw new UsageError(`${what}: это каталог, а не файл: ${file}`);
  return file;
}

/** A file that holds some other kind of record than the option asks for (say, the two files swapped). */
export class WrongFileKindError extends UsageError {
  constructor(
    message: string,
    readonly kind: RecordsKind,
  ) {
    super(message);
  }
}

const CASES_EXPECTED =
  'ожидается список дел — JSON-массив (DOMAIN.md, «вход подбора») или CSV со столбцами id, region, daysLeft…';
const JSON_TYPE_RU = (v: unknown) =>
  v === null
    ? 'null'
    : typeof v === 'string'
      ? 'строка'
      : typeof v === 'number'
        ? 'число'
        : typeof v === 'boolean'
          ? 'true/false'
          : 'значение';

/** A JSON.parse error in Russian with its line and character («строка 3, символ 7») when V8 gives its position. */
function jsonErrorAt(text: string, message: string): string {
  const what = jsonErrorRu(message)
    .replace(/ \(символ \d+\)$/, '')
    .replace('кавычка в строке', 'кавычка');
  const at = /position (\d+)/.exec(message)?.[1];
  if (at === undefined) return what;
  const lines = text.slice(0, Number(at)).split('\n');
  return `${what} (строка ${lines.length}, символ ${lines[lines.length - 1]!.length + 1})`;
}

/** CSV rows with their line numbers (the header is row 1); `;`, `,`, `|` or tab, whichever the header uses most. */
function csvRows(name: string, text: string): Array<{ row: number; cells: unknown }> {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', ',', '|', '\t'].reduce((best, d) =>
    header.split(d).length > header.split(best).length ? d : best,
  );
  try {
    const records = parseCsv(text, {
      columns: (names: string[]) => names.map((h) => h.replace(/^\uFEFF/, '').trim()),
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      trim: true,
      info: true,
    }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
    return records.map(({ record, info }) => ({ row: info.lines, cells: record }));
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new UsageError(`${name}: CSV не читается${line ? ` (строка ${line})` : ''}: ${CASES_EXPECTED}`, {
      cause: error,
    });
  }
}

/**
 * The records of a cases file with their row numbers: a JSON array (or `{"cases": […]}`) or
 * CSV. Anything else is refused in Russian naming the file and what it holds: an empty file,
 * broken JSON, a JSON object or scalar, Excel, XML, a Rostrud vacancy envelope.
 */
function caseFileRows(file: string, bytes: Buffer): Array<{ row: number; cells: unknown }> {
  const name = basename(file);
  if (bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x4b)
    throw new UsageError(
      `${name} — файл Excel или архив zip, а ${CASES_EXPECTED} (сохраните таблицу как CSV)`,
    );
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)
    throw new UsageError(`${name} — архив gzip, а ${CASES_EXPECTED} (распакуйте его)`);
  const text = decodeText(bytes, name).replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  if (first === undefined) throw new UsageError(`файл ${name} пуст: ${CASES_EXPECTED}`);
  if (first === '<')
    throw new WrongFileKindError(
      `в файле ${name} нет дел: это XML (так приходят ленты вакансий, их место — --vacancies); ${CASES_EXPECTED}`,
      'vacancies',
    );
  if (first === '[' || first === '{' || extname(file).toLowerCase() === '.json') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const lines = jsonLines(text);
      if (lines) return lines;
      throw new UsageError(`${name} — не JSON: ${jsonErrorAt(text, (error as Error).message)}`, {
        cause: error,
      });
    }
    if (Array.isArray(json)) return json.map((cells, i) => ({ row: i + 1, cells }));
    if (!json || typeof json !== 'object')
      throw new UsageError(`в файле ${name} ${JSON_TYPE_RU(json)} вместо массива дел: ${CASES_EXPECTED}`);
    const obj = json as Record<string, unknown>;
    if (Array.isArray(obj.cases)) return obj.cases.map((cells, i) => ({ row: i + 1, cells }));
    const results = obj.results as { vacancies?: unknown } | undefined;
    if (Array.isArray(results?.vacancies) || Array.isArray(obj.vacancies))
      throw wrongKind(name, 'cases', 'vacancies', []);
    const { kind, fields } = recordsKind([obj]);
    if (kind === 'cases')
      throw new UsageError(
        `в файле ${name} одно дело в виде объекта, а нужен массив дел: заключите запись в квадратные скобки [ … ]`,
      );
    if (kind !== 'unknown') throw wrongKind(name, 'cases', kind, fields);
    throw new UsageError(
      `в файле ${name} JSON-объект${fields.length ? ` (поля ${fields.join(', ')})` : ''}, а ${CASES_EXPECTED}`,
    );
  }
  return csvRows(name, text);
}

/** JSON lines (one object a line, as JSONL feeds come), or undefined when the text is not that. */
function jsonLines(text: string): Array<{ row: number; cells: unknown }> | undefined {
  const out: Array<{ row: number; cells: unknown }> = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    if (!line.startsWith('{')) return undefined;
    try {
      out.push({ row: i + 1, cells: JSON.parse(line) });
    } catch {
      return undefined;
    }
  }
  return out.length > 1 ? out : undefined;
}

const WHERE_IT_GOES: Record<'cases' | 'vacancies', string> = {
  cases: 'дела передаются в --cases',
  vacancies: 'вакансии передаются в --vacancies',
};

/** «в файле vacancies.json нет вакансий: похоже, это список дел для подбора (…); дела передаются в --cases». */
function wrongKind(
  name: string,
  expected: 'cases' | 'vacancies',
  found: RecordsKind,
  fields: readonly string[],
): WrongFileKindError {
  const none = expected === 'cases' ? 'нет дел' : 'нет вакансий';
  if (found === 'unknown')
    return new WrongFileKindError(
      `в файле ${name} ${none}: у записей поля ${fields.join(', ') || '(нет полей)'}; ${
        expected === 'cases'
          ? CASES_EXPECTED
          : 'ожидается лента вакансий «Работа России» (id, job-name, region…)'
      }`,
      found,
    );
  const hint = found === 'cases' || found === 'vacancies' ? `; ${WHERE_IT_GOES[found]}` : '';
  return new WrongFileKindError(
    `в файле ${name} ${none}: похоже, это ${RECORDS_KIND_RU[found]}${hint}`,
    found,
  );
}

/** Cases from JSON (array per DOMAIN.md) or CSV with the same column names. */
export function readCases(file: string): { cases: MatchCase[]; errors: string[] } {
  const rows = caseFileRows(file, readFileSync(assertFile(file, '--cases')));
  const name = basename(file);
  if (!rows.length) throw new UsageError(`в файле ${name} нет ни одного дела: ${CASES_EXPECTED}`);
  if (rows.every(({ cells }) => !cells || typeof cells !== 'object' || Array.isArray(cells)))
    throw new UsageError(
      `в файле ${name} список без записей дел (${rows.length} ${plural(rows.length, ['значение', 'значения', 'значений'])}, ни одного объекта {…}): ожидаются записи с полями id, region, daysLeft…`,
    );
  const { kind, fields } = recordsKind(rows.map((r) => r.cells));
  // Records with an id and nothing else we know are cases with missing fields: said row by row.
  if (kind !== 'cases' && !(kind === 'unknown' && fields.includes('id')))
    throw wrongKind(name, 'cases', kind, fields);
  const { cases, errors } = parseMatchCases(
    rows.map((r) => r.cells ?? {}),
    (i) => rows[i]!.row,
  );
  const where = file.toLowerCase().endsWith('.json') ? 'запись' : 'строка';
  return {
    cases,
    errors: errors.map(
      (e) =>
        `${name}, ${where} ${e.row}${e.caseId ? ` (дело ${echoRu(e.caseId).slice(1, -1)})` : ''}, поле ${e.field.replace(/\.(\d+)$/, (_, i) => ` (№ ${Number(i) + 1})`)}: ${e.message}`,
    ),
  };
}

/** Files up to this size are read whole to tell what they hold when no vacancy was found in them. */
const SNIFF_MAX_BYTES = 64 * 1024 * 1024;

/** What a file that gave no vacancy holds, when it can be told (records of a cases file, say). */
function sniffKind(file: string): { kind: RecordsKind; fields: string[] } | undefined {
  try {
    if (statSync(file).size > SNIFF_MAX_BYTES) return undefined;
    const rows = caseFileRows(file, readFileSync(file));
    return rows.length ? recordsKind(rows.map((r) => r.cells)) : undefined;
  } catch (error) {
    return error instanceof WrongFileKindError ? { kind: error.kind, fields: [] } : undefined;
  }
}

/** Every valid vacancy of a feed file, in any format feed intake reads; duplicates resolved as intake does. */
export async function readVacancies(file: string): Promise<{ vacancies: Vacancy[]; rejected: number }> {
  const seen: Array<{ v: Vacancy; seq: number }> = [];
  const name = basename(file);
  const notVacancies = () => {
    const found = sniffKind(file);
    return found && found.kind !== 'vacancies' && found.kind !== 'unknown'
      ? wrongKind(name, 'vacancies', found.kind, found.fields)
      : undefined;
  };
  let checked: Awaited<ReturnType<typeof checkFeed>>;
  try {
    checked = await checkFeed(readFileChunks(assertFile(file, '--vacancies')), {
      onVacancy: (v, seq) => {
        seen.push({ v, seq });
      },
    });
  } catch (error) {
    if (error instanceof EmptyFeedError)
      throw new UsageError(
        `файл ${name} пуст: ожидается лента вакансий (JSON, JSONL, CSV, XML или XLSX «Работы России»)`,
        { cause: error },
      );
    if (error instanceof FeedUnreadableError)
      throw (
        notVacancies() ??
        new UsageError(`${name}: ${error.message.replace(/ \/ [^/а-яё]*$/i, '')}`, { cause: error })
      );
    throw error;
  }
  const { report, tally } = checked;
  const vacancies = seen.filter(({ v, seq }) => tally.isWinner(v.id, seq)).map((x) => x.v);
  if (!vacancies.length) {
    const wrong = notVacancies();
    if (wrong) throw wrong;
    if (!report.total) throw new UsageError(`в файле ${name} нет ни одной вакансии`);
    const e = report.errors.find((x) => x.row > 0) ?? report.errors[0];
    const n = report.rejected;
    throw new UsageError(
      `в файле ${name} нет ни одной годной вакансии: ${n === 1 ? 'единственная запись отклонена' : `все ${n} ${plural(n, ['запись', 'записи', 'записей'])} отклонены`}${
        e ? `; первая ошибка — запись ${e.row}, поле ${e.field}: ${e.message}` : ''
      } (подробно: uii feed check ${name})`,
    );
  }
  return { vacancies, rejected: report.rejected };
}

/** Cases of `--cases`; when that file holds vacancies and `--vacancies` holds cases, says the two are swapped. */
function readCasesOrSwapped(casesFile: string, vacanciesFile: string): ReturnType<typeof readCases> {
  try {
    return readCases(casesFile);
  } catch (error) {
    if (
      error instanceof WrongFileKindError &&
      error.kind === 'vacancies' &&
      existsSync(vacanciesFile) &&
      sniffKind(vacanciesFile)?.kind === 'cases'
    )
      throw new UsageError(
        `файлы перепутаны: в --cases (${basename(casesFile)}) лента вакансий, а в --vacancies (${basename(vacanciesFile)}) — список дел; поменяйте их местами`,
        { cause: error },
      );
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

        const { cases, errors } = readCasesOrSwapped(opts.cases, opts.vacancies);
        const { vacancies, rejected } = await readVacancies(opts.vacancies);
        if (rejected)
          process.stderr.write(
            `${basename(opts.vacancies)}: ${rejected} ${plural(rejected, ['запись', 'записи', 'записей'])} ленты не ${rejected === 1 ? 'принята' : 'приняты'} (почему — uii feed check ${basename(opts.vacancies)}); подбор по остальным (${vacancies.length})\n`,
          );
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
    .argument('<caseId>', 'номер дела', caseIdArg)
    .argument('<vacancyId>', 'номер вакансии', vacancyIdArg)
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
    .argument('<caseId>', 'номер дела', caseIdArg)
    .option(
      '--file <profile.json>',
      'весь профиль из JSON-файла: поля как во входе uii match --cases (id, daysLeft и другие поля дела не учитываются; можно взять весь файл дел — из него берётся запись этого дела)',
    )
    .option('--lat <число>', 'широта дома')
    .option('--lng <число>', 'долгота дома')
    .option('--locality <текст>', 'населённый пункт (когда координат нет)')
    .option('--professions <коды>', 'коды профессий ОКПДТР (5 или 6 цифр: 186223) через запятую')
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
