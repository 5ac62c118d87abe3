import type { OutcomeCode } from '../outcomes/index';
import type { NoticeItem } from './types';

/** A `case-events` queue message (docs/architecture.md) produced from worksite mail. */
export interface NoticeCaseEvent {
  caseId: string;
  event:
    | {
        type: 'absence_reported';
        date: string;
        outcome: OutcomeCode;
        reasonText?: string;
        worksiteId?: string;
      }
    | { type: 'hours_reported'; date: string; hours: number; worksiteId?: string };
  eventId: string;
  source: 'mail' | 'officer';
}

/**
 * The event for one confident item. `eventId` is the mail's identity + the item's index, so a
 * redelivered message yields the same ids and the case records each fact once.
 */
export function caseEventOf(
  item: NoticeItem,
  ids: { eventId: string; worksiteId?: string; source?: 'mail' | 'officer' },
): NoticeCaseEvent | undefined {
  if (!item.person.caseId || !item.date) return undefined;
  const worksite = ids.worksiteId ? { worksiteId: ids.worksiteId } : {};
  if (item.kind === 'hours') {
    if (item.hours === null) return undefined;
    return {
      caseId: item.person.caseId,
      event: { type: 'hours_reported', date: item.date, hours: item.hours, ...worksite },
      eventId: ids.eventId,
      source: ids.source ?? 'mail',
    };
  }
  return {
    caseId: item.person.caseId,
    event: {
      type: 'absence_reported',
      date: item.date,
      outcome: item.outcome ?? 'absent_unknown',
      ...(item.reasonText ? { reasonText: item.reasonText } : {}),
      ...worksite,
    },
    eventId: ids.eventId,
    source: ids.source ?? 'mail',
  };
}
