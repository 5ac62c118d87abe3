import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorksiteRegistry } from '@uii/domain';
import { DEFAULT_MAIL_SETTINGS, decideTrust, noticeJson, parseNotice } from '@uii/mail';
import { describe, expect, it } from 'vitest';
import { bigAttachmentEml } from '../events/mail/generate';
import { redated } from '../packages/local/src/demo/mail';

const dir = join(import.meta.dirname, '../events/mail');
const registry = WorksiteRegistry.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '../events/mail/worksites.json'), 'utf8')),
);
const expected = readdirSync(dir)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.replace(/\.expected\.json$/, ''));

/** The committed .eml, or — for the 20 MB one — the message the generator builds at test time. */
function raw(name: string): Buffer {
  const file = join(dir, `${name}.eml`);
  if (existsSync(file)) return readFileSync(file);
  if (name === 'big-attachment') return bigAttachmentEml();
  throw new Error(`no ${name}.eml and no generator for it`);
}

const parse = (name: string) => parseNotice(raw(name), { registry });

describe('worksite mail corpus (events/mail): each message parses as its .expected.json says', () => {
  it('holds at least 30 messages, the demo pair included', () => {
    expect(expected.length).toBeGreaterThanOrEqual(30);
    expect(expected).toEqual(expect.arrayContaining(['demo-absence', 'demo-absence-2', 'big-attachment']));
  });

  it.each(expected)('%s', async (name) => {
    const want = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8'));
    expect(noticeJson(await parse(name))).toEqual(want);
  });
});

describe('the demo (npm start) is consistent', () => {
  it('every case a demo worksite names is a demo case, of the same inspection', () => {
    const root = join(import.meta.dirname, '..');
    const demo = WorksiteRegistry.parse(
      JSON.parse(readFileSync(join(root, 'events/worksites.json'), 'utf8')),
    );
    const file = JSON.parse(readFileSync(join(root, 'events/demo/cases.json'), 'utf8')) as {
      cases: Array<{ case: { id: string; inspectionId: string } }>;
    };
    const cases = new Map(file.cases.map((c) => [c.case.id, c.case.inspectionId]));
    const named = demo.flatMap((w) => w.cases.map((c) => [c.caseId, w.inspectionId]));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter(([id, inspection]) => cases.get(id!) !== inspection)).toEqual([]);
  });

  it('the demo absence mail is dated on the stack’s today and lands on the demo case', async () => {
    const root = join(import.meta.dirname, '..');
    const demo = WorksiteRegistry.parse(
      JSON.parse(readFileSync(join(root, 'events/worksites.json'), 'utf8')),
    );
    const file = redated(join(root, 'events/mail/demo-absence.eml'), '2026-03-02');
    const n = await parseNotice(readFileSync(file), { registry: demo });
    expect(n.date).toBe('2026-03-02');
    expect(n.items.map((i) => [i.person.caseId, i.date, i.outcome])).toEqual([
      ['DEMO-OR-1', '2026-03-02', 'absent_unexcused'],
    ]);
  });
});

describe('trust decisions on the corpus', () => {
  it('accepts an authenticated registered administrator', async () => {
    expect(decideTrust(await parse('demo-absence'))).toEqual({ accept: true });
  });

  it('quarantines a forged From of a registered address and tells the real administrator', async () => {
    const d = decideTrust(await parse('spoofed'));
    expect(d).toMatchObject({ accept: false, reason: 'not_authenticated', notifySender: true });
  });

  it('quarantines a registered sender whose DKIM failed', async () => {
    expect(decideTrust(await parse('dkim-fail'))).toMatchObject({
      accept: false,
      reason: 'not_authenticated',
    });
  });

  it('quarantines an authenticated stranger without replying (no backscatter)', async () => {
    const d = decideTrust(await parse('unregistered-sender'));
    expect(d).toMatchObject({ accept: false, reason: 'unregistered_sender', notifySender: false });
  });

  it('treats a message without Authentication-Results as not authenticated, and says so', async () => {
    const n = await parse('no-auth-header');
    expect(n.authenticated).toBe(false);
    expect(n.authentication.reason).toMatch(/Authentication-Results/);
  });
});

describe('limits and attachments', () => {
  it('reads the body of a 20 MB message and reports the oversized attachment instead of failing', async () => {
    const n = await parse('big-attachment');
    expect(n.items.map((i) => i.person.caseId)).toEqual(['70-0002']);
    expect(n.attachmentProblems).toEqual([expect.stringMatching(/^big\.csv: больше 10 МБ/)]);
  });

  it('reads a big attachment when the settings allow it, up to the row limit, and reports the rest', async () => {
    const n = await parseNotice(raw('big-attachment'), {
      registry,
      settings: { ...DEFAULT_MAIL_SETTINGS, maxAttachmentBytes: 32 * 1024 * 1024, maxTableRows: 50 },
    });
    expect(n.attachmentProblems).toEqual([]);
    // 50 identical rows are one fact, beside the body's own item.
    expect(n.items.map((i) => [i.person.caseId, i.date, i.hours])).toEqual([
      ['70-0002', '2026-11-16', 4],
      ['70-0001', '2026-11-16', 4],
    ]);
    expect(n.triage.map((t) => t.why)).toEqual(['файл big.csv: больше 50 строк — прочитаны первые 50']);
  });

  it('stores nothing of a message over the size limit but sends it to triage', async () => {
    const n = await parseNotice(raw('demo-absence'), {
      registry,
      settings: { ...DEFAULT_MAIL_SETTINGS, maxMessageBytes: 100 },
    });
    expect(n.items).toEqual([]);
    expect(n.triage[0]?.why).toMatch(/больше/);
    expect(n.from).toBe('master@stroy-primer.example');
  });

  it('matches by name only when no registry is given (case ids stay null)', async () => {
    const n = await parseNotice(raw('initials'));
    expect(n.items.map((i) => [i.person.name, i.person.caseId, i.date])).toEqual([
      ['Иванов И.И.', null, '2026-11-18'],
      ['О.Н. Иванова', null, '2026-11-18'],
      ['Иванову И. И.', null, '2026-11-17'],
    ]);
  });
});
