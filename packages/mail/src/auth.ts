import { z } from 'zod';

/** SES's verdicts as they come in receipt.* of the receipt notification. */
const Verdict = z.object({ status: z.string() }).partial().optional();

export const SesReceiptNotification = z.object({
  notificationType: z.string().optional(),
  mail: z.object({
    messageId: z.string().min(1),
    source: z.string().optional(),
    commonHeaders: z
      .object({
        messageId: z.string().optional(),
        subject: z.string().optional(),
        from: z.array(z.string()).optional(),
      })
      .partial()
      .optional(),
  }),
  receipt: z.object({
    spfVerdict: Verdict,
    dkimVerdict: Verdict,
    dmarcVerdict: Verdict,
    spamVerdict: Verdict,
    virusVerdict: Verdict,
    action: z.object({
      type: z.string(),
      bucketName: z.string().optional(),
      objectKey: z.string().optional(),
    }),
  }),
});
export type SesReceiptNotification = z.infer<typeof SesReceiptNotification>;

export interface AuthVerdicts {
  spf: string;
  dkim: string;
  dmarc: string;
}

export interface Authentication {
  authenticated: boolean;
  verdicts: AuthVerdicts;
  /** Why, in words an officer reads (Russian). */
  reason: string;
}

/** Trust rule: SPF and DKIM both pass, or DMARC passes (DMARC already means an aligned pass of one). */
export function judge(verdicts: AuthVerdicts): Authentication {
  const pass = (v: string) => v.toLowerCase() === 'pass';
  const authenticated = (pass(verdicts.spf) && pass(verdicts.dkim)) || pass(verdicts.dmarc);
  const reason = authenticated
    ? 'SPF/DKIM/DMARC пройдены'
    : `проверка подлинности не пройдена (SPF ${verdicts.spf}, DKIM ${verdicts.dkim}, DMARC ${verdicts.dmarc})`;
  return { authenticated, verdicts, reason };
}

export function verdictsFromReceipt(receipt: SesReceiptNotification['receipt']): AuthVerdicts {
  return {
    spf: receipt.spfVerdict?.status ?? 'NONE',
    dkim: receipt.dkimVerdict?.status ?? 'NONE',
    dmarc: receipt.dmarcVerdict?.status ?? 'NONE',
  };
}

/**
 * Offline: the `Authentication-Results` headers the receiving server added (RFC 8601).
 * No header → nothing is known → not authenticated.
 */
export function verdictsFromHeaders(values: readonly string[]): AuthVerdicts | null {
  if (values.length === 0) return null;
  const all = values.join(';').toLowerCase();
  const get = (method: string) =>
    all.match(new RegExp(`\\b${method}\\s*=\\s*([a-z]+)`))?.[1]?.toUpperCase() ?? 'NONE';
  return { spf: get('spf'), dkim: get('dkim'), dmarc: get('dmarc') };
}

export function authenticationFromHeaders(values: readonly string[]): Authentication {
  const verdicts = verdictsFromHeaders(values);
  if (!verdicts) {
    return {
      authenticated: false,
      verdicts: { spf: 'NONE', dkim: 'NONE', dmarc: 'NONE' },
      reason: 'нет заголовка Authentication-Results: подлинность не проверить',
    };
  }
  return judge(verdicts);
}
