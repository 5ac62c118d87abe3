import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  CALENDAR_2025,
  CALENDAR_2026,
  CALENDAR_2027,
  CalendarDataError,
  type CalendarYear,
  type CaseEvent,
  type Clocks,
  caseFromRow,
  countRu,
  covers,
  createCalendar,
  DAYS,
  DEFAULT_CALENDAR,
  type Deadline,
  daysLeftRu,
  eventLineRu,
  futureDateReason,
  type ImportError,
  type ImportedCase,
  importColumnOf,
  loadCalendarYear,
  type ProductionCalendar,
  parseScenario,
  publicOutput,
  ruDate,
  ruleFor,
  runScenario,
  ScenarioError,
} from '@uii/domain';
import { decodeText as decodeDetected, UnknownEncodingError } from '@uii/feeds/encoding';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { group, notJsonError, output, UsageError, unreadableError } from '../program';
import { clockStateRu, registerCaseRecord } from './case-record';
import { cliDate, clocksFor, notRecordedRu, openCaseStack, recordThroughQueue } from './case-stack';

const ACTOR_RU: Record<Deadline['actor'], string> = {
  inspection: 'инспекция',
  convict: 'осуждённый',
  employment_service: 'центр занятости',
  worksite: 'объект',
};

/** Two lines per clock: what must be done and by whom, then the term, its state and the law. */
function deadlineLines(d: Deadline): string[] {
  let state: string;
  if (d.metOn) state = clockStateRu(d);
  else if (d.status === 'overdue') state = `ПРОСРОЧЕН на ${countRu(-(d.daysLeft ?? 0), DAYS)}`;
  else state = daysLeftRu(d.daysLeft ?? 0);
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
  const nextAlert = clocks.alertPlan
    .map((a) => a.date)
    .filter((d) => d > asOf)
    .sort()[0];
  if (nextAlert) lines.push(`Следующее напоминание: ${ruDate(nextAlert)}`);
  for (const w of calendarWarnings(asOf, clocks, calendar)) lines.push(`Внимание: ${w}`);
  return lines.join('\n');
}

/**
 * Working days of a year without decree data are approximate: the officer should know
 * (in the text and in `--json` alike).
 */
export function calendarWarnings(
  asOf: string,
  clocks: Clocks,
  calendar: ProductionCalendar = DEFAULT_CALENDAR,
): string[] {
  const years = new Set(
    [asOf, ...clocks.deadlines.flatMap((d) => [d.trigger, d.due]), ...clocks.findings.map((f) => f.date)]
      .filter((d) => !covers(calendar, d))
      .map((d) => d.slice(0, 4)),
  );
  return years.size
    ? [
        `нет производственного календаря на ${[...years].sort().join(', ')} г.; рабочие дни посчитаны без переносов выходных (календарь: --calendar <файл>)`,
      ]
    : [];
}

export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw unreadableError(file, error);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw notJsonError(file, text.replace(/^\uFEFF/, ''), error);
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
    ? createCalendar([CALENDAR_2025, CALENDAR_2026, CALENDAR_2027, ...extraYears])
    : DEFAULT_CALENDAR;
  let scenario: ReturnType<typeof parseScenario>;
  try {
    scenario = parseScenario(raw);
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(`${file}: ${error.message}`, { cause: error });
    throw error;
  }
  const clocks = runScenario(scenario, calendar);
  const warnings = calendarWarnings(scenario.asOf, clocks, calendar);
  output(opts.json, { ...publicOutput(clocks), warnings }, () =>
    humanClocks(scenario.case.id, scenario.asOf, clocks, calendar),
  );
}

// ---------------------------------------------------------------- uii case import

/**
 * Excel writes CSV as Windows-1251 in Russian locales, «Текст Юникод» as UTF-16; modern tools
 * write UTF-8. One detector for feeds, mail and the CLI (`@uii/feeds/encoding`).
 */
export function decodeText(bytes: Buffer, file?: string): string {
  try {
    return decodeDetected(bytes);
  } catch (error) {
    if (error instanceof UnknownEncodingError)
      throw new UsageError(file ? `${file}: ${error.message}` : error.message, { cause: error });
    throw error;
  }
}

