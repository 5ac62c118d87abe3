import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { CaseStore, eventIdOf } from '@uii/aws/case-store';
import {
  CALENDAR_2025,
  CALENDAR_2026,
  CalendarDataError,
  type CalendarYear,
  type Clocks,
  caseFromRow,
  computeClocks,
  covers,
  createCalendar,
  DEFAULT_CALENDAR,
  type Deadline,
  type ImportError,
  type ImportedCase,
  importColumnOf,
  isIsoDate,
  loadCalendarYear,
  type ProductionCalendar,
  parseScenario,
  project,
  publicOutput,
  ruDate,
  ruleFor,
  runScenario,
  ScenarioError,
  today,
} from '@uii/domain';
import { control, localRuntime } from '@uii/local/client';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { group, output, UsageError } from '../program';

const ACTOR_RU: Record<Deadline['actor'], string> = {
  inspection: 'инспекция',
  convict: 'осуждённый',
  employment_service: 'центр занятости',
  worksite: 'объект',
};

/** Two lines per clock: what must be done and by whom, then the term, its state and the law. */
function deadlineLines(d: Deadline): string[] {
  let state: string;
  if (d.status === 'met') state = `выполнен ${ruDate(d.metOn ?? d.due)}`;
  else if (d.status === 'overdue') state = `ПРОСРОЧЕН на ${-(d.daysLeft ?? 0)} дн.`;
  else state = d.daysLeft === 0 ? 'последний день сегодня' : `осталось ${d.daysLeft} дн.`;
  const title = ruleFor(d.rule, d.trigger)?.title_ru;
  const pad = ' '.repeat(17);
  return [
    `  ${d.rule.padEnd(17)} ${title ? `${title} — ` : ''}${ACTOR_RU[d.actor]}`,
    `  ${pad} с ${ruDate(d.trigger)} до ${ruDate(d.due)} вкл.  ${state.padEnd(24)} ${d.source}`,
  ];
}

/** Russian text for a person at a terminal: every clock with its days left, then findings. */
export function humanClocks(
  caseId: string,
  asOf: string,
  clocks: Clocks,
  calendar?: ProductionCalendar,
): string {
  const lines = [`Дело ${caseId} на ${ruDate(asOf)}`];
  lines.push(clocks.deadlines.length ? 'Сроки:' : 'Сроков нет.');
  lines.push(...clocks.deadlines.flatMap(deadlineLines));
  if (clocks.findings.length) {
    lines.push('Выводы:');
    lines.push(...clocks.findings.map((f) => `  ${ruDate(f.date)}  ${f.rule}: ${f.message}`));
  }
  if (clocks.nextActionDate) lines.push(`Следующее напоминание: ${ruDate(clocks.nextActionDate)}`);
  if (calendar) {
    // Working days of a year without decree data are approximate: the officer should know.
    const years = new Set(
      [...clocks.deadlines.flatMap((d) => [d.trigger, d.due]), ...clocks.findings.map((f) => f.date)]
        .filter((d) => !covers(calendar, d))
        .map((d) => d.slice(0, 4)),
    );
    if (years.size)
      lines.push(
        `Внимание: нет производственного календаря на ${[...years].sort().join(', ')} г.; рабочие дни посчитаны без переносов выходных (календарь: --calendar <файл>)`,
      );
  }
  return lines.join('\n');
}

export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${file}: файл не прочитан / cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      { cause: error },
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${file}: это не JSON / not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
}

