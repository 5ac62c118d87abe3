import { CaseStore } from '@uii/aws/case-store';
import { listQuarantine, listTriage, putWorksite } from '@uii/aws/mail-store';
import { authenticate, type SenderEvidence } from '@uii/domain';
import { type LocalStack, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Proof 5 (issue 14): hostile mail never reaches a case. Each message below reports an
 * unexcused absence of a real assigned person, in the words a worksite uses, and tries one way
 * of passing for the registered administrator master@stroy-primer.example. All go through the
 * local pipeline (SES inbound → S3 → SNS → SQS → mail-intake → case-events). Then the genuine
 * mail shows the pipeline does apply what it should.
 */
const ADMIN = 'master@stroy-primer.example';
const OWN = 'amazonses.com';
let stack: LocalStack;
let cases: CaseStore;
let n = 0;

function eml(input: { from: string; auth: string[]; extraFrom?: string; day?: number }): Buffer {
  n++;
  const headers = [
    ...input.auth.map((a) => `Authentication-Results: ${a}`),
    `From: ${input.from}`,
    ...(input.extraFrom ? [`From: ${input.extraFrom}`] : []),
    'To: uii-70@inbound.uii.example',
    'Subject: =?UTF-8?B?0J3QtdGP0LLQutCw?=',
    'Date: Wed, 18 Nov 2026 09:10:00 +0300',
    `Message-ID: <spoof-${n}@attempt.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  const body = `Добрый день!\r\n\r\nОбразцов Пётр ${input.day ?? 17}.11.2026 не вышел на работу без уважительной причины.\r\n\r\nМастер участка\r\n`;
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`, 'utf8');
}

const passFor = (domain: string, dmarc = 'none', headerFrom = 'stroy-primer.example') =>
  `${OWN}; spf=pass smtp.mailfrom=${domain}; dkim=pass header.d=${domain} header.i=@${domain}; dmarc=${dmarc} header.from=${headerFrom}`;

/** Name → message. Cyrillic «о» (U+043E) and «а» (U+0430) stand in for Latin o and a. */
const hostile: Record<string, Buffer> = {
  'unregistered sender, fully authenticated for its own domain': eml({
    from: 'Мастер <master@other-site.example>',
    auth: [passFor('other-site.example', 'pass', 'other-site.example')],
  }),
  'registered address, SPF and DKIM fail': eml({
    from: ADMIN,
    auth: [
      `${OWN}; spf=fail smtp.mailfrom=stroy-primer.example; dkim=fail header.d=stroy-primer.example; dmarc=fail header.from=stroy-primer.example`,
    ],
  }),
  'registered address, softfail and no signature, no DMARC policy': eml({
    from: ADMIN,
    auth: [`${OWN}; spf=softfail smtp.mailfrom=stroy-primer.example; dkim=none; dmarc=none`],
  }),
  'unaligned passes (another domain), dmarc=none': eml({
    from: ADMIN,
    auth: [passFor('bulk-sender.example')],
  }),
  'look-alike domain passes (one letter), dmarc=fail': eml({
    from: ADMIN,
    auth: [passFor('stroy-prlmer.example', 'fail')],
  }),
  'look-alike domain passes, dmarc=none': eml({ from: ADMIN, auth: [passFor('stroy-pirmer.example')] }),
  'Cyrillic homoglyph From domain, authenticated for itself': eml({
    from: 'master@strоy-primer.example',
    auth: [passFor('xn--stry-primer-7jh.example', 'pass', 'xn--stry-primer-7jh.example')],
  }),
  'Cyrillic homoglyph in the passing domain, dmarc=none': eml({
    from: ADMIN,
    auth: [passFor('xn--stry-primer-7jh.example')],
  }),
  'Cyrillic homoglyph in the local part': eml({
    from: 'mаster@stroy-primer.example',
    auth: [passFor('stroy-primer.example', 'pass')],
  }),
  'passes for a subdomain of an attacker domain named like the worksite': eml({
    from: ADMIN,
    auth: [passFor('stroy-primer.example.attacker.example')],
  }),
  'display name holds the admin address (quoted)': eml({
    from: `"${ADMIN}" <master@attacker.example>`,
    auth: [passFor('attacker.example', 'pass', 'attacker.example')],
  }),
  'display name holds the admin address (unquoted)': eml({
    from: `${ADMIN} <master@attacker.example>`,
    auth: [passFor('attacker.example', 'pass', 'attacker.example')],
  }),
  'display name encoded word holds the admin address': eml({
    from: '=?UTF-8?B?bWFzdGVyQHN0cm95LXByaW1lci5leGFtcGxl?= <master@attacker.example>',
    auth: [passFor('attacker.example', 'pass', 'attacker.example')],
  }),
  'two mailboxes in From': eml({
    from: `${ADMIN}, master@attacker.example`,
    auth: [passFor('attacker.example', 'pass', 'attacker.example')],
  }),
  'two From header fields': eml({
    from: 'master@attacker.example',
    extraFrom: ADMIN,
    auth: [passFor('attacker.example', 'pass', 'attacker.example')],
  }),
  'forged lower Authentication-Results with the own authserv-id': eml({
    from: ADMIN,
    auth: [
      `${OWN}; spf=fail smtp.mailfrom=attacker.example; dkim=none; dmarc=fail header.from=stroy-primer.example`,
      passFor('stroy-primer.example', 'pass'),
    ],
  }),
  'forged header of another server, no own verdict': eml({
    from: ADMIN,
    auth: [
      `mx.stroy-primer.example; spf=pass smtp.mailfrom=stroy-primer.example; dkim=pass header.d=stroy-primer.example; dmarc=pass header.from=stroy-primer.example`,
    ],
  }),
  'no Authentication-Results at all': eml({ from: ADMIN, auth: [] }),
};

beforeAll(async () => {
  stack = await startLocalStack({
    functions: ['mail-intake', 'case-events', 'alert-outbox'],
    now: '2026-11-23T10:00:00+03:00',
  });
  const table = stack.env.TABLE_NAME!;
  cases = new CaseStore(table);
  await putWorksite(table, {
    id: 'ws-stroy-primer',
    name: 'ООО «Пример», строительный участок',
    inspectionId: 'uii-70',
    administrators: [ADMIN],
    cases: [{ caseId: 'DEMO-OR-1', name: 'Образцов Пётр' }],
  });
  await cases.putCase({
    id: 'DEMO-OR-1',
    sentence: 'compulsory_labor',
    hoursOrdered: 240,
    inspectionId: 'uii-70',
    officerId: 'OFF-7',
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe('proof 5: spoofed worksite mail is never applied to a case', () => {
  it('quarantines every hostile mail, records nothing and answers no stranger', async () => {
    const names = Object.keys(hostile);
    for (const name of names) await stack.receiveMail(hostile[name]!);
    await stack.drain();

    const applied = (await cases.listEvents('DEMO-OR-1')).length;
    const quarantine = await listQuarantine(stack.env.TABLE_NAME!);
    const triage = await listTriage(stack.env.TABLE_NAME!);
    const strangersAnswered = (await stack.outbox()).filter((m) => !m.to.includes(ADMIN)).length;
    console.log(
      `spoofing: ${names.length} hostile mails, ${applied} applied to a case, ` +
        `${quarantine.length} quarantined (${quarantine.filter((q) => q.reason === 'unregistered_sender').length} unregistered, ` +
        `${quarantine.filter((q) => q.reason === 'not_authenticated').length} not authenticated), ${triage.length} in triage, ` +
        `${strangersAnswered} replies to strangers`,
    );
    expect(applied).toBe(0);
    expect(triage).toEqual([]);
    expect(quarantine).toHaveLength(names.length);
    // Each would have reported the absence: the pipeline read it and still refused it.
    expect(
      quarantine.filter((q) => q.reason === 'not_authenticated').map((q) => [q.itemsParsed, q.why]),
    ).toEqual(quarantine.filter((q) => q.reason === 'not_authenticated').map((q) => [1, q.why]));
    expect(strangersAnswered).toBe(0);
  });

  it('applies the genuine mail, even with an address in the display name (14.5)', async () => {
    await stack.receiveMail(
      eml({
        from: `"Kozlov A.V. (kozlov.av@gmail.com)" <${ADMIN}>`,
        day: 18,
        auth: [
          `${OWN}; spf=pass (spfCheck: domain of stroy-primer.example designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from=${ADMIN}; helo=mx.stroy-primer.example; dkim=pass header.i=@stroy-primer.example; dmarc=pass header.from=stroy-primer.example;`,
        ],
      }),
    );
    await stack.drain();
    expect((await cases.listEvents('DEMO-OR-1')).map((e) => e.event.type)).toEqual(['absence_reported']);
  });
});

describe('the same rules on SES verdicts (AWS)', () => {
  const evidence = (ses: SenderEvidence['ses'], header: string): SenderEvidence => ({
    from: [ADMIN],
    fromHeaders: 1,
    authResults: [header],
    ses,
  });

  it('SES says SPF and DKIM pass but DMARC has no policy: only an aligned pass counts', () => {
    const ses = { spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' };
    expect(authenticate(evidence(ses, passFor('stroy-prlmer.example'))).authenticated).toBe(false);
    expect(authenticate(evidence(ses, passFor('mail.stroy-primer.example'))).authenticated).toBe(true);
  });

  it('SES DMARC FAIL is final, whatever a header says', () => {
    const ses = { spf: 'PASS', dkim: 'PASS', dmarc: 'FAIL' };
    expect(authenticate(evidence(ses, passFor('stroy-primer.example', 'pass'))).authenticated).toBe(false);
  });

  it('SES DMARC PASS for another From domain than the one read is refused', () => {
    const ses = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };
    const other = passFor('attacker.example', 'pass', 'attacker.example');
    expect(authenticate(evidence(ses, other)).authenticated).toBe(false);
  });
});
