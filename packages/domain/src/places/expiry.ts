import { ruDate } from '../calendar/dates';
import { DEFAULT_TIME_ZONE, today } from '../clock';

/**
 * An agreed list of places is valid through its «Действует по» day **in the municipality's
 * time zone** (the partner's `timeZone`): in Petropavlovsk-Kamchatsky (UTC+12) it ends twelve
 * hours before Kaliningrad's (UTC+2). After it a consented place is no longer a worksite whose
 * administrator's mail is trusted, and its workplaces are no longer offered (ADR 0029).
 */
export function listExpired(
  validTo: string | undefined,
  at: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): boolean {
  return validTo !== undefined && today(at, timeZone) > validTo;
}

/** The reason mail trust and the officer see: «срок согласованного перечня истёк 31.12.2026». */
export const listExpiredReasonRu = (validTo: string) =>
  `срок согласованного перечня истёк ${ruDate(validTo)}`;