async function deadlinesCommand(file: string, opts: { json?: boolean; calendar?: string[] }): Promise<void> {
  const raw = await readJsonFile(file);
  const extraYears: CalendarYear[] = [];
  for (const path of opts.calendar ?? []) {
    try {
      extraYears.push(loadCalendarYear(await readJsonFile(path)));
    } catch (error) {
      if (error instanceof CalendarDataError)
        throw new UsageError(`${path}: ${error.message}`, { cause: error });
      throw error;
    }
  }
  const calendar = extraYears.length
    ? createCalendar([CALENDAR_2025, CALENDAR_2026, ...extraYears])
    : DEFAULT_CALENDAR;
  let scenario: ReturnType<typeof parseScenario>;
  try {
    scenario = parseScenario(raw);
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(`${file}: ${error.message}`, { cause: error });
    throw error;
  }
  const clocks = runScenario(scenario, calendar);
  output(opts.json, publicOutput(clocks), () =>
    humanClocks(scenario.case.id, scenario.asOf, clocks, calendar),
  );
}

// ---------------------------------------------------------------- case store (local stack or AWS)

/**
 * The local stack's table and clock when `npm start` runs (found through .local/runtime.json),
 * else the AWS table named by TABLE_NAME and the real today.
 */
async function openCaseStore(): Promise<{ store: CaseStore; today: string }> {
  const info = localRuntime();
  if (info) {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = info.endpoints.dynamodb;
    process.env.AWS_REGION = info.region;
    process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
    const clock = await control<{ today: string }>(info, 'GET', '/clock').catch(() => ({ today: today() }));
    return { store: new CaseStore(info.env.TABLE_NAME ?? 'main'), today: clock.today };
  }
  if (process.env.TABLE_NAME) return { store: new CaseStore(process.env.TABLE_NAME), today: today() };
  throw new UsageError(
    'нет локального стенда (запустите npm start) и не задан TABLE_NAME / no local stack and no TABLE_NAME',
  );
}

// ---------------------------------------------------------------- uii case import

/** Excel writes CSV as Windows-1251 in Russian locales; modern tools write UTF-8. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(bytes, 'win1251');
  }
}

/** Rows of an officer's file with their 1-based row numbers (CSV: the header is row 1). */
export function readRows(
  file: string,
  bytes: Buffer,
): Array<{ row: number; cells: Record<string, unknown> }> {
  const text = decodeText(bytes);
  if (extname(file).toLowerCase() === '.json') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
    const list = Array.isArray(json) ? json : (json as { cases?: unknown } | null)?.cases;
    if (!Array.isArray(list))
      throw new UsageError(`${file}: expected an array of cases (or {"cases": [...]})`);
    return list.map((cells, i) => ({ row: i + 1, cells: (cells ?? {}) as Record<string, unknown> }));
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    const records = parseCsv(text, {
      columns: true,
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
    return records.map(({ record, info }) => ({ row: info.lines, cells: record }));
  } catch (error) {
    throw new UsageError(`${file}: CSV cannot be read (${(error as Error).message})`, { cause: error });
  }
}

export interface ImportReport {
  file: string;
  rows: number;
  imported: number;
  failed: number;
  unknownColumns: string[];
  errors: ImportError[];
}

async function importCommand(file: string, opts: { json?: boolean }): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new UsageError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: error,
    });
  }
  const rows = readRows(file, bytes);
  const unknownColumns = [
    ...new Set(rows.flatMap((r) => Object.keys(r.cells)).filter((h) => !importColumnOf(h))),
  ];
  const errors: ImportError[] = [];
  const good: ImportedCase[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const result = caseFromRow(cells, row);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const earlier = seen.get(result.value.case.id);
    if (earlier !== undefined) {
      errors.push({ row, field: 'id', message: `duplicate of row ${earlier}` });
      continue;
    }
    seen.set(result.value.case.id, row);
    good.push(result.value);
  }

  const opened = good.length ? await openCaseStore() : undefined;
  const store = opened?.store;
  const bar =
    good.length >= 200 && !opts.json
      ? new SingleBar({ format: 'Импорт дел [{bar}] {value}/{total}', stream: process.stderr })
      : undefined;
  bar?.start(good.length, 0);
  let imported = 0;
  const asOf = opened?.today ?? today();
  const queue = [...good];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      try {
        await store!.putCase(item.case, item.person);
        if (item.courtOrderReceived) {
          const event = { type: 'court_order_received' as const, date: item.courtOrderReceived };
          await store!.appendEvent(
            item.case.id,
            { eventId: eventIdOf(item.case.id, event), event, source: 'cli' },
            (c, events) => {
              const plain = events.map((e) => e.event);
              return project(c, plain, asOf, computeClocks(c, plain, asOf));
            },
          );
        }
        imported++;
      } catch (error) {
        errors.push({ row: item.row, field: '(write)', message: (error as Error).message });
      }
      bar?.increment();
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  bar?.stop();
  errors.sort((a, b) => a.row - b.row);
  const report: ImportReport = {
    file,
    rows: rows.length,
    imported,
    failed: new Set(errors.map((e) => e.row)).size,
    unknownColumns,
    errors,
  };
  output(opts.json, report, () => {
    const lines = [`${file}: строк ${report.rows}, импортировано ${imported}, с ошибками ${report.failed}`];
    if (unknownColumns.length) lines.push(`Неизвестные столбцы (пропущены): ${unknownColumns.join(', ')}`);
    for (const e of errors.slice(0, 50)) lines.push(`  строка ${e.row}, ${e.field}: ${e.message}`);
    if (errors.length > 50) lines.push(`  … и ещё ${errors.length - 50} (все: --json)`);
    return lines.join('\n');
  });
  if (errors.length) process.exitCode = 2;
}

