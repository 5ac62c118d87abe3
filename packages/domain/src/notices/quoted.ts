/**
 * Quoted history in replies and forwards. Rules (docs/adr/0009-mail-trust.md):
 *   - reply history is never read: `>` lines, «-----Original Message-----»,
 *     «-----Исходное сообщение-----», «From: … Sent: …» / «От: … Отправлено: …» blocks,
 *     «… пишет:» / «… wrote:» and everything after them;
 *   - a forward («-------- Пересылаемое сообщение --------», «---------- Forwarded message
 *     ---------», «Начало переадресованного сообщения») keeps the forwarded part apart: the
 *     caller reads it only when the new text says nothing, and trusts it only when it came
 *     from an administrator of the same worksite.
 */
export interface Forwarded {
  from: string | null;
  /** The forwarded message's date line as written, if any. */
  dateText: string | null;
  text: string;
}

export interface SplitBody {
  /** What the sender wrote in this message. */
  own: string;
  forwarded: Forwarded | null;
  /** True when reply history was cut off. */
  quotedRemoved: boolean;
}

const FORWARD_MARK =
  /^\s*(?:-{2,}\s*(?:Пересылаемое сообщение|Forwarded message|Переадресованное сообщение)\s*-{2,}|Начало переадресованного сообщения:?|Begin forwarded message:?)\s*$/im;
const FORWARD_END = /^\s*-{2,}\s*(?:Конец пересылаемого сообщения|End of forwarded message)\s*-{2,}\s*$/im;
const REPLY_MARKS = [
  /^\s*-{2,}\s*(?:Original Message|Исходное сообщение)\s*-{2,}\s*$/im,
  /^.{0,200}(?:пишет|написал|написала|wrote)\s*:\s*$/im,
  /^\s*(?:From|От|Отправитель)\s*:.*\n\s*(?:Sent|Отправлено|Дата|Date)\s*:/im,
  /^_{10,}\s*$/m,
];

function firstIndex(text: string, patterns: RegExp[]): number {
  let best = -1;
  for (const p of patterns) {
    const m = p.exec(text);
    if (m && (best < 0 || m.index < best)) best = m.index;
  }
  return best;
}

function dropQuotedLines(text: string): { text: string; removed: boolean } {
  const lines = text.split('\n');
  const kept = lines.filter((l) => !/^\s*>/.test(l));
  return { text: kept.join('\n'), removed: kept.length !== lines.length };
}

function headerValue(block: string, names: string[]): string | null {
  for (const name of names) {
    const m = block.match(new RegExp(`^\\s*${name}\\s*:\\s*(.+)$`, 'im'));
    if (m) return m[1]!.trim();
  }
  return null;
}

/**
 * `isForward` (the subject says FW:/Fwd:/Пересл:) makes the first Outlook-style header block
 * («-----Original Message-----», «From: … Sent: …») a forward rather than reply history.
 */
export function splitBody(body: string, isForward = false): SplitBody {
  const text = body.replace(/\r\n?/g, '\n');
  const replyAt = firstIndex(text, REPLY_MARKS);
  let fwd = FORWARD_MARK.exec(text);
  if (isForward && replyAt >= 0 && (!fwd || replyAt < fwd.index)) {
    const line = text.slice(replyAt).match(/^.*(?:\n|$)/)![0];
    const isHeaderBlock = /^\s*(?:From|От|Отправитель)\s*:/i.test(line);
    fwd = Object.assign([isHeaderBlock ? '' : line.replace(/\n$/, '')], {
      index: replyAt,
      input: text,
    }) as RegExpExecArray;
  }
  if (fwd && (replyAt < 0 || fwd.index <= replyAt)) {
    const ownRaw = text.slice(0, fwd.index);
    const rest = text.slice(fwd.index + fwd[0].length).replace(/^\n+/, '');
    // The forwarded headers run until the first blank line.
    const blank = rest.search(/\n\s*\n/);
    const headers = blank >= 0 ? rest.slice(0, blank) : '';
    const body = (blank >= 0 ? rest.slice(blank) : rest).split(FORWARD_END)[0]!;
    const inner = splitBody(body);
    const own = dropQuotedLines(ownRaw);
    // Yandex writes one line «16.11.2026, 09:05, "Козлов А.В." <master@…>:» instead of headers.
    const yandex = headers.match(
      /^\s*(\d{1,2}\.\d{1,2}\.\d{4},?\s+\d{1,2}:\d{2}),?\s+(.*<[^>]+@[^>]+>)\s*:?\s*$/m,
    );
    return {
      own: own.text.trim(),
      forwarded: {
        from: headerValue(headers, ['From', 'От кого', 'От', 'Отправитель']) ?? yandex?.[2] ?? null,
        dateText: headerValue(headers, ['Date', 'Sent', 'Дата', 'Отправлено']) ?? yandex?.[1] ?? null,
        text: inner.own,
      },
      quotedRemoved: own.removed || inner.quotedRemoved,
    };
  }
  const cut = replyAt >= 0 ? text.slice(0, replyAt) : text;
  const own = dropQuotedLines(cut);
  return { own: own.text.trim(), forwarded: null, quotedRemoved: replyAt >= 0 || own.removed };
}

/** The e-mail address inside «Иванов <a@b.ru>» or a bare address. */
export function addressIn(text: string | null): string | null {
  if (!text) return null;
  const m = text.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/);
  return m ? m[0].toLowerCase() : null;
}
