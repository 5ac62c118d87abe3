/**
 * Exactly-once delivery of an alert (docs/adr/0019-alert-delivery-exactly-once.md), as pure
 * decisions: what alert-outbox does with a claim it finds, and how an SES event moves the
 * delivery status. The adapters (packages/aws/src/audit-store.ts) execute them with
 * conditional writes.
 */

export const DELIVERY_STATUSES = [
  'claimed',
  'sent',
  'delivered',
  'bounced',
  'complained',
  'rejected',
  'suppressed',
  /** Not urgent: held for the officer's daily digest instead of a mail of its own. */
  'digest',
  /** Nothing to say: a calendar cancellation for a clock whose calendar event never went out. */
  'not_needed',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What SES reports through the configuration set's event destination. */
export type SesEventType = 'Send' | 'Delivery' | 'Bounce' | 'Complaint' | 'Reject' | 'DeliveryDelay';

/** The part of a delivery record a decision needs. */
export interface DeliveryState {
  status: DeliveryStatus;
  /** ISO time of the current claim. */
  claimedAt: string;
  attempts: number;
}

export type ClaimDecision =
  /** Nothing sent yet, or the earlier attempt was refused by SES: send now. */
  | { action: 'send' }
  /** SES accepted it already (our own write or an SES event says so): never send again. */
  | { action: 'done'; status: DeliveryStatus }
  /** Another attempt holds a fresh claim: retry later, do not send alongside it. */
  | { action: 'wait'; retryAfterMs: number }
  /**
   * A stale claim with no mark from SES: the attempt died before SES answered, or SES never
   * took it. Re-send (the events of an accepted send arrive within seconds, far inside `staleAfterMs`).
   */
  | { action: 'resend-stale' };

/**
 * The claim check before a send. `staleAfterMs` must exceed the function timeout plus the
 * time SES takes to publish the Send event, so an accepted send is always marked by then.
 */
export function decideClaim(
  existing: DeliveryState | undefined,
  nowMs: number,
  staleAfterMs: number,
): ClaimDecision {
  if (!existing) return { action: 'send' };
  if (existing.status !== 'claimed') return { action: 'done', status: existing.status };
  const age = nowMs - Date.parse(existing.claimedAt);
  if (age < staleAfterMs) return { action: 'wait', retryAfterMs: staleAfterMs - age };
  return { action: 'resend-stale' };
}

const RANK: Record<DeliveryStatus, number> = {
  claimed: 0,
  sent: 1,
  suppressed: 2,
  digest: 2,
  not_needed: 2,
  rejected: 2,
  delivered: 2,
  bounced: 3,
  complained: 3,
};

/**
 * The status after an SES event. Events arrive in any order and more than once: the status
 * only moves forward (a late Send never undoes a Delivery; a bounce or complaint wins).
 * `DeliveryDelay` changes nothing.
 */
export function statusAfterEvent(
  current: DeliveryStatus | undefined,
  event: SesEventType,
  bounceType?: string,
): DeliveryStatus | undefined {
  const next: DeliveryStatus | undefined =
    event === 'Send'
      ? 'sent'
      : event === 'Delivery'
        ? 'delivered'
        : event === 'Bounce'
          ? bounceType === 'Permanent'
            ? 'bounced'
            : undefined // transient bounces: SES retries by itself; a later event settles it
          : event === 'Complaint'
            ? 'complained'
            : event === 'Reject'
              ? 'rejected'
              : undefined;
  if (!next) return current;
  if (!current) return next;
  return RANK[next] > RANK[current] ? next : current;
}

/** Backoff before retry `attempt` (1-based): exponential with full jitter, capped. */
export function backoffMs(attempt: number, random: () => number, baseMs = 200, capMs = 5_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}
