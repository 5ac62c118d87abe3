import { ruDate } from '../calendar/dates';
import { listExpired, listExpiredReasonRu } from '../places/expiry';
import type { Worksite } from '../worksites/worksite';
import { acknowledgment, authenticationNotice, listExpiredNotice } from './ack';
import { caseEventOf, type NoticeCaseEvent } from './events';
import type { Authentication } from './trust';
import type { NoticeItem, NoticeParse, TriageEntry } from './types';

/** What reading one mail found, before anything is decided (packages/mail `parseNotice`). */
export interface MailFacts extends NoticeParse {
  messageId: string | null;
  from: string | null;
  subject: string | null;
  /** The Date header as an inspection calendar date. */
  date: string | null;
  authenticated: boolean;
  authentication: Authentication;
  /** The worksite whose people the text was matched against (the sender's). */
  worksite: Worksite | null;
  attachmentProblems: string[];
  autoReply: boolean;
}

/** What the intake knows besides the mail: which cases exist, and since when. */
export interface MailRegistry {
  caseExists(caseId: string): boolean;
  /**
   * The day the case's court order reached the inspection: a worksite cannot report anything
   * before it, so such a report goes to the officer instead of being recorded «записано».
   */
  caseStartedOn?(caseId: string): string | undefined;
}

/** Why a report dated before the case began is not recorded. */
export const triageBeforeStart = (date: string, startedOn: string) =>
  `дата ${ruDate(date)} раньше, чем приговор поступил в инспекцию (${ruDate(startedOn)})`;

export interface MailPlanSettings {
  /** The mail's stable identity (hash of Message-ID): event, triage and reply ids derive from it. */
  mailKey: string;
  /** The inspection's today (YYYY-MM-DD): a day after it is not a fact yet. */
  today: string;
  /**
   * When the mail was received (SES's timestamp, ISO). With it, a worksite whose agreed list
   * has ended (`validTo` in its own time zone) is not trusted (ADR 0029).
   */
  receivedAt?: string;
  /**
   * Whether a quarantined mail reaches an officer at once (mail-intake found whom to tell,
   * ADR 0034): the sender's notice says «передано инспектору» only then. Default true.
   */
  inspectorTold?: boolean;
}

export type TrustDecision =
  | { accept: true }
  | {
      accept: false;
      reason: QuarantineReason;
      notifySender: boolean;
      why: string;
    };

export type QuarantineReason = 'unregistered_sender' | 'not_authenticated' | 'list_expired';

/**
 * Apply only authenticated mail (aligned DMARC/SPF/DKIM, ADR 0015) from a registered
 * administrator. Everything else is quarantined; only a registered sender who failed
 * authentication is told (anyone else gets no reply: no backscatter to forged addresses).
 */
export function decideTrust(
  notice: Pick<MailFacts, 'authenticated' | 'authentication' | 'worksite'>,
  receivedAt?: Date,
): TrustDecision {
  if (!notice.worksite) {
    return {
      accept: false,
      reason: 'unregistered_sender',
      notifySender: false,
      why: 'отправитель не зарегистрирован как администратор объекта',
    };
  }
  if (!notice.authenticated) {
    return {
      accept: false,
      reason: 'not_authenticated',
      notifySender: true,
      why: notice.authentication.reason,
    };
  }
  const { validTo, timeZone } = notice.worksite;
  if (receivedAt && validTo && listExpired(validTo, receivedAt, timeZone)) {
    // The real administrator (authenticated) is told; the officer may still release the mail.
    return { accept: false, reason: 'list_expired', notifySender: true, why: listExpiredReasonRu(validTo) };
  }
  return { accept: true };
}

export interface MailReply {
  id: string;
  kind: 'mail.ack' | 'mail.auth_failed' | 'mail.list_expired';
  to: string;
  subject: string;
  text: string;
  inReplyTo?: string;
}

