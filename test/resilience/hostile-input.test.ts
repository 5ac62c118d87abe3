import { readRows } from '@uii/cli/commands/deadlines';
import { UsageError } from '@uii/cli/program';
import { errorsCsv, type FeedOutcome, feedReceiptContent, feedRefusalJob } from '@uii/domain';
import { checkFeed, FeedUnreadableError } from '@uii/feeds';
import { parseNotice } from '@uii/mail';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * Proof 4 (issue 14): property-based fuzzing of everything that reads outside input — the
 * feed readers, the mail parser, the CLI's JSON/CSV inputs. For every input: no uncaught
 * exception, no hang (a time limit per input), every rejection explained; nothing hostile
 * reaches a header (CR/LF), an HTML body (markup) or a CSV written back (formulas).
 * UII_FUZZ_RUNS sets the number of inputs per target (CI: 10,000).
 */
const RUNS = Number(process.env.UII_FUZZ_RUNS ?? 10_000);
const PER_INPUT_MS = 2_000;

class HangError extends Error {
  override readonly name = 'HangError';
}
async function limited<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new HangError(`${what} took more than ${PER_INPUT_MS} ms`)),
      PER_INPUT_MS,
    );
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

const figures: string[] = [];
const report = (line: string) => {
  figures.push(line);
  console.info(`[proof 4: hostile input] ${line}`);
};

// ── generators ──────────────────────────────────────────────────────────────────────────
const hostileText = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '=HYPERLINK("http://evil.example","x")',
      '+cmd|" /C calc"!A0',
      '-2+3',
      '@SUM(A1:A2)',
      '\t=1+1',
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      'Тема\r\nBcc: victim@evil.example',
      '\u0000\u202e',
      'Иванов Иван Иванович',
    ),
  },
  // A huge field, now and then (they are slow to make and to read).
  { arbitrary: fc.integer({ min: 1000, max: 30_000 }).map((n) => 'Ж'.repeat(n)), weight: 1 },
);
const invalidUtf8 = fc
  .uint8Array({ maxLength: 64 })
  .map((b) => Buffer.concat([Buffer.from([0xc3, 0x28, 0xff]), b]));
const csvFeed = fc
  .tuple(
    fc.array(
      fc.oneof(fc.constantFrom('id', 'name', 'region', 'salary', 'date_modify', 'title'), hostileText),
      {
        minLength: 1,
        maxLength: 6,
      },
    ),
    fc.array(fc.array(hostileText, { maxLength: 7 }), { maxLength: 6 }),
    fc.constantFrom(';', ',', '\t'),
  )
  .map(([header, rows, sep]) => Buffer.from([header, ...rows].map((r) => r.join(sep)).join('\r\n'), 'utf8'));
const deepJson = fc
  .integer({ min: 1, max: 5_000 })
  .map((depth) => `${'['.repeat(depth)}1${']'.repeat(depth)}`);
const jsonFeed = fc.oneof(
  fc.json({ maxDepth: 6 }),
  deepJson,
  fc
    .array(
      fc.dictionary(
        fc.constantFrom('id', 'region', 'salary', 'title', 'date_modify', 'x'),
        fc.jsonValue({ maxDepth: 3 }),
      ),
      {
        maxLength: 5,
      },
    )
    .map((a) => JSON.stringify(a)),
  fc.array(fc.json({ maxDepth: 3 }), { maxLength: 5 }).map((lines) => lines.join('\n')),
);
const feedInput = fc.oneof(
  csvFeed,
  jsonFeed.map((s) => Buffer.from(s)),
  invalidUtf8,
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.string({ maxLength: 200 }).map((s) => Buffer.from(`<?xml version="1.0"?><vacancies>${s}</vacancies>`)),
);

