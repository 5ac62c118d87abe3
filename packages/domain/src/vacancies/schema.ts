import { z } from 'zod';
import {
  optDate,
  optFlag,
  optNumber,
  optSalaryMax,
  optSalaryMin,
  optText,
  reqText,
  vacancyId,
} from './fields';

/**
 * One vacancy as employment services send it (the Rostrud «Работа России» record), in any of
 * the feed formats after the reader has mapped columns to these paths. Unknown fields are
 * dropped. Normalisation into `Vacancy` (what matching reads) happens in normalise.ts.
 */
const Address = z.object({ location: optText, lat: optNumber, lng: optNumber });

export const RawVacancy = z.object({
  id: vacancyId,
  source: optText,
  region: z.object({ region_code: reqText, name: optText }, { error: 'ожидается объект region' }),
  company: z
    .object({
      companycode: optText,
      inn: optText,
      kpp: optText,
      name: optText,
      ogrn: optText,
      'hr-agency': optFlag,
    })
    .optional(),
  'creation-date': optDate,
  date_modify: optDate,
  salary: optText,
  salary_min: optSalaryMin,
  salary_max: optSalaryMax,
  'job-name': reqText,
  employment: optText,
  schedule: optText,
  qualification: optText,
  requirement: z.object({ education: optText, experience: optNumber }).optional(),
  category: z.object({ specialisation: optText }).optional(),
  // XML and some exports give one address as an object rather than a list of one.
  addresses: z
    .object({
      address: z
        .preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(Address))
        .optional(),
    })
    .optional(),
  social_protected: optText,
  work_places: optNumber,
  code_profession: optText,
  workPlaceType: z
    .object({
      workPlaceQuota: optFlag,
      workPlaceSpecial: optFlag,
      workPlaceOrdinary: optFlag,
      workPlaceForeign: optFlag,
    })
    .optional(),
  conditions: optText,
  currency: optText,
});
export type RawVacancy = z.output<typeof RawVacancy>;

/**
 * A normalised vacancy: one line of the month snapshot that matching reads
 * (docs/adr/0007-feed-snapshots.md). Absent means "not stated".
 */
export interface Vacancy {
  id: string;
  /** Two-digit region (first two digits of the 13-digit Rostrud region code). */
  region: string;
  regionCode: string;
  regionName?: string;
  source?: string;
  jobName: string;
  /** ОКПДТР position code, as sent. */
  professionCode?: string;
  company: { name?: string; inn?: string; kpp?: string; ogrn?: string; hrAgency?: boolean };
  /** Salary in roubles; `salary_min` 0 means not stated, so it is absent here. */
  salaryMin?: number;
  salaryMax?: number;
  salaryText?: string;
  employment?: string;
  schedule?: string;
  qualification?: string;
  education?: string;
  experienceYears?: number;
  specialisation?: string;
  addresses: Array<{ location?: string; lat?: number; lng?: number }>;
  /** Openings (≥ 1). */
  workPlaces: number;
  quota: boolean;
  special: boolean;
  socialProtected?: string;
  /** The employer names people released from prison among the categories it accepts. */
  acceptsConvicts: boolean;
  conditions?: string;
  createdAt?: string;
  /** ISO date or UTC date-time of the last change: the latest wins among duplicates. */
  modifiedAt?: string;
}
