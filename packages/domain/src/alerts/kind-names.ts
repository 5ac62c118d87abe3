import { RULES } from '../deadlines/rules';

/**
 * Alert kinds and audiences in Russian words, for people reading the audit trail (CLI, web):
 * `deadline.first` → «начало срока», `officer` → «инспектору». The raw values stay the public
 * contract of JSON outputs; these are only how they are said.
 */

/** Every kind the producers queue (grep `kind:` in functions/ and packages/domain/src). */
const KINDS_RU: Record<string, string> = {
  'deadline.first': 'начало срока',
  'deadline.reminder': 'напоминание о сроке',
  'deadline.overdue': 'просрочка',
  'deadline.escalation': 'эскалация начальнику',
  'deadline.met': 'срок выполнен: отмена события календаря',
  'deadline.group': 'срочные уведомления одним письмом',
  'digest.daily': 'сводка дня',
  'digest.head': 'сводка начальнику',
  'delivery.bounced': 'сообщение о недоставке',
  'feed.receipt': 'квитанция о ленте вакансий',
  'feed.missing': 'напоминание: нет ленты вакансий',
  'feed.refused': 'лента вакансий не принята',
  'feed.unregistered': 'лента от незарегистрированной службы',
  'mail.ack': 'подтверждение приёма письма',
  'mail.auth_failed': 'письмо не прошло проверку отправителя',
  'mail.list_expired': 'письмо по истёкшему перечню мест',
  'mail.quarantine': 'карантин: письмо объекта не прошло проверку',
  'match.shortlist': 'подбор вакансий',
  'match.shortlist.urgent': 'подбор вакансий (срочно)',
  'match.referral_list': 'список на трудоустройство',
  'place.receipt': 'квитанция о перечне',
  'place.refused': 'перечень не принят',
  'place.expiry': 'перечень мест скоро истекает',
  'place.expired': 'срок перечня мест истёк',
  'place.assignment': 'направлен осуждённый',
  'place.proposal': 'предложение мест',
  'place.decision.consent': 'решение по месту: согласовано',
  'place.decision.refusal': 'решение по месту: отказ',
  'place.decision.remarks': 'решение по месту: замечания',
  'place.remarks.first': 'замечания по месту: начало срока',
  'place.remarks.reminder': 'замечания по месту: напоминание',
  'place.remarks.overdue': 'замечания по месту: просрочка',
  'place.remarks.escalation': 'замечания по месту: эскалация',
  'agreement.expiry': 'соглашение скоро истекает',
};

/** What a kind's first word is about, for kinds added after this list. */
const FAMILY_RU: Record<string, string> = {
  deadline: 'срок',
  digest: 'сводка',
  delivery: 'доставка',
  feed: 'лента вакансий',
  mail: 'письмо объекта',
  match: 'подбор вакансий',
  place: 'места',
  agreement: 'соглашение',
};
const STEP_RU: Record<string, string> = {
  first: 'начало срока',
  reminder: 'напоминание',
  overdue: 'просрочка',
  escalation: 'эскалация',
  met: 'выполнено',
  receipt: 'квитанция',
  refused: 'не принято',
  missing: 'нет данных',
  urgent: 'срочно',
};

/**
 * «начало срока»; a kind not in the list still reads as words («лента вакансий: late notice»).
 * A finding's alert (no term: CW-EVASION-RISK…) travels as `deadline.first`: given its rule, it
 * reads «нарушение или риск», not «начало срока».
 */
export function alertKindRu(kind: string, rule?: string): string {
  if (
    rule &&
    kind.startsWith('deadline.') &&
    kind !== 'deadline.group' &&
    RULES.some((r) => r.id === rule && r.kind === 'finding')
  )
    return 'нарушение или риск';
  const known = KINDS_RU[kind];
  if (known) return known;
  const [family = '', ...rest] = kind.split('.');
  const words = rest.map((w) => STEP_RU[w] ?? w.replace(/[_-]+/g, ' ')).filter(Boolean);
  const head = FAMILY_RU[family] ?? family.replace(/[_-]+/g, ' ');
  return words.length ? `${head}: ${words.join(', ')}` : head || 'уведомление';
}

const AUDIENCES_RU: Record<string, string> = {
  officer: 'инспектору',
  supervisor: 'начальнику инспекции',
  partner: 'муниципалитету',
  worksite: 'администрации объекта',
  employment_service: 'службе занятости',
};

/** Whether a kind has its own words (not the family fallback): every producer's kind should. */
export const isListedKind = (kind: string): boolean => kind in KINDS_RU;

/** To whom, in the dative: «инспектору», «службе занятости»; unknown ones as words. */
export function audienceRu(audience: string): string {
  return AUDIENCES_RU[audience] ?? `получателю «${audience.replace(/[_-]+/g, ' ')}»`;
}