export interface MailPlan {
  status: 'accepted' | 'quarantined';
  worksiteId: string | null;
  /** case-events messages, in item order, ids `mail:<mailKey>:<n>` (n = item's place in the mail). */
  events: NoticeCaseEvent[];
  /** The items the events come from (the acknowledgment lists them). */
  recorded: NoticeItem[];
  triage: TriageEntry[];
  quarantine: {
    reason: QuarantineReason;
    why: string;
    itemsParsed: number;
    senderNotified: boolean;
  } | null;
  reply: MailReply | null;
}

export const TRIAGE_UNKNOWN_CASE = 'дело не найдено';
export const TRIAGE_FUTURE_DATE = 'дата в будущем';

/**
 * Every decision of mail intake, pure: trust (quarantine or not), which items become case
 * events, which go to the officer (unknown case, a day after today, no case or day), and the
 * one reply. The handler only executes the plan; all ids are derived from `mailKey`, so running
 * the plan again after a failure writes and sends nothing twice.
 */
export function planMail(parsed: MailFacts, registry: MailRegistry, settings: MailPlanSettings): MailPlan {
  const { mailKey } = settings;
  const trust = decideTrust(parsed, settings.receivedAt ? new Date(settings.receivedAt) : undefined);
  const to = parsed.from && !parsed.autoReply ? parsed.from : null;
  const inReplyTo = parsed.messageId ? { inReplyTo: parsed.messageId } : {};
  if (!trust.accept) {
    const notify = trust.notifySender && to !== null;
    return {
      status: 'quarantined',
      worksiteId: parsed.worksite?.id ?? null,
      events: [],
      recorded: [],
      triage: [],
      quarantine: {
        reason: trust.reason,
        why: trust.why,
        itemsParsed: parsed.items.length,
        senderNotified: notify,
      },
      reply: notify
        ? trust.reason === 'list_expired'
          ? {
              id: `mail.list-expired:${mailKey}`,
              kind: 'mail.list_expired',
              to: to!,
              ...listExpiredNotice(parsed.subject, trust.why, settings.inspectorTold ?? true),
              ...inReplyTo,
            }
          : {
              id: `mail.auth-failed:${mailKey}`,
              kind: 'mail.auth_failed',
              to: to!,
              ...authenticationNotice(parsed.subject, settings.inspectorTold ?? true),
              ...inReplyTo,
            }
        : null,
    };
  }

  const worksite = parsed.worksite!;
  const events: NoticeCaseEvent[] = [];
  const recorded: NoticeItem[] = [];
  const triage: TriageEntry[] = [...parsed.triage];
  const passedOn: Array<{ item: NoticeItem; why: string }> = [];
  for (const [i, item] of parsed.items.entries()) {
    const toOfficer = (why: string) => {
      triage.push({ text: item.source, why, guess: item });
      passedOn.push({ item, why });
    };
    if (!item.person.caseId || !item.date) toOfficer('не определено дело или дата');
    else if (item.date > settings.today) toOfficer(TRIAGE_FUTURE_DATE);
    else if (!registry.caseExists(item.person.caseId)) toOfficer(TRIAGE_UNKNOWN_CASE);
    else if ((registry.caseStartedOn?.(item.person.caseId) ?? '') > item.date)
      toOfficer(triageBeforeStart(item.date, registry.caseStartedOn!(item.person.caseId)!));
    else {
      const event = caseEventOf(item, { eventId: `mail:${mailKey}:${i + 1}`, worksiteId: worksite.id });
      if (!event) toOfficer('не определены часы');
      else {
        events.push(event);
        recorded.push(item);
      }
    }
  }
  const reply: MailReply | null = to
    ? {
        id: `mail.ack:${mailKey}`,
        kind: 'mail.ack',
        to,
        ...acknowledgment({
          worksiteName: worksite.name,
          subject: parsed.subject,
          recorded,
          triage,
          passedOn,
          attachmentProblems: parsed.attachmentProblems,
        }),
        ...inReplyTo,
      }
    : null;
  return { status: 'accepted', worksiteId: worksite.id, events, recorded, triage, quarantine: null, reply };
}
