import { z } from 'zod';
import { addDays, isIsoDate, ruDate, ruMonth } from '../calendar/dates';

const IsoDate = z.string().refine(isIsoDate, 'дата в виде ГГГГ-ММ-ДД');
const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('ru', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'часовой пояс IANA, например Asia/Tomsk');

export const PARTNER_KINDS = [
  'municipality',
  'employment_service',
  'employer',
  'public_association',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PARTNER_KIND_RU: Record<PartnerKind, string> = {
  municipality: 'орган местного самоуправления',
  employment_service: 'служба занятости',
  employer: 'работодатель',
  public_association: 'общественное объединение',
};

/**
 * A registered partner of the inspection. A municipality (local self-government body,
 * УИК ст. 25 ч. 1) proposes places of compulsory labour; mail from its `contacts` is trusted as
 * coming from it. OKTMO is the all-Russian code of municipal territories (8 or 11 digits).
 */
export const Partner = z
  .object({
    id: z.string().regex(/^[\w.-]{1,64}$/, 'латиница, цифры, точка, дефис; до 64 знаков'),
    kind: z.enum(PARTNER_KINDS).default('municipality'),
    name: z.string().trim().min(1),
    oktmo: z
      .string()
      .regex(/^(\d{8}|\d{11})$/, 'ОКТМО — 8 или 11 цифр')
      .optional(),
    /** Two-digit region code (70 Tomsk…). */
    region: z.string().regex(/^\d{2}$/, 'код региона — две цифры'),
    contacts: z.array(z.email()).min(1),
    timeZone: TimeZone.default('Europe/Moscow'),
    /** The inspection that deals with this partner, and its officer in charge (alerts). */
    inspectionId: z.string().min(1),
    officerId: z.string().min(1).optional(),
  })
  .strict();
export type Partner = z.infer<typeof Partner>;
export type PartnerInput = z.input<typeof Partner>;

/** How often information is exchanged under an agreement. */
export const EXCHANGE_PERIODS = ['monthly', 'quarterly', 'on_event', 'yearly'] as const;
export type ExchangePeriod = (typeof EXCHANGE_PERIODS)[number];
export const EXCHANGE_PERIOD_RU: Record<ExchangePeriod, string> = {
  monthly: 'ежемесячно',
  quarterly: 'ежеквартально',
  on_event: 'по мере возникновения',
  yearly: 'ежегодно',
};

/** What travels under an agreement: the partner's feed of vacancies, proposals of places, hours… */
export const EXCHANGE_KINDS = [
  'vacancy_feed',
  'place_proposal',
  'hours_report',
  'referral',
  'other',
] as const;
export type ExchangeKind = (typeof EXCHANGE_KINDS)[number];
export const EXCHANGE_KIND_RU: Record<ExchangeKind, string> = {
  vacancy_feed: 'перечень вакансий',
  place_proposal: 'предложения мест отбывания наказания',
  hours_report: 'табель отработанных часов',
  referral: 'направления и их результат',
  other: 'иные сведения',
};

/** The agreement kinds of the seed article: with municipalities, employment services, employers, NGOs. */
export const AGREEMENT_KINDS = [
  'places_coordination',
  'employment_779n',
  'employer',
  'public_association',
] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
export const AGREEMENT_KIND_RU: Record<AgreementKind, string> = {
  places_coordination: 'о согласовании мест отбывания обязательных и исправительных работ',
  employment_779n: 'о взаимодействии со службой занятости (типовая форма, приказ Минтруда № 779н)',
  employer: 'о взаимодействии с работодателем',
  public_association: 'о взаимодействии с общественным объединением',
};

export const Agreement = z
  .object({
    id: z.string().regex(/^[\w.-]{1,64}$/),
    partnerId: z.string().min(1),
    kind: z.enum(AGREEMENT_KINDS),
    /** The standard form used (e.g. «Приказ Минтруда России № 779н, приложение»), or «индивидуальное». */
    standardForm: z.string().trim().min(1),
    signedOn: IsoDate,
    /** Last day in force; absent: open-ended. */
    validTo: IsoDate.optional(),
    exchanges: z
      .array(
        z.object({
          what: z.enum(EXCHANGE_KINDS),
          period: z.enum(EXCHANGE_PERIODS),
          /** For monthly exchanges: the day of the month by which it is due. */
          dueDay: z.number().int().min(1).max(28).optional(),
        }),
      )
      .default([]),
  })
  .strict();
export type Agreement = z.infer<typeof Agreement>;
export type AgreementInput = z.input<typeof Agreement>;

/** Agreements ending within `days` of today (not yet ended), soonest first. */
export function expiringAgreements(
  agreements: readonly Agreement[],
  today: string,
  days: number,
): Agreement[] {
  const until = addDays(today, days);
  return agreements
    .filter((a) => a.validTo !== undefined && a.validTo >= today && a.validTo <= until)
    .sort((a, b) => (a.validTo! < b.validTo! ? -1 : a.validTo! > b.validTo! ? 1 : a.id.localeCompare(b.id)));
}

/** One exchange of an agreement against what arrived: expected periods vs received. */
export interface ExchangeTally {
  agreementId: string;
  partnerId: string;
  what: ExchangeKind;
  period: ExchangePeriod;
  /** Periods (YYYY-MM for monthly, YYYY-Qn, YYYY) due so far within the agreement's term. */
  expected: string[];
  received: string[];
  missing: string[];
  /**
   * Whether the system sees this kind of exchange arrive (vacancy feeds, proposals of places).
   * Untracked (hours reports on paper, referrals…): nothing is reported missing.
   */
  tracked: boolean;
}

const QUARTER_RU = ['I', 'II', 'III', 'IV'];
/** A report period in Russian: «октябрь 2026 г.», «IV квартал 2026 г.», «2026 г.». */
export function periodRu(key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return `${QUARTER_RU[Number(q[2]) - 1]} квартал ${q[1]} г.`;
  if (/^\d{4}-\d{2}$/.test(key)) return ruMonth(key);
  if (/^\d{4}$/.test(key)) return `${key} г.`;
  if (isIsoDate(key)) return ruDate(key);
  return key;
}

function periodKey(date: string, period: ExchangePeriod): string | undefined {
  if (period === 'monthly') return date.slice(0, 7);
  if (period === 'quarterly')
    return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
  if (period === 'yearly') return date.slice(0, 4);
  return undefined;
}

/** Periods whose due day has passed on `today`, from the month after signing to the end of the term. */
function expectedPeriods(a: Agreement, period: ExchangePeriod, dueDay: number, today: string): string[] {
  if (period === 'on_event') return [];
  const last = a.validTo && a.validTo < today ? a.validTo : today;
  const out: string[] = [];
  let month = a.signedOn.slice(0, 7);
  for (;;) {
    const due = `${month}-${String(dueDay).padStart(2, '0')}`;
    if (due > last) break;
    if (due >= a.signedOn) {
      const key = periodKey(due, period)!;
      if (!out.includes(key)) out.push(key);
    }
    const [y, m] = month.split('-').map(Number) as [number, number];
    month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return out;
}

/**
 * What each partner sent against what its agreement says (e.g. monthly vacancy feeds received
 * vs expected). `received` maps partner id → exchange kind → the dates (YYYY-MM-DD or YYYY-MM)
 * something arrived; a kind absent from it is not tracked (nothing is called missing).
 */
export function agreementReport(
  agreements: readonly Agreement[],
  received: ReadonlyMap<string, ReadonlyMap<ExchangeKind, readonly string[]>>,
  today: string,
): ExchangeTally[] {
  const out: ExchangeTally[] = [];
  for (const a of agreements) {
    for (const e of a.exchanges) {
      const expected = expectedPeriods(a, e.period, e.dueDay ?? 5, today);
      const tracked = received.get(a.partnerId)?.has(e.what) ?? false;
      const got = new Set(
        (received.get(a.partnerId)?.get(e.what) ?? [])
          .map((d) => periodKey(d.length === 7 ? `${d}-01` : d, e.period) ?? d)
          .filter(Boolean),
      );
      out.push({
        agreementId: a.id,
        partnerId: a.partnerId,
        what: e.what,
        period: e.period,
        expected,
        received: [...got].sort(),
        missing: tracked ? expected.filter((p) => !got.has(p)) : [],
        tracked,
      });
    }
  }
  return out;
}
