import type { Sentence } from '../cases/case';
import type { EventType } from '../cases/events';

/** Who must act before the deadline; inspection-side misses escalate to the head. */
export type Actor = 'inspection' | 'convict' | 'employment_service' | 'worksite';

export type RuleKind = 'deadline' | 'finding' | 'partner';

/** An event that starts or meets a clock; `where` narrows it by payload fields. */
export type EventMatch = EventType | { type: EventType; where: Record<string, string | boolean> };

/**
 * How a deadline rule's clocks open (the engine's openers, `clocks.ts`): `per_trigger` — one
 * clock per distinct trigger date (the default); `spell_without_work` — one per spell without
 * work (CL-JOBSEARCH); `per_change` — one per change, met by the day it was reported;
 * `per_counted_breach` — one per day with a breach that counts (CW-WARN).
 */
export type Opener = 'per_trigger' | 'spell_without_work' | 'per_change' | 'per_counted_breach';

export interface LegalSource {
  /** Short citation shown in the `source` field, e.g. «УИК РФ ст. 39 ч. 2». */
  article: string;
  /** What the provision requires, in Russian, quoted in alerts. */
  text_ru: string;
  /** How sure we are of the wording (DOMAIN.md marks): law, secondary, open. */
  confidence: 'law' | '2nd' | 'open';
  /** `text_ru` retells the law (several provisions in one sentence) rather than quoting it. */
  paraphrase?: true;
}

export interface Rule {
  id: string;
  kind: RuleKind;
  sentence: Sentence | 'any';
  title_ru: string;
  /** The event (or situation) that starts the clock. */
  trigger:
    | EventMatch
    | readonly EventMatch[]
    | 'month_start'
    | 'month_end'
    | 'week_end'
    | 'breach_after_warning';
  trigger_ru: string;
  /** Null for findings, which fire on a day rather than run a term. */
  duration: { days: number; dayKind: 'calendar' | 'working' } | null;
  /** Events that meet the clock when dated within [trigger, due] (read by the engine). */
  satisfiedBy: readonly EventMatch[];
  /** Deadline rules: how clocks open (default `per_trigger`). */
  opens?: Opener;
  actor: Actor;
  consequence_ru: string;
  source: LegalSource;
  /** The wording applies to triggers dated within [validFrom, validTo] (inclusive; open ends). */
  validFrom?: string;
  validTo?: string;
}

const AMENDED_2026 = '2026-01-20'; // 218-FZ and 219-FZ of 23.07.2025 in force

/**
 * The rule table of DOMAIN.md as data. A rule whose wording changed appears once per
 * wording, with the dates between which it applies; `ruleFor` picks the one in force on
 * the trigger date.
 */
