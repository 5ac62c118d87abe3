import {
  actionFields,
  CaseEvent,
  type Clocks,
  type Deadline,
  daysBetween,
  daysLeftRu,
  daysWord,
  EVENT_NAMES_RU,
  EVENT_TYPES,
  type EventType,
  fieldPathOf,
  futureDateReason,
  ruDate,
} from '@uii/domain';
import type { Command } from 'commander';
import { output, UsageError } from '../program';
import { caseIdArg } from './case-id';
import { cliDate, clocksFor, notRecordedRu, openCaseStack, recordThroughQueue } from './case-stack';

/** One clock's state in the officer's words: «выполнено 07.03.2026, с опозданием на 1 день». */
export function clockStateRu(d: Deadline): string {
  if (d.metOn && d.lateDays)
    return `выполнено ${ruDate(d.metOn)}, с опозданием на ${d.lateDays} ${daysWord(d.lateDays)}`;
  if (d.metOn) return `выполнено ${ruDate(d.metOn)}`;
  const left = d.daysLeft ?? 0;
  if (d.status === 'overdue') return `срок пропущен ${ruDate(d.due)}: ${daysLeftRu(left)}`;
  return `до ${ruDate(d.due)}: ${daysLeftRu(left)}`;
}

const key = (d: Deadline) => `${d.rule}@${d.trigger}`;

/** Clocks the event opened or changed (status or the day met). */
export function changedClocks(before: Clocks, after: Clocks): Deadline[] {
  const was = new Map(before.deadlines.map((d) => [key(d), d]));
  return after.deadlines.filter((d) => {
    const b = was.get(key(d));
    return !b || b.status !== d.status || b.metOn !== d.metOn || b.due !== d.due;
  });
}

const BOOLEAN: Record<string, boolean> = {
  true: true,
  false: false,
  да: true,
  нет: false,
  1: true,
  0: false,
};

