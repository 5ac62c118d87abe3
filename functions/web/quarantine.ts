import type { QuarantineRecord } from '@uii/aws/mail-store';
import { caseEventOf, type NoticeCaseEvent, type Worksite } from '@uii/domain';
import { parseNotice } from '@uii/mail';
import { simpleParser } from 'mailparser';
import type { WebData } from './data';

/**
 * The text of a quarantined mail, for reading: plain text only (HTML reduced to text by
 * mailparser), no links followed, no images or attachments opened; capped at 50 000 chars.
 */
export async function sanitisedText(raw: Buffer): Promise<string> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipHtmlToText: false });
  // Control characters (other than tab and line breaks) would only garble the page.
  const text = [...(mail.text ?? '')]
    .filter((ch) => {
      const code = ch.charCodeAt(0);
      return code >= 32 || code === 9 || code === 10 || code === 13;
    })
    .join('');
  const attachments = mail.attachments.map((a) => `[вложение: ${a.filename ?? 'без имени'}, ${a.size} байт]`);
  const body = [text.trim() || '(текста нет)', ...attachments].join('\n');
  return body.length > 50_000 ? `${body.slice(0, 50_000)}\n… (обрезано)` : body;
}

/**
 * Reads a quarantined mail as if its sender were the worksite's administrator (the officer
 * vouches for it): files its passages for triage and returns its events for case-events. Event ids are the mail's own (`mail:<key>:<n>`, as mail-intake makes them),
 * so releasing twice, or a later redelivery, records each fact once.
 */
export async function releaseMail(
  data: WebData,
  q: QuarantineRecord,
  worksite: Worksite,
): Promise<{ events: NoticeCaseEvent[]; triage: number }> {
  const raw = await data.rawMail(q);
  const parsed = await parseNotice(raw, { registry: [worksite], worksiteId: worksite.id });
  const key = `q${q.sesMessageId}`;
  const events = parsed.items
    .map((item, i) =>
      caseEventOf(item, { eventId: `mail:${key}:${i + 1}`, worksiteId: worksite.id, source: 'officer' }),
    )
    .filter((e): e is NoticeCaseEvent => e !== undefined);
  for (const [i, t] of parsed.triage.entries())
    await data.putTriage({
      itemId: data.triageItemId(key, i),
      sesMessageId: q.sesMessageId,
      worksiteId: worksite.id,
      receivedAt: new Date().toISOString(),
      text: t.text,
      why: t.why,
      ...(t.guess ? { guess: t.guess } : {}),
      status: 'open',
    });
  return { events, triage: parsed.triage.length };
}
