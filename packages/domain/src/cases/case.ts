import { z } from 'zod';
import { isIsoDate } from '../calendar/dates';

export const IsoDate = z.string().refine(isIsoDate, {
  error: (issue) =>
    `нет такой даты${typeof issue.input === 'string' ? ` «${issue.input}»` : ''} (ожидается ГГГГ-ММ-ДД) / not a real date (YYYY-MM-DD)`,
});

export const Sentence = z.enum(['corrective_labor', 'compulsory_labor']);
export type Sentence = z.infer<typeof Sentence>;

/**
 * A case as the deadline engine needs it. Nothing here identifies the person: names and
 * contacts live in `Person`, stored apart (`PII#<id>`) under 152-FZ.
 */
export const Case = z.object({
  id: z.string().min(1).max(100),
  sentence: Sentence,
  /** Needed for minors' hour caps on compulsory labour (УК 88 p. 3). */
  birthDate: IsoDate.optional(),
  /** Compulsory labour: 60–480 hours (minors 40–160). */
  hoursOrdered: z
    .number({ error: 'часы должны быть числом' })
    .int({ error: (i) => `часы — целое число, получено ${String(i.input).replace('.', ',')}` })
    .positive({ error: (i) => `часы должны быть больше 0, получено ${String(i.input).replace('-', '−')}` })
    .max(480, { error: (i) => `обязательные работы — не больше 480 часов, получено ${String(i.input)}` })
    .optional(),
  /** Corrective labour: 2 months – 2 years. */
  termMonths: z.number().int().positive().max(24).optional(),
  deductionPercent: z.number().min(5).max(20).optional(),
  inspectionId: z.string().min(1).optional(),
  officerId: z.string().min(1).optional(),
  /** Two-digit region code, for regional holidays (optional). */
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
});
export type Case = z.infer<typeof Case>;

/** Personal data of the convict: never logged, never sent to partners beyond their task. */
export const Person = z.object({
  caseId: z.string().min(1),
  lastName: z.string().min(1),
  firstName: z.string().min(1),
  middleName: z.string().optional(),
  phone: z.string().optional(),
  email: z.email().optional(),
  address: z.string().optional(),
  caseNumber: z.string().optional(),
});
export type Person = z.infer<typeof Person>;