/** `--field key=value` pairs → payload fields, typed by the event's schema. */
function fieldsOf(type: EventType, pairs: readonly string[]): Record<string, unknown> {
  const shape = CaseEvent.options.find((o) => o.shape.type.value === type)!.shape as Record<string, unknown>;
  const allowed = Object.keys(shape).filter((k) => k !== 'type' && k !== 'date');
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--field: ожидается ключ=значение, получено «${pair}»`);
    const k = pair.slice(0, eq).trim();
    const v = pair.slice(eq + 1).trim();
    if (!allowed.includes(k))
      throw new UsageError(
        `--field ${k}: у события ${type} нет такого поля${allowed.length ? ` (есть: ${allowed.join(', ')})` : ' (полей нет)'}`,
      );
    if (k === 'hours') {
      const n = Number(v.replace(',', '.').replace('−', '-'));
      out[k] = Number.isFinite(n) && v !== '' ? n : v;
    } else if (k === 'consentToFour') {
      if (!(v.toLowerCase() in BOOLEAN))
        throw new UsageError(`--field consentToFour: да или нет, получено «${v}»`);
      out[k] = BOOLEAN[v.toLowerCase()];
    } else if (k === 'reportedOn') out[k] = cliDate(v, '--field reportedOn');
    else out[k] = v;
  }
  return out;
}

/** A CaseEvent from the command line, or a UsageError naming the field and why, in Russian. */
export function eventFromArgs(type: string, date: string, pairs: readonly string[]): CaseEvent {
  if (!EVENT_TYPES.includes(type as EventType))
    throw new UsageError(`неизвестный тип события «${type}»; допустимые: ${EVENT_TYPES.join(', ')}`);
  const candidate = { type, date, ...fieldsOf(type as EventType, pairs) };
  const parsed = CaseEvent.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = fieldPathOf(issue.path);
    // The form's Russian label beside the key the officer types (`--field outcome=…`).
    const form = actionFields(type as EventType).find((f) => f.name === field);
    const named = form ? `«${form.label}» (${field})` : field;
    const missing =
      issue.code === 'invalid_type' && (candidate as Record<string, unknown>)[field] === undefined;
    const value = (candidate as Record<string, unknown>)[field];
    const why =
      issue.code === 'invalid_value'
        ? `«${String(value)}» — не из списка; допустимые: ${issue.values
            .map((v) => {
              const label = form?.options?.find((o) => o.value === v)?.label;
              return label ? `${String(v)} — ${label.toLowerCase()}` : String(v);
            })
            .join('; ')}`
        : issue.message;
    throw new UsageError(
      missing
        ? `не хватает поля ${named} для события «${EVENT_NAMES_RU[type as EventType]}»: --field ${field}=…`
        : `поле ${named}: ${why}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

async function recordCommand(
  caseId: string,
  type: string,
  opts: { date?: string; field?: string[]; json?: boolean },
): Promise<void> {
  const stack = await openCaseStack();
  const date = opts.date ? cliDate(opts.date, '--date') : stack.today;
  const event = eventFromArgs(type, date, opts.field ?? []);
  const future = futureDateReason(event, stack.today);
  if (future) throw new UsageError(`${EVENT_NAMES_RU[event.type]}: ${future} — не записано`);
  const stored = await stack.store.getCase(caseId);
  if (!stored) throw new UsageError(`дело ${caseId} не найдено — не записано`);
  const previous = await stack.store.listEvents(caseId);
  const [r] = await recordThroughQueue(stack, [{ caseId, event }]);
  if (!r!.recorded) throw new Error(notRecordedRu(r!));
  const events = await stack.store.listEvents(caseId);
  const without = previous.filter((e) => e.eventId !== r!.eventId);
  const before = await clocksFor(stack, stored.case, without, stack.today);
  const after = await clocksFor(stack, stored.case, events, stack.today);
  const changed = r!.duplicate ? [] : changedClocks(before, after);
  output(
    opts.json,
    {
      caseId,
      eventId: r!.eventId,
      duplicate: r!.duplicate,
      clocks: changed.map((d) => ({ rule: d.rule, due: d.due, status: d.status, metOn: d.metOn ?? null })),
    },
    () => {
      const head = r!.duplicate
        ? `Дело ${caseId}: это событие уже записано ранее (${EVENT_NAMES_RU[event.type]}, ${ruDate(event.date)}) — повторно не записано`
        : `Дело ${caseId}: записано — ${EVENT_NAMES_RU[event.type]}, ${ruDate(event.date)}`;
      const lines = changed.map((d) => `  ${d.rule}: ${clockStateRu(d)}`);
      if (!r!.duplicate && !changed.length) lines.push('  сроки не изменились');
      return [head, ...lines].join('\n');
    },
  );
}

interface ListRow {
  caseId: string;
  name: string | null;
  officerId: string | null;
  sentence: string;
  /** The nearest open or overdue clock. */
  rule: string | null;
  due: string | null;
  daysLeft: number | null;
  overdue: boolean;
  nextActionDate: string | null;
}

async function listCommand(opts: {
  officer?: string;
  inspection?: string;
  overdue?: boolean;
  dueWithin?: string;
  json?: boolean;
}): Promise<void> {
  const within = opts.dueWithin === undefined ? undefined : Number(opts.dueWithin);
  if (within !== undefined && !(Number.isInteger(within) && within >= 0))
    throw new UsageError(`--due-within: целое число дней ≥ 0, получено «${opts.dueWithin}»`);
  const stack = await openCaseStack();
  const cases = await stack.store.listCases({ officerId: opts.officer, inspectionId: opts.inspection });
  const people = await stack.store.getPeople(cases.map((c) => c.case.id));
  let rows: ListRow[] = cases.map(({ case: c, projection }) => {
    const nearest = [...(projection?.openClocks ?? [])].sort((a, b) => (a.due < b.due ? -1 : 1))[0];
    const p = people.get(c.id);
    return {
      caseId: c.id,
      name: p ? [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ') : null,
      officerId: c.officerId ?? null,
      sentence: c.sentence,
      rule: nearest?.rule ?? null,
      due: nearest?.due ?? null,
      daysLeft: nearest ? daysBetween(stack.today, nearest.due) : null,
      overdue: nearest ? nearest.due < stack.today : false,
      nextActionDate: projection?.nextActionDate ?? null,
    };
  });
  if (opts.overdue) rows = rows.filter((r) => r.overdue);
  if (within !== undefined) rows = rows.filter((r) => r.daysLeft !== null && r.daysLeft <= within);
  rows.sort(
    (a, b) =>
      (a.daysLeft ?? Number.POSITIVE_INFINITY) - (b.daysLeft ?? Number.POSITIVE_INFINITY) ||
      (a.caseId < b.caseId ? -1 : 1),
  );
  output(opts.json, { asOf: stack.today, cases: rows }, () => {
    if (!rows.length) return `Дел нет (на ${ruDate(stack.today)})`;
    const lines = [`Дела на ${ruDate(stack.today)}: ${rows.length}`];
    for (const r of rows) {
      const state = r.due
        ? `${r.rule} до ${ruDate(r.due)} — ${daysLeftRu(r.daysLeft ?? 0)}`
        : 'открытых сроков нет';
      lines.push(`  ${r.caseId.padEnd(12)} ${(r.name ?? '—').padEnd(32)} ${state}`);
    }
    return lines.join('\n');
  });
}

export function registerCaseRecord(cases: Command): void {
  cases
    .command('record')
    .description('записать действие инспектора или событие по делу / record an event on a case')
    .argument('<caseId>', 'дело / case id', caseIdArg)
    .argument('<eventType>', `тип события: ${EVENT_TYPES.join(', ')}`)
    .option('--date <date>', 'дата события ДД.ММ.ГГГГ или ГГГГ-ММ-ДД (по умолчанию сегодня)')
    .option('--field <key=value...>', 'поля события, напр. --field hours=2,5 --field reportedOn=05.03.2026')
    .option('--json', 'JSON: {caseId, eventId, duplicate, clocks:[{rule,due,status,metOn}]}')
    .action(recordCommand);
  cases
    .command('list')
    .description('дела по срокам: ближайший срок первым / the caseload sorted by days left')
    .option('--officer <id>', 'дела инспектора')
    .option('--inspection <id>', 'дела инспекции')
    .option('--overdue', 'только с пропущенным сроком')
    .option('--due-within <days>', 'только со сроком не позже чем через N дней')
    .option('--json', 'JSON: {asOf, cases:[{caseId,name,rule,due,daysLeft,overdue,…}]}')
    .action(listCommand);
}
