import { CaseStore } from '@uii/aws/case-store';
import { type LocalStack, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureOutput } from './support';

/**
 * Proof 6 (issue 14): the run is seeded with known names, birth dates, addresses, phones,
 * e-mail addresses and case numbers, sent through every entry point (case store, case events,
 * worksite mail, a feed upload, alert jobs, poison messages); every line the functions log at
 * the deployed level (INFO) is captured; none of the seeded values appears.
 */
const PERSON = {
  lastName: 'Сидоренко',
  firstName: 'Аркадий',
  middleName: 'Валерьянович',
  birth: '14.07.1979',
  birthIso: '1979-07-14',
  address: 'г. Томск, ул. Вершинина, д. 17, кв. 42',
  phone: '+7 913 555-44-33',
  phoneDigits: '89135554433',
  email: 'arkadiy.sidorenko79@mail.example',
  caseNumber: '1-245/2026',
};
const SECRETS = [
  PERSON.lastName,
  PERSON.firstName,
  PERSON.middleName,
  PERSON.birth,
  PERSON.birthIso,
  'Вершинина',
  PERSON.phone,
  PERSON.phoneDigits,
  '555-44-33',
  PERSON.email,
  PERSON.caseNumber,
];
const fullName = `${PERSON.lastName} ${PERSON.firstName} ${PERSON.middleName}`;

let stack: LocalStack;
const output = captureOutput();
beforeAll(async () => {
  stack = await startLocalStack({ now: '2026-03-02', visibilityTimeoutSeconds: 1, logLevel: 'INFO' });
});
afterAll(async () => {
  output.restore();
  await stack?.stop();
});

const mail = (from: string, subject: string, body: string, id: string) =>
  Buffer.from(
    [
      `From: "${fullName}" <${from}>`,
      'To: uii-70@inbound.uii.example',
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
      'Date: Mon, 02 Mar 2026 09:30:00 +0300',
      `Message-ID: <${id}@worksite.example>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      body,
    ].join('\r\n'),
  );

describe('personal data', () => {
  it('never appears in a log line, whatever the entry point', async () => {
    const store = new CaseStore(stack.env.TABLE_NAME);
    await store.putCase(
      {
        id: 'PII-CASE-1',
        sentence: 'compulsory_labor',
        hoursOrdered: 120,
        birthDate: PERSON.birthIso,
        region: '70',
      },
      {
        caseId: 'PII-CASE-1',
        lastName: PERSON.lastName,
        firstName: PERSON.firstName,
        middleName: PERSON.middleName,
        phone: PERSON.phone,
        email: PERSON.email,
        address: PERSON.address,
        caseNumber: PERSON.caseNumber,
      },
    );
    const about = `${fullName}, ${PERSON.birth} г.р., ${PERSON.address}, тел. ${PERSON.phone}, дело ${PERSON.caseNumber}`;
    await stack.sendToQueue('case-events', {
      caseId: 'PII-CASE-1',
      event: { type: 'court_order_received', date: '2026-03-02' },
      source: 'officer',
    });
    await stack.sendToQueue('case-events', {
      caseId: 'PII-CASE-1',
      event: { type: 'absence_reported', date: '2026-03-02', outcome: 'no_such_outcome', reasonText: about },
      source: 'worksite',
    });
    await stack.receiveMail(
      mail(
        'master@stroy-primer.example',
        `Не вышел: ${fullName}`,
        `${about}\r\nне вышел на работу 01.03.2026.`,
        'pii-1',
      ),
      { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    );
    await stack.receiveMail(mail(PERSON.email, `Справка ${PERSON.caseNumber}`, about, 'pii-2'), {
      spf: 'FAIL',
    });
    await stack.uploadFeed('feed.csv', 'svc-unknown', {
      key: `uploads/svc-unknown/${PERSON.lastName}_${PERSON.firstName}_${PERSON.birth}.csv`,
      body: Buffer.from(
        `id;title;contact_phone;address\r\nv1;${fullName};${PERSON.phone};${PERSON.address}\r\n`,
      ),
    });
    await stack.sendToQueue('alert-outbox', {
      id: 'pii-alert-1',
      kind: 'test.pii',
      audience: 'officer',
      to: ['officer@uii.example'],
      subject: `Напоминание: ${fullName}`,
      text: about,
    });
    await stack.sendToQueue('match-requests', {
      reason: 'clock_opened',
      caseIds: [about],
      asOf: PERSON.birth,
    });
    await stack.sendToQueue('alert-outbox', `{"to": "${PERSON.email}", "text": "${about}`);

    await stack.drain(undefined, { timeoutMs: 60_000 });
    // What a redelivery would log too: wait for the DLQ moves of the poison.
    await new Promise((r) => setTimeout(r, 1500));
    await stack.drain(undefined, { timeoutMs: 60_000 });

    const lines = output.lines();
    const hits = SECRETS.flatMap((s) =>
      lines.filter((l) => l.includes(s)).map((l) => `${s} in: ${l.slice(0, 300)}`),
    );
    console.info(
      `[proof 6: personal data] log lines captured=${lines.length} seeded values=${SECRETS.length} ` +
        `invocations=${stack.invocations.length} appearances=${hits.length}`,
    );
    expect(stack.invocations.length).toBeGreaterThan(5);
    expect(lines.length).toBeGreaterThan(5);
    expect(hits).toEqual([]);
  }, 120_000);
});
