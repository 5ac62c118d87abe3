import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { auditItem } from '@uii/aws/audit-store';
import { CaseStore } from '@uii/aws/case-store';
import { documentClient } from '@uii/aws/clients';
import { DirectoryStore } from '@uii/aws/directory-store';
import { type LocalStack, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uiiAsync } from './support/uii';

// `uii alerts list` as an officer reads it: kinds and audiences in words, each time in its
// inspection's own zone (with the zone said), dates as ДД.ММ.ГГГГ; --json stays raw.
let stack: LocalStack;
const uii = (...args: string[]) => uiiAsync(args);
const hour = 1 + Math.floor(Math.random() * 5); // 01:00–05:00 UTC on 02.12.2026
const at = `2026-12-02T0${hour}:15:00.000Z`;
const rows = [
  { jobId: 'j-nsk', kind: 'deadline.first', audience: 'officer', inspectionId: 'INSP-NSK', caseId: 'NSK-1' },
  { jobId: 'j-case', kind: 'place.receipt', audience: 'partner', caseId: 'KAM-1' },
  { jobId: 'j-msk', kind: 'digest.daily', audience: 'officer', inspectionId: 'INSP-MSK' },
  { jobId: 'j-none', kind: 'feed.receipt', audience: 'employment_service' },
  { jobId: 'j-new', kind: 'feed.late_notice', audience: 'worksite', inspectionId: 'INSP-GONE' },
  { jobId: 'j-esc', kind: 'deadline.escalation', audience: 'supervisor', inspectionId: 'INSP-NSK' },
];

beforeAll(async () => {
  stack = await startLocalStack({
    functions: [],
    now: '2026-12-02T14:00:00Z' /* 03.12 02:00 in Kamchatka */,
    cli: true,
  });
  const table = stack.env.TABLE_NAME;
  const directory = new DirectoryStore(table);
  await directory.putInspection({ id: 'INSP-NSK', timeZone: 'Asia/Novosibirsk' });
  await directory.putInspection({ id: 'INSP-KAM', timeZone: 'Asia/Kamchatka' });
  await directory.putInspection({ id: 'INSP-MSK' }); // no zone set: Moscow
  await directory.putOfficer({ id: 'OFF-KAM', email: 'kam@uii41.example', inspectionId: 'INSP-KAM' });
  await new CaseStore(table).putCase(
    { id: 'KAM-1', sentence: 'corrective_labor', inspectionId: 'INSP-KAM' },
    { caseId: 'KAM-1', lastName: 'Петров', firstName: 'Пётр' },
  );
  const db = documentClient();
  for (const r of rows)
    await db.send(
      new PutCommand({
        TableName: table,
        Item: { ...auditItem({ ...r, recipients: ['someone@uii70.example'] }, new Date(at)), status: 'sent' },
      }),
    );
});
afterAll(async () => {
  await stack?.stop();
});

const local = (zone: string) =>
  new Intl.DateTimeFormat('ru-RU', {
    timeZone: zone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(new Date(at))
    .replace(',', '');
const lineOf = (out: string, what: string) => out.split('\n').find((l) => l.includes(what)) ?? '';

describe('uii alerts list, human output', () => {
  it('says kinds and audiences in words and each time in its inspection’s zone', async () => {
    const run = await uii('alerts', 'list', '--since', '01.12.2026');
    expect(run.status, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/с 01\.12\.2026: 6/);
    for (const raw of [
      'deadline.first',
      'place.receipt',
      'digest.daily',
      'feed.',
      'employment_service',
      '→ officer',
      '→ partner',
      '→ worksite',
    ])
      expect(out).not.toContain(raw);
    expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    expect(lineOf(out, 'NSK-1')).toContain(`${local('Asia/Novosibirsk')} (МСК+4)`);
    expect(lineOf(out, 'NSK-1')).toMatch(/начало срока.*→ инспектору/);
    expect(lineOf(out, 'KAM-1')).toContain(`${local('Asia/Kamchatka')} (МСК+9)`); // the case's inspection
    expect(lineOf(out, 'KAM-1')).toMatch(/квитанция о перечне.*→ муниципалитету/);
    expect(lineOf(out, 'сводка дня')).toContain(`${local('Europe/Moscow')} (МСК)`);
    expect(lineOf(out, 'службе занятости')).toContain(`${local('UTC')} (UTC)`);
    expect(lineOf(out, 'эскалация')).toContain('→ начальнику инспекции');
    // A kind added after the list still reads as words, never a crash.
    expect(lineOf(out, 'администрации объекта')).toMatch(/\(UTC\).*лента вакансий: late notice/);
    expect(out).toMatch(/UTC — время указано по UTC: не известно, какой инспекции адресовано уведомление/);
  });

  it('--json keeps the raw values', async () => {
    const run = await uii('alerts', 'list', '--since', '2026-12-01', '--json');
    const json = JSON.parse(run.stdout) as {
      since: string;
      alerts: { kind: string; audience: string; at: string }[];
    };
    expect(json.since).toBe('2026-12-01');
    expect(json.alerts.map((a) => a.kind).sort()).toEqual(rows.map((r) => r.kind).sort());
    expect(json.alerts.map((a) => a.audience).sort()).toEqual(rows.map((r) => r.audience).sort());
    expect(json.alerts.every((a) => a.at === at)).toBe(true);
  });

  it('an empty list says its dates as ДД.ММ.ГГГГ', async () => {
    const none = await uii('alerts', 'list', '--since', '2026-12-03');
    expect(none.status).toBe(0);
    expect(none.stdout.trim()).toBe('Уведомлений с 03.12.2026 нет');
    const byCase = await uii('alerts', 'list', '--case', 'NOPE-1', '--since', '2026-11-02');
    expect(byCase.stdout.trim()).toBe('Уведомлений по делу NOPE-1 с 02.11.2026 нет');
  });
});

describe('uii digest preview', () => {
  it('refuses an unknown officer or a bad day in Russian with exit 2, naming the known officers', async () => {
    const nobody = await uii('digest', 'preview', '--officer', 'OFF-NOBODY');
    expect(nobody.status).toBe(2);
    expect(nobody.stderr).toMatch(
      /--officer: инспектора «OFF-NOBODY» нет в справочнике; известные: .*OFF-KAM/,
    );
    const bad = await uii('digest', 'preview', '--officer', 'OFF-KAM', '--date', '31.02.2026');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--date: «31\.02\.2026» — не дата/);
  });
  it('without --date shows the officer’s own today, in the inspection’s zone', async () => {
    const run = await uii('digest', 'preview', '--officer', 'OFF-KAM', '--json');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: 'digest:OFF-KAM:2026-12-03' });
  });
  it('says a non-working day gets no digest, and shows what it would have been', async () => {
    const saturday = await uii('digest', 'preview', '--officer', 'OFF-KAM', '--date', '05.12.2026');
    expect(saturday.status, saturday.stderr).toBe(0);
    expect(saturday.stderr).toContain('05.12.2026 — нерабочий день: в этот день сводка не отправляется');
    const friday = await uii('digest', 'preview', '--officer', 'OFF-KAM', '--date', '04.12.2026');
    expect(friday.stderr).not.toContain('нерабочий день');
  });
});