// ---------------------------------------------------------------- uii case show

async function showCommand(id: string, opts: { json?: boolean; asOf?: string }): Promise<void> {
  if (opts.asOf && !isIsoDate(opts.asOf)) throw new UsageError(`--as-of: must be a real date YYYY-MM-DD`);
  const { store, today: stackToday } = await openCaseStore();
  const asOf = opts.asOf ?? stackToday;
  const stored = await store.getCase(id);
  if (!stored) throw new UsageError(`дело ${id} не найдено / case not found`);
  const events = await store.listEvents(id);
  const clocks = computeClocks(
    stored.case,
    events.map((e) => e.event),
    asOf,
  );
  output(
    opts.json,
    {
      case: stored.case,
      asOf,
      events: events.map((e) => ({ eventId: e.eventId, source: e.source, ...e.event })),
      deadlines: clocks.deadlines,
      findings: clocks.findings,
      nextActionDate: clocks.nextActionDate,
    },
    () => {
      const lines = [`События (${events.length}):`];
      for (const e of events) {
        const { type, date, ...rest } = e.event;
        const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
        lines.push(`  ${ruDate(date)}  ${type}${extra}`);
      }
      return `${lines.join('\n')}\n${humanClocks(id, asOf, clocks)}`;
    },
  );
}

export function register(program: Command): void {
  program
    .command('deadlines')
    .description('сроки дела по сценарию (без AWS) / compute deadlines for a scenario file')
    .argument('<scenario.json>', '{"case": {...}, "events": [...], "asOf": "YYYY-MM-DD"}')
    .option('--json', 'JSON: {deadlines:[{rule,due,status,source}], findings:[{rule,date,message}]}')
    .option(
      '--calendar <file...>',
      'production calendar years beyond 2025–2026 ({year, decree, nonWorking[], workingWeekends[]})',
    )
    .action(deadlinesCommand);

  const cases = group(program, 'case', 'дела осуждённых / cases');
  cases
    .command('import')
    .description('импорт дел из таблицы инспектора (CSV UTF-8/Windows-1251, «;» или «,»; или JSON)')
    .argument('<file>', 'file.csv | file.json (columns: docs/cases-import.md)')
    .option('--json', 'print the summary as JSON')
    .action(importCommand);
  cases
    .command('show')
    .description('события, открытые сроки и выводы по делу / events, open clocks, findings')
    .argument('<id>', 'case id')
    .option('--json', 'JSON output')
    .option('--as-of <date>', 'compute for this day (default: today, Moscow)')
    .action(showCommand);
}
