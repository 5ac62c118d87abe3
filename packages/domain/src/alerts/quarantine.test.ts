import { describe, expect, it } from 'vitest';
import { AlertJob } from './alert-job';
import { runDigest } from './digest-run';
import { concernsInspection, type QuarantinedMail, quarantineAlert, quarantineAudience } from './quarantine';

const mail = (over: Partial<QuarantinedMail> = {}): QuarantinedMail => ({
  sesMessageId: 'ses123',
  receivedAt: '2026-11-22T22:30:00.000Z', // 23.11 in Moscow and in Vladivostok
  from: 'master@stroy.example',
  subject: 'Неявка',
  reason: 'not_authenticated',
  why: 'DMARC не пройден для домена stroy.example',
  itemsParsed: 2,
  senderNotified: true,
  worksite: { id: 'ws-1', name: 'ООО «Стройка»' },
  inspectionId: 'uii-70',
  ...over,
});

const directory = {
  officers: [
    { id: 'OFF-1', email: 'one@uii.example', inspectionId: 'uii-70' },
    { id: 'OFF-2', email: 'two@uii.example', inspectionId: 'uii-70', lang: 'en' as const },
    { id: 'OFF-VL', email: 'vl@uii.example', inspectionId: 'uii-25' },
  ],
  inspections: [
    { id: 'uii-70', email: 'uii70@uii.example', inboundAddresses: ['uii-70@inbound.example'] },
    { id: 'uii-25', inboundAddresses: ['uii-25@inbound.example'], timeZone: 'Asia/Vladivostok' },
  ],
};

describe('quarantineAlert', () => {
  it('says what and whom, why in words and what to do, in Russian, with a stable id', () => {
    const job = AlertJob.parse(quarantineAlert(mail(), { address: 'one@uii.example', officerId: 'OFF-1' }));
    expect(job).toMatchObject({
      id: 'mail.quarantine:ses123:OFF-1',
      kind: 'mail.quarantine',
      audience: 'officer',
      to: ['one@uii.example'],
      subject: 'Карантин: письмо от master@stroy.example не прошло проверку — 23.11.2026',
      inspectionId: 'uii-70',
      lang: 'ru',
    });
    expect(job.text).toContain('Получено: 23.11.2026 01:30');
    expect(job.text).toContain('подлинность отправителя не подтверждена');
    expect(job.text).toContain('2 записи распознаны, не записано ничего');
    expect(job.text).toContain('раздел «Карантин» веб-приложения, проверьте отправителя и решите');
    expect(job.reason).not.toMatch(/not_authenticated/);
    expect(quarantineAlert(mail(), { address: 'one@uii.example', officerId: 'OFF-1' }).id).toBe(job.id);
  });

  it('is English for an English recipient, and dates the mail in the inspection’s zone', () => {
    const job = quarantineAlert(
      mail({
        reason: 'list_expired',
        why: 'срок истёк',
        worksite: { id: 'w', name: 'W', validTo: '2026-10-31' },
      }),
      { address: 'two@uii.example', lang: 'en' },
      { timeZone: 'Asia/Vladivostok' },
    );
    expect(job.subject).toBe('Quarantine: mail from master@stroy.example failed the check — 23.11.2026');
    expect(job.text).toContain('Received: 23.11.2026 08:30');
    expect(job.text).toContain('the agreed list of the place ended on 31.10.2026');
    // Russian only in the name of the screen the officer opens.
    const own = job.text.split('\n').filter((l) => !l.startsWith('Subject:'));
    expect(own.join('\n').replaceAll('«Карантин»', '')).not.toMatch(/[а-яё]/i);
  });

  it('shows the untrusted subject only as a short escaped line, never the body', () => {
    const long = `<script>alert(1)</script>\nBcc: x@evil.example ${'а'.repeat(200)}`;
    const job = quarantineAlert(mail({ subject: long }), { address: 'one@uii.example' });
    expect(job.html).not.toContain('<script>');
    expect(job.html).toContain('&lt;script&gt;');
    const line = job.text.split('\n').find((l) => l.startsWith('Тема письма:'))!;
    expect([...line].length).toBeLessThan(100);
    expect(job.text).not.toContain('\nBcc:');
    expect(quarantineAlert(mail({ subject: null, from: null }), { address: 'a@b.example' }).subject).toBe(
      'Карантин: письмо от неизвестного отправителя не прошло проверку — 23.11.2026',
    );
  });
});

