import { z } from 'zod';

/** The public contract strings of DOMAIN.md "Attendance and absence outcomes". */
export const OutcomeCode = z.enum([
  'attended',
  'attended_breach',
  'absent_sick_note',
  'absent_excused',
  'absent_unexcused',
  'absent_unknown',
]);
export type OutcomeCode = z.infer<typeof OutcomeCode>;

/** Which evasion counter (УИК 30 p. 1 «а» absences, «б» discipline) an outcome feeds. */
export type EvasionCounter = 'absence' | 'discipline';

export interface Outcome {
  code: OutcomeCode;
  name_ru: string;
  name_en: string;
  attended: boolean;
  excused: boolean;
  counts_toward_evasion: boolean;
  needs_document: boolean;
  /** The counter it feeds when it counts; `absent_unknown` feeds none until resolved. */
  counter: EvasionCounter | null;
}

/**
 * Outcomes as rows with behaviour flags: rules read the flags, never lists of codes
 * (modelled on HMPPS Community Payback's contact outcomes).
 */
export const OUTCOMES: readonly Outcome[] = [
  {
    code: 'attended',
    name_ru: 'Отработал по графику',
    name_en: 'Worked as planned',
    attended: true,
    excused: false,
    counts_toward_evasion: false,
    needs_document: false,
    counter: null,
  },
  {
    code: 'attended_breach',
    name_ru: 'Явился, но нарушил трудовую дисциплину',
    name_en: 'Attended but broke labour discipline',
    attended: true,
    excused: false,
    counts_toward_evasion: true,
    needs_document: false,
    counter: 'discipline',
  },
  {
    code: 'absent_sick_note',
    name_ru: 'Не вышел по болезни (больничный лист)',
    name_en: 'Absent, ill with a sick note',
    attended: false,
    excused: true,
    counts_toward_evasion: false,
    needs_document: true,
    counter: null,
  },
  {
    code: 'absent_excused',
    name_ru: 'Не вышел по уважительной причине (документ представлен)',
    name_en: 'Absent for another valid reason, document provided',
    attended: false,
    excused: true,
    counts_toward_evasion: false,
    needs_document: true,
    counter: null,
  },
  {
    code: 'absent_unexcused',
    name_ru: 'Не вышел без уважительной причины',
    name_en: 'Absent without a valid reason',
    attended: false,
    excused: false,
    counts_toward_evasion: true,
    needs_document: false,
    counter: 'absence',
  },
  {
    code: 'absent_unknown',
    name_ru: 'Не вышел, причина не выяснена',
    name_en: 'Absent, reason not yet known',
    attended: false,
    excused: false,
    counts_toward_evasion: false,
    needs_document: false,
    counter: null,
  },
];

const byCode = new Map(OUTCOMES.map((o) => [o.code, o]));

/** The outcome row for a code; throws on a code outside the contract. */
export function outcomeByCode(code: OutcomeCode | string): Outcome {
  const row = byCode.get(code as OutcomeCode);
  if (!row) throw new RangeError(`Unknown outcome code: ${code}`);
  return row;
}