export const RULES: readonly Rule[] = [
  {
    id: 'CL-REFER',
    kind: 'deadline',
    sentence: 'corrective_labor',
    title_ru: 'Направить осуждённого к месту работы',
    trigger: 'court_order_received',
    trigger_ru: 'поступление в инспекцию распоряжения суда с копией приговора',
    duration: { days: 30, dayKind: 'calendar' },
    satisfiedBy: ['referral_issued'],
    actor: 'inspection',
    consequence_ru: 'нарушение срока инспекцией: доклад начальнику инспекции',
    source: {
      article: 'УИК РФ ст. 39 ч. 2 (ред. до 20.01.2026)',
      text_ru:
        'Осуждённые к исправительным работам, не имеющие основного места работы, направляются уголовно-исполнительной инспекцией для отбывания наказания не позднее 30 дней со дня поступления распоряжения суда с копией приговора.',
      confidence: 'law',
    },
    validTo: '2026-01-19',
  },
  {
    id: 'CL-REFER',
    kind: 'deadline',
    sentence: 'corrective_labor',
    title_ru: 'Направить осуждённого к месту работы',
    trigger: 'court_order_received',
    trigger_ru: 'поступление в инспекцию распоряжения суда с копией приговора',
    duration: { days: 15, dayKind: 'calendar' },
    satisfiedBy: ['referral_issued'],
    actor: 'inspection',
    consequence_ru: 'нарушение срока инспекцией: доклад начальнику инспекции',
    source: {
      article: 'УИК РФ ст. 39 ч. 2 (ред. Федерального закона № 219-ФЗ от 23.07.2025)',
      text_ru:
        'Осуждённые к исправительным работам, не имеющие основного места работы, направляются уголовно-исполнительной инспекцией для отбывания наказания не позднее 15 дней со дня поступления распоряжения суда с копией приговора.',
      confidence: '2nd',
    },
    validFrom: AMENDED_2026,
  },
  {
    id: 'CL-JOBSEARCH',
    kind: 'deadline',
    sentence: 'corrective_labor',
    title_ru: 'Трудоустроиться или встать на учёт в центре занятости',
    trigger: ['dismissed', { type: 'employment_reported', where: { status: 'unemployed' } }],
    trigger_ru:
      'постановка на учёт в инспекции без работы или увольнение с основного места работы (позднейшая дата)',
    duration: { days: 15, dayKind: 'calendar' },
    satisfiedBy: [
      'work_started',
      'employment_service_registered',
      { type: 'employment_reported', where: { status: 'employed' } },
    ],
    opens: 'spell_without_work',
    actor: 'convict',
    consequence_ru: 'нарушение порядка отбывания: инспектор решает вопрос о предупреждении',
    source: {
      article: 'УИК РФ ст. 39 ч. 4 (ред. Федерального закона № 219-ФЗ от 23.07.2025)',
      text_ru:
        'Осуждённый, не имеющий основного места работы или уволенный с него, в течение 15 дней обязан трудоустроиться либо встать на учёт в органах службы занятости и не вправе отказаться от предложенной работы.',
      confidence: 'law',
    },
    validFrom: AMENDED_2026,
  },
  {
    id: 'CL-START',
    kind: 'deadline',
    sentence: 'corrective_labor',
    title_ru: 'Приступить к работе по предписанию',
    trigger: 'referral_received',
    trigger_ru: 'получение осуждённым предписания инспекции',
    duration: { days: 5, dayKind: 'calendar' },
    satisfiedBy: ['work_started'],
    actor: 'convict',
    consequence_ru: 'нарушение (УИК РФ ст. 46 ч. 1 п. «а»): письменное предупреждение',
    source: {
      article: 'УИК РФ ст. 46 ч. 1 п. «а»',
      text_ru:
        'Нарушением порядка и условий отбывания исправительных работ является неявка на работу без уважительных причин в течение пяти дней со дня получения предписания инспекции.',
      confidence: 'law',
    },
  },
  {
    id: 'CL-REPORT-CHANGE',
    kind: 'deadline',
    sentence: 'corrective_labor',
    title_ru: 'Сообщить в инспекцию о смене работы или места жительства',
    trigger: ['residence_changed', 'job_changed'],
    trigger_ru: 'смена места работы или места жительства',
    duration: { days: 10, dayKind: 'calendar' },
    satisfiedBy: ['residence_changed', 'job_changed'],
    opens: 'per_change',
    actor: 'convict',
    consequence_ru: 'нарушение порядка отбывания наказания',
    source: {
      article: 'УИК РФ ст. 40 ч. 5',
      text_ru:
        'Осуждённый обязан в течение 10 дней сообщить в уголовно-исполнительную инспекцию об изменении места работы или места жительства.',
      confidence: '2nd',
    },
  },
  {
    id: 'CL-REPEAT',
    kind: 'finding',
    sentence: 'corrective_labor',
    title_ru: 'Повторное нарушение после письменного предупреждения',
    trigger: 'breach_after_warning',
    trigger_ru: 'любое нарушение после письменного предупреждения',
    duration: null,
    satisfiedBy: [],
    actor: 'inspection',
    consequence_ru:
      'злостное уклонение: представление в суд о замене наказания (1 день принудительных работ или лишения свободы = 3 дня ИР, УК РФ ст. 50 ч. 4)',
    source: {
      article: 'УИК РФ ст. 46 ч. 3',
      text_ru:
        'Злостно уклоняющимся от отбывания исправительных работ признаётся осуждённый, допустивший повторное нарушение после объявления ему предупреждения в письменной форме.',
      confidence: 'law',
    },
  },
  {
    id: 'CW-START',
    kind: 'deadline',
    sentence: 'compulsory_labor',
    title_ru: 'Привлечь осуждённого к обязательным работам',
    trigger: 'court_order_received',
    trigger_ru: 'поступление в инспекцию распоряжения суда с копией приговора',
    duration: { days: 15, dayKind: 'calendar' },
    // The first hours reported on or after the order are evidence that work started.
    satisfiedBy: ['work_started', 'hours_reported'],
    actor: 'inspection',
    consequence_ru: 'нарушение срока инспекцией: доклад начальнику инспекции',
    source: {
      article: 'УИК РФ ст. 25 ч. 2',
      text_ru:
        'Осуждённые к обязательным работам привлекаются к отбыванию наказания не позднее 15 дней со дня поступления в уголовно-исполнительную инспекцию распоряжения суда с копией приговора.',
      confidence: 'law',
    },
  },
  {
    id: 'CW-WARN',
    kind: 'deadline',
    sentence: 'compulsory_labor',
    title_ru: 'Вынести письменное предупреждение',
    trigger: ['absence_reported', 'discipline_breach'],
    trigger_ru: 'невыход на работу без уважительной причины или нарушение трудовой дисциплины',
    duration: { days: 3, dayKind: 'working' },
    satisfiedBy: ['warning_issued'],
    opens: 'per_counted_breach',
    actor: 'inspection',
    consequence_ru: 'процессуальное нарушение: предупреждение не оформлено в срок',
    source: {
      article: 'УИК РФ ст. 29 (комментарий)',
      text_ru:
        'За нарушение порядка и условий отбывания обязательных работ инспекция предупреждает осуждённого об ответственности в письменной форме.',
      confidence: '2nd',
    },
  },
  {
    id: 'CW-EVASION-RISK',
    kind: 'finding',
    sentence: 'compulsory_labor',
    title_ru: 'Риск злостного уклонения',
    trigger: 'absence_reported',
    trigger_ru:
      'второй невыход без уважительной причины или второе нарушение дисциплины за календарный месяц',
    duration: null,
    satisfiedBy: [],
    actor: 'inspection',
    consequence_ru: 'ещё одно нарушение в этом месяце — злостное уклонение',
    source: {
      article: 'УИК РФ ст. 30 ч. 1',
      text_ru:
        'Злостно уклоняющимся признаётся осуждённый, более двух раз в течение месяца не вышедший на обязательные работы без уважительных причин или более двух раз в течение месяца нарушивший трудовую дисциплину.',
      confidence: 'law',
    },
  },
  {
    id: 'CW-EVASION',
    kind: 'finding',
    sentence: 'compulsory_labor',
    title_ru: 'Злостное уклонение от обязательных работ',
    trigger: 'absence_reported',
    trigger_ru:
      'третий невыход без уважительной причины или третье нарушение дисциплины за календарный месяц',
    duration: null,
    satisfiedBy: [],
    actor: 'inspection',
    consequence_ru: 'представление в суд о замене наказания (1 день = 8 часов, УК РФ ст. 49 ч. 3)',
    source: {
      article: 'УИК РФ ст. 30 ч. 1 пп. «а», «б»',
      text_ru:
        'Злостно уклоняющимся признаётся осуждённый, более двух раз в течение месяца не вышедший на обязательные работы без уважительных причин или более двух раз в течение месяца нарушивший трудовую дисциплину.',
      confidence: 'law',
    },
  },
  {
    id: 'CW-HOURS-CAP',
    kind: 'finding',
    sentence: 'compulsory_labor',
    title_ru: 'Превышение допустимых часов в день',
    trigger: 'hours_reported',
    trigger_ru: 'отчёт о часах сверх дневного предела',
    duration: null,
    satisfiedBy: [],
    actor: 'inspection',
    consequence_ru: 'инспекция проверяет объект; доклад инспектору',
    source: {
      article: 'УК РФ ст. 49 ч. 2, УИК РФ ст. 27, УК РФ ст. 88 ч. 3',
      text_ru:
        'Время обязательных работ не может превышать 4 часов в выходные дни и дни, когда осуждённый не занят на основной работе; в рабочие дни — 2 часов после окончания работы, а с согласия осуждённого — 4 часов. Несовершеннолетним до 15 лет — не более 2 часов в день, от 15 до 16 лет — 3 часов.',
      confidence: 'law',
      paraphrase: true,
    },
  },
  {
    id: 'CW-PACE',
    kind: 'finding',
    sentence: 'compulsory_labor',
    title_ru: 'Недостаточно часов за неделю',
    trigger: 'week_end',
    trigger_ru: 'окончание календарной недели',
    duration: null,
    satisfiedBy: [],
    actor: 'inspection',
    consequence_ru: 'инспектор проверяет причины',
    source: {
      article: 'УИК РФ ст. 27 ч. 2',
      text_ru:
        'Время обязательных работ в течение недели, как правило, не может быть менее 12 часов; при наличии уважительных причин инспекция вправе разрешить отработать меньшее количество часов.',
      confidence: 'law',
    },
  },
  {
    id: 'CW-DONE',
    kind: 'finding',
    sentence: 'compulsory_labor',
    title_ru: 'Часы обязательных работ отработаны',
    trigger: 'hours_reported',
    trigger_ru: 'сумма отработанных часов достигла назначенной судом',
    duration: null,
    satisfiedBy: [],
    actor: 'inspection',
    consequence_ru: 'инспекция снимает осуждённого с учёта',
    source: {
      article: 'УК РФ ст. 49 ч. 2',
      text_ru: 'Обязательные работы устанавливаются на срок от 60 до 480 часов.',
      confidence: 'law',
    },
  },
  {
    id: 'CL-MONTH',
    kind: 'finding',
    sentence: 'corrective_labor',
    title_ru: 'Месяц исправительных работ отработан не полностью',
    trigger: 'month_end',
    trigger_ru: 'окончание календарного месяца работы с удержаниями',
    duration: null,
    satisfiedBy: [],
    actor: 'inspection',
    consequence_ru: 'срок наказания продлевается на неотработанные дни',
    source: {
      article: 'УИК РФ ст. 42 ч. 1',
      text_ru:
        'Начало срока исправительных работ исчисляется со дня выхода осуждённого на работу; месяц засчитывается, если число отработанных дней не меньше количества рабочих дней, приходящихся на этот месяц; иначе отбывание продолжается до полного отработания.',
      confidence: 'law',
    },
  },
  {
    id: 'WANTED',
    kind: 'finding',
    sentence: 'any',
    title_ru: 'Местонахождение осуждённого неизвестно',
    trigger: 'whereabouts_unknown',
    trigger_ru: 'место нахождения осуждённого неизвестно',
    duration: null,
    satisfiedBy: [],
    actor: 'inspection',
    consequence_ru: 'розыск; задержание до 48 часов, суд может продлить до 30 суток',
    source: {
      article: 'УИК РФ ст. 30 ч. 2 (ст. 46 ч. 5)',
      text_ru:
        'Осуждённый, скрывшийся с места жительства, место нахождения которого неизвестно, объявляется в розыск и может быть задержан на срок до 48 часов; суд может продлить задержание до 30 суток.',
      confidence: 'law',
    },
  },
  {
    id: 'FEED-MONTHLY',
    kind: 'partner',
    sentence: 'any',
    title_ru: 'Ежемесячный список вакансий от центра занятости',
    trigger: 'month_start',
    trigger_ru: 'начало календарного месяца',
    duration: { days: 4, dayKind: 'calendar' },
    satisfiedBy: [],
    actor: 'employment_service',
    consequence_ru: 'напоминание центру занятости, затем инспектору',
    source: {
      article: 'Приказ Минтруда России от 27.10.2023 № 779н',
      text_ru:
        'Центр занятости ежемесячно направляет в инспекцию сведения о свободных рабочих местах и вакантных должностях (срок — до 5-го числа, настройка).',
      confidence: 'open',
    },
  },
  {
    id: 'REPORT-HOURS',
    kind: 'partner',
    sentence: 'compulsory_labor',
    title_ru: 'Отчёт объекта об отработанных часах',
    trigger: 'month_end',
    trigger_ru: 'окончание календарного месяца',
    duration: { days: 5, dayKind: 'calendar' },
    satisfiedBy: ['hours_reported'],
    actor: 'worksite',
    consequence_ru: 'напоминание объекту, затем инспектору',
    source: {
      article: 'УИК РФ ст. 28 ч. 1',
      text_ru:
        'Администрация организации ведёт учёт и информирует инспекцию о количестве отработанных часов и об уклонении осуждённых (срок закон не устанавливает — до 5-го числа, настройка).',
      confidence: 'open',
    },
  },
];