const header = (name: string) => fc.tuple(fc.constant(name), hostileText).map(([n, v]) => `${n}: ${v}`);
const mailInput = fc
  .tuple(
    fc.array(
      fc.oneof(
        header('From'),
        header('Subject'),
        header('Message-ID'),
        header('Content-Type'),
        header('Date'),
        fc.constantFrom(
          'From: "Kozlov A.V. (kozlov.av@gmail.com)" <master@worksite.example>',
          'Content-Type: multipart/mixed; boundary=b',
          'Content-Transfer-Encoding: base64',
          'Subject: =?utf-8?B?0KLQtdGB0YI=?=\r\n\tBcc: x@evil.example',
          'Auto-Submitted: auto-replied',
        ),
      ),
      { maxLength: 8 },
    ),
    fc.oneof(
      hostileText,
      fc
        .integer({ min: 1, max: 60 })
        .map((n) => `${'--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n'.repeat(n)}x`),
      fc.constant(
        '<html><body><script>alert(1)</script><table><tr><td>Иванов</td><td>не вышел</td></tr></table></body></html>',
      ),
    ),
    fc.boolean(),
  )
  .map(([headers, body, binary]) => {
    const raw = Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`, 'utf8');
    return binary ? Buffer.concat([raw, Buffer.from([0xff, 0xfe, 0x00, 0xc0])]) : raw;
  });

async function* chunksOf(bytes: Buffer) {
  yield bytes;
}

const FORMULA = /^[=+\-@\t\r]/;
/** The cells of a `;`-separated CSV as a spreadsheet reads them (quotes honoured, "" unescaped). */
function csvCells(csv: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  const text = csv.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ';' || ch === '\n') {
      cells.push(cell.replace(/\r$/, ''));
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

describe('hostile input', () => {
  it(`feed readers: ${RUNS} inputs — every one read or refused with a reason, nothing hostile written back`, async () => {
    let refused = 0;
    let rowsRejected = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(feedInput, hostileText, async (bytes, fileName) => {
        let result: Awaited<ReturnType<typeof checkFeed>>;
        try {
          result = await limited(checkFeed(chunksOf(bytes)), 'checkFeed');
        } catch (error) {
          // The only exception: the file as a whole is unreadable, and it says why.
          if (!(error instanceof FeedUnreadableError)) throw error;
          expect(error.message.length).toBeGreaterThan(5);
          refused += 1;
          const job = feedRefusalJob({
            serviceId: 'svc-1',
            fileName,
            reason: error.message,
            uploadId: 'etag',
            to: ['svc@example.ru'],
          });
          expect(job.subject).not.toMatch(/[\r\n]/);
          expect(job.html).not.toMatch(/<script|<img/i);
          return;
        }
        const r = result.report;
        for (const e of r.errors) {
          expect(e.row).toBeGreaterThanOrEqual(0);
          expect(e.field.length).toBeGreaterThan(0);
          expect(e.message.length).toBeGreaterThan(0);
        }
        expect(r.errors.length + r.errorsOmitted).toBeGreaterThanOrEqual(r.rejected > 0 ? 1 : 0);
        rowsRejected += r.rejected;
        // What goes back to the uploader: the receipt and its CSV of errors.
        const outcome: FeedOutcome = {
          ...r,
          serviceId: 'svc-1',
          serviceName: fileName,
          fileName,
          month: '2026-03',
          receivedAt: new Date(0).toISOString(),
          hash: r.hash ?? '0'.repeat(64),
        };
        const content = feedReceiptContent(outcome);
        expect(content.subject).not.toMatch(/[\r\n]/);
        expect(content.html).not.toMatch(/<script|<img/i);
        for (const cell of csvCells(errorsCsv([...r.errors, { row: 1, field: fileName, message: fileName }])))
          expect(cell, 'a CSV cell that a spreadsheet would run').not.toMatch(FORMULA);
      }),
      { numRuns: RUNS },
    );
    report(
      `feeds: ${RUNS} inputs, 0 uncaught, 0 hangs (limit ${PER_INPUT_MS} ms), ${refused} refused with a reason, ` +
        `${rowsRejected} rows rejected with a reason, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 600_000);

  it(`mail parser: ${RUNS} messages — parsed or triaged, nothing with CR/LF reaches a header`, async () => {
    let triaged = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(mailInput, async (raw) => {
        const parsed = await limited(parseNotice(raw), 'parseNotice');
        for (const value of [parsed.messageId, parsed.from, parsed.subject])
          if (value !== null) expect(value).not.toMatch(/[\r\n]/);
        for (const t of parsed.triage) expect(t.why.length).toBeGreaterThan(0);
        triaged += parsed.triage.length;
      }),
      { numRuns: RUNS },
    );
    report(
      `mail: ${RUNS} messages, 0 uncaught, 0 hangs, ${triaged} passages triaged with a reason, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 600_000);

  it(`CLI inputs: ${RUNS} JSON and CSV files — rows read or a usage error naming the file`, async () => {
    let refused = 0;
    const started = performance.now();
    const input = fc.oneof(
      jsonFeed.map((s) => ({ file: 'cases.json', bytes: Buffer.from(s) })),
      csvFeed.map((bytes) => ({ file: 'cases.csv', bytes })),
      invalidUtf8.map((bytes) => ({ file: 'cases.json', bytes })),
      fc.uint8Array({ maxLength: 200 }).map((b) => ({ file: 'cases.csv', bytes: Buffer.from(b) })),
    );
    await fc.assert(
      fc.asyncProperty(input, async ({ file, bytes }) => {
        try {
          const rows = await limited(
            Promise.resolve().then(() => readRows(file, bytes)),
            'readRows',
          );
          for (const r of rows) expect(r.row).toBeGreaterThan(0);
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
          expect(error.message).toContain(file);
          refused += 1;
        }
      }),
      { numRuns: RUNS },
    );
    report(
      `CLI: ${RUNS} files, 0 uncaught, 0 hangs, ${refused} refused with a usage error naming the file, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 600_000);
});