/** Rows of an officer's file with their 1-based row numbers (CSV: the header is row 1). */
export function readRows(
  file: string,
  bytes: Buffer,
): Array<{ row: number; cells: Record<string, unknown> }> {
  const text = decodeText(bytes, file);
  if (extname(file).toLowerCase() === '.json') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw notJsonError(file, text, error);
    }
    const list = Array.isArray(json) ? json : (json as { cases?: unknown } | null)?.cases;
    if (!Array.isArray(list))
      throw new UsageError(`${file}: ожидается список дел — [ … ] или {"cases": [ … ]}`);
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
    const line = (error as { lines?: number }).lines;
    throw new UsageError(
      `${file}: CSV не читается${line ? ` — строка ${line}` : ''} (незакрытая кавычка или неверный разделитель?)`,
      { cause: error },
    );
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
    throw unreadableError(file, error);
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

  const opened = good.length ? await openCaseStack() : undefined;
  const store = opened?.store;
  // An order dated after the stack's today is refused with its row, never recorded.
  for (const item of [...good]) {
    const reason = item.courtOrderReceived
      ? futureDateReason({ type: 'court_order_received', date: item.courtOrderReceived }, opened!.today)
      : undefined;
    if (!reason) continue;
    errors.push({ row: item.row, field: 'court_order_received', message: reason });
    good.splice(good.indexOf(item), 1);
  }
  const bar =
    good.length >= 200 && !opts.json
      ? new SingleBar({ format: 'Импорт дел [{bar}] {value}/{total}', stream: process.stderr })
      : undefined;
  bar?.start(good.length, 0);
  let imported = 0;
  const queue = [...good];
  const written: ImportedCase[] = [];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      try {
        await store!.putCase(item.case, item.person);
        written.push(item);
      } catch (error) {
        errors.push({ row: item.row, field: '(write)', message: (error as Error).message });
      }
      bar?.increment();
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  bar?.stop();
  // Court orders go through case-events like any event: clocks, the due-date index, and an
  // order already overdue when learned gets its overdue alert (and escalation) at once.
  const orders = written.filter((i) => i.courtOrderReceived);
  const timeoutMs = 30_000 + 20 * orders.length;
  const recorded = orders.length
    ? await recordThroughQueue(
        opened!,
        orders.map((i) => ({
          caseId: i.case.id,
          event: { type: 'court_order_received', date: i.courtOrderReceived! } as CaseEvent,
        })),
        { timeoutMs, source: 'cli' },
      )
    : [];
  const late = new Set(recorded.filter((r) => !r.recorded).map((r) => r.caseId));
  for (const item of written) {
    if (!late.has(item.case.id)) imported++;
    else
      errors.push({
        row: item.row,
        field: 'court_order_received',
        message: notRecordedRu(recorded.find((r) => r.caseId === item.case.id)!, timeoutMs),
      });
  }
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

const SENTENCE_RU = { corrective_labor: 'исправительные работы', compulsory_labor: 'обязательные работы' };

/** The sentence in words: «обязательные работы, 240 ч (отработано 12,5 ч)». */
function sentenceRu(c: ImportedCase['case'], hoursServed: number | undefined): string {
  const parts: string[] = [SENTENCE_RU[c.sentence]];
  if (c.hoursOrdered)
    parts.push(
      `${c.hoursOrdered} ч${hoursServed ? ` (отработано ${String(hoursServed).replace('.', ',')} ч)` : ''}`,
    );
  if (c.termMonths) parts.push(`${c.termMonths} мес.`);
  if (c.deductionPercent) parts.push(`удержание ${String(c.deductionPercent).replace('.', ',')} %`);
  return parts.join(', ');
}

async function showCommand(id: string, opts: { json?: boolean; asOf?: string }): Promise<void> {
  const asOfOption = opts.asOf ? cliDate(opts.asOf, '--as-of') : undefined;
  const stack = await openCaseStack();
  const { store, today: stackToday } = stack;
  const asOf = asOfOption ?? stackToday;
  const stored = await store.getCase(id);
  if (!stored) throw new UsageError(`дело ${id} не найдено / case not found`);
  const [events, person] = await Promise.all([store.listEvents(id), store.getPerson(id)]);
  const clocks = await clocksFor(stack, stored.case, events, asOf);
  const name = person
    ? [person.lastName, person.firstName, person.middleName].filter(Boolean).join(' ')
    : null;
  const warnings = calendarWarnings(asOf, clocks);
  output(
    opts.json,
    {
      case: stored.case,
      name,
      asOf,
      events: events.map((e) => ({ eventId: e.eventId, source: e.source, ...e.event })),
      deadlines: clocks.deadlines,
      findings: clocks.findings,
      alertPlan: clocks.alertPlan.map(({ rule, kind, date, audience, stage, daysLeft }) => ({
        rule,
        kind,
        date,
        audience,
        ...(stage ? { stage } : {}),
        ...(daysLeft !== undefined ? { daysLeft } : {}),
      })),
      nextActionDate: clocks.nextActionDate,
      warnings,
    },
    () => {
      const c = stored.case;
      const lines = [
        `${name ?? 'ФИО не указано'} — ${sentenceRu(c, stored.projection?.hoursServed)}`,
        ...(c.officerId || c.inspectionId
          ? [`Инспектор: ${c.officerId ?? '—'}, инспекция: ${c.inspectionId ?? '—'}`]
          : []),
        `События (${events.length}):`,
      ];
      for (const e of events) lines.push(`  ${eventLineRu(e.event)}`);
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
    .option('--as-of <date>', 'на этот день, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД (по умолчанию сегодня)')
    .action(showCommand);
  registerCaseRecord(cases);
}
