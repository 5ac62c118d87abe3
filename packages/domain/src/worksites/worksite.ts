import { z } from 'zod';

/** A convict assigned to a worksite, as the worksite's mail names them. */
export const WorksiteCase = z.object({
  caseId: z.string().min(1),
  /** Full name in the nominative: «Фамилия Имя Отчество» (patronymic optional). */
  name: z.string().min(3),
});
export type WorksiteCase = z.infer<typeof WorksiteCase>;

/** A registered worksite: only mail from its administrators (authenticated) is applied. */
export const Worksite = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  inspectionId: z.string().min(1),
  administrators: z.array(z.email()).min(1),
  cases: z.array(WorksiteCase).default([]),
  /**
   * A place agreed with a municipality (docs/places.md) is a worksite only through the last
   * day of its agreed list («Действует по»), counted in the municipality's time zone; after
   * it the administrator's mail is quarantined (ADR 0029). Absent: no end.
   */
  validTo: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** IANA time zone of `validTo` (the municipality's), default Europe/Moscow. */
  timeZone: z.string().min(1).optional(),
});
export type Worksite = z.infer<typeof Worksite>;

export const WorksiteRegistry = z.array(Worksite);
export type WorksiteRegistry = z.infer<typeof WorksiteRegistry>;

export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** The worksite whose administrator this address is (first one wins: addresses are unique by rule). */
export function worksiteOfSender(
  registry: readonly Worksite[],
  address: string | null | undefined,
): Worksite | undefined {
  if (!address) return undefined;
  const wanted = normaliseAddress(address);
  return registry.find((w) => w.administrators.some((a) => normaliseAddress(a) === wanted));
}
