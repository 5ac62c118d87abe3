import type { Rule } from './rules';

/** The words of a rule a message shows: what, when it starts, what follows a miss. */
export interface RuleWords {
  title: string;
  trigger: string;
  consequence: string;
}

/**
 * The rules' words in English, for recipients whose directory language is `en` (issue 11).
 * Russian stays the source of truth (`title_ru` … in rules.ts); the legal source is always
 * quoted in the original Russian, because only that text is the law. A rule missing here is
 * caught by the test beside this file, so a new rule cannot reach an English inbox in Russian.
 */
export const RULE_WORDS_EN: Readonly<Record<string, RuleWords>> = {
  'CL-REFER': {
    title: 'Refer the convict to a place of work',
    trigger: "the court's order with a copy of the sentence reached the inspection",
    consequence: 'the inspection missed its term: report to the head of the inspection',
  },
  'CL-JOBSEARCH': {
    title: 'Find a job or register with the employment centre',
    trigger:
      'registered with the inspection without a job, or dismissed from the main job (whichever is later)',
    consequence: 'breach of the order of serving: the officer decides on a warning',
  },
  'CL-START': {
    title: "Start work as the inspection's referral orders",
    trigger: "the convict received the inspection's referral",
    consequence: 'breach (Penal Code art. 46 p. 1 «а»): a written warning',
  },
  'CL-REPORT-CHANGE': {
    title: 'Tell the inspection of a change of job or address',
    trigger: 'a change of job or of address',
    consequence: 'breach of the order of serving the sentence',
  },
  'CL-REPEAT': {
    title: 'Repeated breach after a written warning',
    trigger: 'any breach after a written warning',
    consequence: 'persistent evasion: a submission to the court to replace the sentence',
  },
  'CW-START': {
    title: 'Set the convict to compulsory labour',
    trigger: "the court's order with a copy of the sentence reached the inspection",
    consequence: 'the inspection missed its term: report to the head of the inspection',
  },
  'CW-WARN': {
    title: 'Issue a written warning',
    trigger: 'absence from work without a valid reason, or a breach of work discipline',
    consequence: 'procedural breach: the warning was not issued in time',
  },
  'CW-EVASION-RISK': {
    title: 'Risk of persistent evasion',
    trigger: 'a second unexcused absence or a second breach of discipline in a calendar month',
    consequence: 'one more breach this month makes it persistent evasion',
  },
  'CW-EVASION': {
    title: 'Persistent evasion of compulsory labour',
    trigger: 'a third unexcused absence or a third breach of discipline in a calendar month',
    consequence:
      'a submission to the court to replace the sentence (1 day = 8 hours, Criminal Code art. 49 p. 3)',
  },
  'CW-HOURS-CAP': {
    title: 'Hours over the daily limit',
    trigger: 'an hours report above the daily limit',
    consequence: 'the inspection checks the worksite; report to the officer',
  },
  'CW-PACE': {
    title: 'Too few hours in the week',
    trigger: 'the end of a calendar week',
    consequence: 'the officer checks the reasons',
  },
  'CW-DONE': {
    title: 'Compulsory labour hours served',
    trigger: 'the hours worked reached those the court ordered',
    consequence: 'the inspection removes the convict from its register',
  },
  'CL-MONTH': {
    title: 'Month of corrective labour not fully worked',
    trigger: 'the end of a calendar month of work with deductions',
    consequence: 'the sentence is extended by the days not worked',
  },
  WANTED: {
    title: "The convict's whereabouts are unknown",
    trigger: "the convict's whereabouts are unknown",
    consequence: 'search; detention up to 48 hours, the court may extend it to 30 days',
  },
  'FEED-MONTHLY': {
    title: 'Monthly vacancy list from the employment centre',
    trigger: 'the start of a calendar month',
    consequence: 'a reminder to the employment centre, then to the officer',
  },
  'REPORT-HOURS': {
    title: "The worksite's report of hours worked",
    trigger: 'the end of a calendar month',
    consequence: 'a reminder to the worksite, then to the officer',
  },
  'PLACE-DECIDE': {
    title: 'Decide on the proposed places of serving',
    trigger: "the municipality's proposal of places reached the inspection",
    consequence: 'the inspection missed its term: report to the head of the inspection',
  },
  'PLACE-REMARKS': {
    title: "Answer the inspection's remarks on the proposed place",
    trigger: "the inspection's remarks were sent to the municipality",
    consequence: 'a reminder to the municipality, then to the officer',
  },
};

/**
 * What the officer does about a finding, in the officer's own voice (a rule's consequence is
 * said of the inspection, «инспектор проверяет причины»; the officer's mail says «выяснить»).
 */
const FINDING_TODO: Readonly<Record<string, { ru: string; en: string }>> = {
  'CL-REPEAT': {
    ru: 'подготовить представление в суд о замене наказания (злостное уклонение)',
    en: 'prepare a submission to the court to replace the sentence (persistent evasion)',
  },
  'CL-MONTH': {
    ru: 'сверить отработанные дни и продлить срок наказания на неотработанные',
    en: 'check the days worked and extend the sentence by the days not worked',
  },
  'CW-EVASION-RISK': {
    ru: 'предупредить осуждённого: ещё одно нарушение в этом месяце — злостное уклонение',
    en: 'warn the convict: one more breach this month makes it persistent evasion',
  },
  'CW-EVASION': {
    ru: 'подготовить представление в суд о замене обязательных работ (1 день = 8 часов)',
    en: 'prepare a submission to the court to replace compulsory labour (1 day = 8 hours)',
  },
  'CW-HOURS-CAP': {
    ru: 'проверить объект и учёт часов за этот день',
    en: "check the worksite and that day's record of hours",
  },
  'CW-PACE': {
    ru: 'выяснить у осуждённого и объекта причины недобора часов',
    en: 'find out from the convict and the worksite why the hours fell short',
  },
  'CW-DONE': {
    ru: 'снять осуждённого с учёта: наказание отбыто',
    en: 'remove the convict from the register: the sentence is served',
  },
  WANTED: {
    ru: 'организовать розыск; задержание — до 48 часов, продлить до 30 суток может только суд',
    en: 'start the search; detention up to 48 hours, only the court may extend it to 30 days',
  },
};

/** What the officer does about a finding of `rule`; its consequence when none is written. */
export function findingTodo(
  rule: Pick<Rule, 'id' | 'title_ru' | 'trigger_ru' | 'consequence_ru'>,
  lang: 'ru' | 'en' = 'ru',
): string {
  return FINDING_TODO[rule.id]?.[lang] ?? ruleWords(rule, lang).consequence;
}

/** A rule's words in the recipient's language (Russian when no English is known). */
export function ruleWords(
  rule: Pick<Rule, 'id' | 'title_ru' | 'trigger_ru' | 'consequence_ru'>,
  lang: 'ru' | 'en' = 'ru',
): RuleWords {
  const en = lang === 'en' ? RULE_WORDS_EN[rule.id] : undefined;
  return en ?? { title: rule.title_ru, trigger: rule.trigger_ru, consequence: rule.consequence_ru };
}
