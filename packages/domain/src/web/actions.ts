import { isIsoDate, ruDate } from '../calendar/dates';
import { CaseEvent, EVENT_TYPES, type EventType } from '../cases/events';
import { OUTCOMES } from '../outcomes/outcomes';
import { EVENT_RU } from './labels';

/** The officer's action form: which fields each event type asks for, and their Russian labels. */
export type FieldKind = 'date' | 'text' | 'number' | 'select' | 'checkbox';
export interface ActionField {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  hint?: string;
  options?: Array<{ value: string; label: string }>;
}

const vacancy: ActionField = {
  name: 'vacancyId',
  label: 'Номер вакансии',
  kind: 'text',
  required: false,
  hint: 'если действие связано с вакансией из ленты',
};
const reportedOn: ActionField = {
  name: 'reportedOn',
  label: 'Когда инспекция узнала',
  kind: 'date',
  required: true,
};

const EXTRA: Partial<Record<EventType, ActionField[]>> = {
  employment_reported: [
    {
      name: 'status',
      label: 'Работает ли',
      kind: 'select',
      required: true,
      options: [
        { value: 'employed', label: 'Работает' },
        { value: 'unemployed', label: 'Не работает' },
      ],
    },
  ],
  job_offered: [vacancy],
  job_refused: [vacancy],
  referral_issued: [vacancy],
  referral_received: [vacancy],
  hours_reported: [
    {
      name: 'hours',
      label: 'Часов',
      kind: 'number',
      required: true,
      hint: 'от 0,5 до 24, например 4 или 2,5',
    },
    { name: 'consentToFour', label: 'Согласие на 4 часа в рабочий день', kind: 'checkbox', required: false },
    { name: 'worksiteId', label: 'Объект', kind: 'text', required: false },
  ],
  absence_reported: [
    {
      name: 'outcome',
      label: 'Итог',
      kind: 'select',
      required: true,
      options: OUTCOMES.map((o) => ({ value: o.code, label: o.name_ru })),
    },
    { name: 'reasonText', label: 'Причина (как сообщили)', kind: 'text', required: false },
  ],
  residence_changed: [reportedOn],
  job_changed: [reportedOn],
};

export function actionFields(type: EventType): ActionField[] {
  return [{ name: 'date', label: 'Дата', kind: 'date', required: true }, ...(EXTRA[type] ?? [])];
}

/** Every action the form offers, in the order of the Russian labels' list. */
export const ACTION_TYPES: ReadonlyArray<{ type: EventType; label: string }> = EVENT_TYPES.map((type) => ({
  type,
  label: EVENT_RU[type],
}));

export type FormResult = { ok: true; event: CaseEvent } | { ok: false; errors: Record<string, string> };

/** «2,5» and «2.5» both mean two and a half. */
const number = (s: string) => Number(s.replace(',', '.').replace(/\s/g, ''));

/**
 * Reads the action form (strings, as a browser posts them) into a case event, or says in
 * Russian what is wrong with which field. Dates may be typed as ДД.ММ.ГГГГ or ГГГГ-ММ-ДД.
 * Dates after `today` are refused: the engine ignores events it does not know of yet.
 */
export function eventFromForm(
  type: string,
  form: Record<string, string | undefined>,
  today: string,
): FormResult {
  const errors: Record<string, string> = {};
  if (!(EVENT_TYPES as string[]).includes(type))
    return { ok: false, errors: { type: 'Выберите действие из списка' } };
  const fields = actionFields(type as EventType);
  const out: Record<string, unknown> = { type };
  for (const f of fields) {
    const raw = (form[f.name] ?? '').trim();
    if (f.kind === 'checkbox') {
      if (raw) out[f.name] = true;
      continue;
    }
    if (!raw) {
      if (f.required) errors[f.name] = `Укажите: ${f.label.toLowerCase()}`;
      continue;
    }
    if (f.kind === 'date') {
      const iso = formDate(raw);
      if (!iso) errors[f.name] = `${f.label}: нет такой даты, введите ДД.ММ.ГГГГ, например ${ruDate(today)}`;
      else if (iso > today) errors[f.name] = `${f.label}: дата в будущем (сегодня ${ruDate(today)})`;
      else out[f.name] = iso;
    } else if (f.kind === 'number') {
      const n = number(raw);
      if (!Number.isFinite(n)) errors[f.name] = `${f.label}: введите число, например 4 или 2,5`;
      else if (!(n > 0 && n <= 24)) errors[f.name] = `${f.label}: от 0,5 до 24`;
      else out[f.name] = n;
    } else if (f.kind === 'select') {
      if (!f.options?.some((o) => o.value === raw)) errors[f.name] = `${f.label}: выберите из списка`;
      else out[f.name] = raw;
    } else if (raw.length > 200) errors[f.name] = `${f.label}: не длиннее 200 знаков`;
    else out[f.name] = raw;
  }
  if (out.reportedOn && out.date && String(out.reportedOn) < String(out.date))
    errors.reportedOn = 'Когда инспекция узнала: не раньше даты события';
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = CaseEvent.safeParse(out);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'type');
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, event: parsed.data };
}

function formDate(s: string): string | undefined {
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const iso = ru ? `${ru[3]}-${ru[2]!.padStart(2, '0')}-${ru[1]!.padStart(2, '0')}` : s;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isIsoDate(iso) ? iso : undefined;
}
