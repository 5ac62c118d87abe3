/** The local mailbox: what aws-ses-v2-local stored of every mail the functions sent. */
export interface OutboxMail {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text?: string;
  html?: string;
  /** Attachments with their content (base64), calendar parts included. */
  attachments: { filename?: string; contentType: string; size: number; contentBase64?: string }[];
  /** Epoch seconds. */
  at: number;
}

interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: { filename?: string; contentType: string; size: number; content?: string }[];
  at: number;
}

/** Reads the emulator's `GET /store`, optionally only mail sent since `sinceEpochSeconds`. */
export async function readMailbox(sesUrl: string, sinceEpochSeconds?: number): Promise<OutboxMail[]> {
  const query = sinceEpochSeconds === undefined ? '' : `?since=${Math.floor(sinceEpochSeconds)}`;
  const response = await fetch(`${sesUrl}/store${query}`);
  if (!response.ok) throw new Error(`local mailbox ${sesUrl} answered ${response.status}`);
  const store = (await response.json()) as { emails: StoredEmail[] };
  return store.emails.map((e) => ({
    messageId: e.messageId,
    from: e.from,
    to: e.destination.to,
    cc: e.destination.cc,
    subject: e.subject,
    text: e.body.text,
    html: e.body.html,
    attachments: e.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      contentBase64: a.content,
    })),
    at: e.at,
  }));
}