export class UnknownRuleError extends Error {
  override readonly name = 'UnknownRuleError';
}

/** The wording of rule `id` in force on `triggerDate`, or undefined when none applies then. */
export function ruleFor(id: string, triggerDate: string): Rule | undefined {
  const wordings = RULES.filter((r) => r.id === id);
  if (wordings.length === 0) throw new UnknownRuleError(`Unknown rule ${id}`);
  return wordings.find(
    (r) => (!r.validFrom || triggerDate >= r.validFrom) && (!r.validTo || triggerDate <= r.validTo),
  );
}

export const RULE_IDS = [...new Set(RULES.map((r) => r.id))];

/** Whether an event is one the match names (its type, and the payload fields of `where`). */
export function eventMatches(e: { type: string } & Record<string, unknown>, m: EventMatch): boolean {
  if (typeof m === 'string') return e.type === m;
  return e.type === m.type && Object.entries(m.where).every(([k, v]) => e[k] === v);
}

/** The trigger of a rule as a list of event matches (empty for situations such as `week_end`). */
export function triggerMatches(rule: Rule): readonly EventMatch[] {
  const t = rule.trigger;
  if (Array.isArray(t)) return t;
  if (typeof t === 'object') return [t as EventMatch];
  return ['month_start', 'month_end', 'week_end', 'breach_after_warning'].includes(t as string)
    ? []
    : [t as EventMatch];
}
