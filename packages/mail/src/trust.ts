import type { ParsedNotice } from './parse';

export type TrustDecision =
  | { accept: true }
  | {
      accept: false;
      reason: 'unregistered_sender' | 'not_authenticated';
      notifySender: boolean;
      why: string;
    };

/**
 * Apply only authenticated mail (SPF+DKIM pass, or DMARC pass) from a registered administrator.
 * Everything else is quarantined; only a registered sender who failed authentication is told
 * (anyone else gets no reply: no backscatter to forged addresses of strangers).
 */
export function decideTrust(
  notice: Pick<ParsedNotice, 'authenticated' | 'authentication' | 'worksite'>,
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
  return { accept: true };
}
