import { z } from 'zod';
import { OutcomeCode } from '../outcomes/outcomes';
import { IsoDate } from './case';

/** Every event: its `type` and the `date` it happened (DOMAIN.md "Event payloads"). */
const base = <T extends string>(type: T) => z.object({ type: z.literal(type), date: IsoDate });
const withVacancy = <T extends string>(type: T) => base(type).extend({ vacancyId: z.string().optional() });
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
export const JobRefused = withVacancy('job_refused');
export const ReferralIssued = withVacancy('referral_issued');
export const ReferralReceived = withVacancy('referral_received');
export const WorkStarted = base('work_started');
export const HoursReported = base('hours_reported').extend({
  hours: z.number().positive().max(24),
  consentToFour: z.boolean().optional(),
  worksiteId: z.string().optional(),
});
export const AbsenceReported = base('absence_reported').extend({
  outcome: OutcomeCode,
  reasonText: z.string().optional(),
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
