import { z } from 'zod';
import { ruDate as ru } from '../calendar/dates';
import { OutcomeCode } from '../outcomes/outcomes';
import { IsoDate } from './case';

/**
 * Free text and ids are capped, so no event can grow towards DynamoDB's 400 KB item limit
 * (a permanent DLQ entry): the message says which field and how long it was.
 */
export const MAX_TEXT = 2000;
export const MAX_ID = 100;
const capped = (field: string, max: number) =>
  z.string().max(max, {
    error: (issue) =>
      `${field}: не длиннее ${max} знаков, получено ${String((issue.input as string | undefined)?.length ?? '?')}`,
  });

/** Every event: its `type` and the `date` it happened (DOMAIN.md "Event payloads"). */
const base = <T extends string>(type: T) => z.object({ type: z.literal(type), date: IsoDate });
const withVacancy = <T extends string>(type: T) =>
  base(type).extend({ vacancyId: capped('номер вакансии (vacancyId)', MAX_ID).optional() });
const change = <T extends string>(type: T) =>
  base(type).extend({
    /** The day the inspection learned of the change (CL-REPORT-CHANGE is met when ≤ due). */
    reportedOn: IsoDate,
  });

export const CourtOrderReceived = base('court_order_received');
export const Registered = base('registered');
export const EmploymentReported = base('employment_reported').extend({
  status: z.enum(['employed', 'unemployed']),
});
export const Dismissed = base('dismissed');
export const EmploymentServiceRegistered = base('employment_service_registered');
export const JobOffered = withVacancy('job_offered');
export const JobAccepted = withVacancy('job_accepted');
export const JobRefused = withVacancy('job_refused');
export const ReferralIssued = withVacancy('referral_issued');
export const ReferralReceived = withVacancy('referral_received');
export const WorkStarted = base('work_started');
export const HoursReported = base('hours_reported').extend({
  hours: z
    .number({ error: 'часы должны быть числом' })
    .positive({ error: (i) => `часы должны быть больше 0, получено ${String(i.input).replace('-', '−')}` })
    .max(24, { error: (i) => `часов в день не больше 24, получено ${String(i.input)}` }),
  consentToFour: z.boolean().optional(),
  worksiteId: capped('объект (worksiteId)', MAX_ID).optional(),
});
export const AbsenceReported = base('absence_reported').extend({
  outcome: OutcomeCode,
  reasonText: capped('причина (reasonText)', MAX_TEXT).optional(),
});
export const DisciplineBreach = base('discipline_breach');
export const WarningIssued = base('warning_issued');
export const ResidenceChanged = change('residence_changed');
export const JobChanged = change('job_changed');
export const LeaveApproved = base('leave_approved');
export const WhereaboutsUnknown = base('whereabouts_unknown');
export const CourtApplication = base('court_application');
export const CourtDecision = base('court_decision');
export const SentenceCompleted = base('sentence_completed');

export const CaseEvent = z.discriminatedUnion('type', [
  CourtOrderReceived,
  Registered,
  EmploymentReported,
  Dismissed,
  EmploymentServiceRegistered,
  JobOffered,
  JobAccepted,
  JobRefused,
  ReferralIssued,
  ReferralReceived,
  WorkStarted,
  HoursReported,
  AbsenceReported,
  DisciplineBreach,
  WarningIssued,
  ResidenceChanged,
  JobChanged,
  LeaveApproved,
  WhereaboutsUnknown,
  CourtApplication,
  CourtDecision,
  SentenceCompleted,
]);
export type CaseEvent = z.infer<typeof CaseEvent>;
export type EventType = CaseEvent['type'];
export type EventOf<T extends EventType> = Extract<CaseEvent, { type: T }>;

export const EVENT_TYPES = CaseEvent.options.map((o) => o.shape.type.value) as EventType[];

/** An event as stored: the payload plus its id (the idempotency key). */
export interface RecordedEvent {
  eventId: string;
  event: CaseEvent;
  source?: string;
  recordedAt?: string;
}

/** Why an event cannot be recorded on `today` because it is dated later, in Russian; else undefined. */
export function futureDateReason(event: CaseEvent, today: string): string | undefined {
  if (event.date > today) return `дата в будущем: ${ru(event.date)} позже сегодняшнего ${ru(today)}`;
  const reportedOn = (event as { reportedOn?: string }).reportedOn;
  if (reportedOn && reportedOn > today)
    return `дата сообщения в будущем: ${ru(reportedOn)} позже сегодняшнего ${ru(today)}`;
  return undefined;
}

export class FutureEventError extends Error {
  override readonly name = 'FutureEventError';
}

/** Refuses an event dated after the stack's today (a court order dated tomorrow, an absence in November). */
export function assertNotFuture(event: CaseEvent, today: string): void {
  const reason = futureDateReason(event, today);
  if (reason) throw new FutureEventError(reason);
}