describe('quarantineAudience', () => {
  it('tells the officers of the worksite’s cases first, in their language', () => {
    const a = quarantineAudience({
      worksite: { inspectionId: 'uii-70' },
      receivedBy: ['uii-70@inbound.example'],
      directory,
      caseOfficers: ['OFF-2', 'OFF-2', 'OFF-VL-GONE'],
    });
    expect(a).toEqual({
      inspectionIds: ['uii-70'],
      recipients: [{ address: 'two@uii.example', officerId: 'OFF-2', lang: 'en' }],
    });
  });

  it('falls back to the inspection’s inbox, then its officers; a stranger goes by the receiving address', () => {
    const w = { worksite: { inspectionId: 'uii-70' }, receivedBy: [], directory };
    expect(quarantineAudience(w).recipients).toEqual([{ address: 'uii70@uii.example' }]);
    const stranger = quarantineAudience({ receivedBy: ['UII-25@inbound.example'], directory });
    expect(stranger).toEqual({
      inspectionIds: ['uii-25'],
      recipients: [{ address: 'vl@uii.example', officerId: 'OFF-VL' }],
      timeZone: 'Asia/Vladivostok',
    });
    expect(quarantineAudience({ receivedBy: ['uii-25@inbound.example'], directory, junk: true })).toEqual({
      inspectionIds: ['uii-25'],
      recipients: [],
      timeZone: 'Asia/Vladivostok',
    });
    expect(quarantineAudience({ receivedBy: ['other@inbound.example'], directory })).toEqual({
      inspectionIds: [],
      recipients: [],
    });
  });
});

describe('concernsInspection', () => {
  it('counts an item for its inspections only; one no inspection can be told of, for all', () => {
    expect(concernsInspection(['uii-70'], 'uii-70')).toBe(true);
    expect(concernsInspection(['uii-70'], 'uii-25')).toBe(false);
    expect(concernsInspection(['uii-70'], undefined)).toBe(false);
    expect(concernsInspection([], 'uii-25')).toBe(true);
    expect(concernsInspection(undefined, undefined)).toBe(true);
  });
});

describe('runDigest: waiting mail per inspection', () => {
  it('asks for each officer’s own inspection and shows another inspection’s mail to nobody', async () => {
    const asked: Array<string | undefined> = [];
    const run = await runDigest(
      new Date('2026-03-04T05:00:00Z'),
      {
        roster: async () => ({
          officers: [
            { id: 'a', email: 'a@uii.example', inspectionId: 'uii-70' },
            { id: 'b', email: 'b@uii.example', inspectionId: 'uii-70' },
            { id: 'c', email: 'c@uii.example', inspectionId: 'uii-25' },
          ],
          inspections: new Map(),
          casesByOfficer: new Map(),
        }),
        events: async () => [],
        person: async () => undefined,
        waiting: async (inspectionId) => {
          asked.push(inspectionId);
          return inspectionId === 'uii-70' ? { triage: 0, quarantine: 1 } : { triage: 0, quarantine: 0 };
        },
      },
      { date: '2026-03-04' },
    );
    expect(asked).toEqual(['uii-70', 'uii-25']); // once per inspection
    const text = Object.fromEntries(run.jobs.map((j) => [j.officerId, j.text]));
    expect(text.a).toContain('1 письмо в карантине');
    expect(text.b).toContain('1 письмо в карантине');
    expect(text.c).not.toMatch(/карантин/i);
  });
});
