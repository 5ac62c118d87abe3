import { MatchStore } from '@uii/aws/match-store';
import { seed as seedDemoCases } from '@uii/local/demo/cases';
import { seed as seedDemoFeeds } from '@uii/local/demo/feeds';
import { seed as seedDemoProfiles } from '@uii/local/demo/match';
import { type LocalStack, repoRoot, startLocalStack } from '@uii/local/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queuedJobs } from './support/alert-jobs';
import { uiiAsync } from './support/uii';

/**
 * Matching through the local pipeline: the demo feed lands (feed-intake → snapshot →
 * match-requests), the demo cases' clocks open (case-events → match-requests), the match
 * function proposes vacancies and the shortlist reaches the officer's mailbox, the referral
 * list the employment service's; a referral then holds its opening.
 */
let stack: LocalStack;
let store: MatchStore;
const TODAY = '2026-11-23';

beforeAll(async () => {
  stack = await startLocalStack({
    functions: ['feed-intake', 'case-events', 'match', 'alert-outbox'],
    now: `${TODAY}T10:00:00+03:00`,
    visibilityTimeoutSeconds: 1, // the poison message reaches its DLQ sooner
    cli: true, // `uii match profile` against this stack
  });
  store = new MatchStore(stack.env.TABLE_NAME!);
  const ctx = {
    root: repoRoot,
    today: TODAY,
    env: { vars: stack.env, queues: stack.queueUrls, buckets: {}, tables: {} },
    uploadFeed: (file: string, serviceId: string) => stack.uploadFeed(file, serviceId),
    receiveMail: async () => '',
    sendToQueue: async (name: string, body: unknown) => void (await stack.sendToQueue(name, body)),
    putItems: (items: Record<string, unknown>[]) => stack.putItems(items),
  };
  // The demo's own order: the feed first here, so the first match already sees vacancies.
  await seedDemoFeeds(ctx);
  await stack.drain();
  await seedDemoProfiles(ctx);
  await seedDemoCases(ctx);
  await stack.drain();
});

afterAll(async () => {
  await stack?.stop();
});

describe('matching on the local stack', { timeout: 60_000 }, () => {
  it('proposes vacancies with reasons for a demo case and mails the officer the shortlist', async () => {
    const stored = await store.getProposals('DEMO-IR-1');
    expect(stored).toMatchObject({ caseId: 'DEMO-IR-1', region: '70', rule: 'CL-REFER', daysLeft: 15 });
    expect(stored!.proposals.length).toBeGreaterThan(0);
    expect(stored!.proposals[0]!.reasons[0]).toMatch(/та же профессия/);
    expect(stored!.planned).toBeDefined();
    // a driving ban: the demo feed's «Водитель автомобиля» is never proposed
    expect(stored!.proposals.map((p) => p.jobName)).not.toContain('Водитель автомобиля');

    // 15 days left: not urgent, so the shortlist is a line of the officer's next digest
    // («Подбор вакансий», issue 11), not a mail of its own.
    const mails = (await stack.outbox()).filter(
      (m) => m.to.includes('inspector@uii.example') && m.subject.includes('Вакансии для дела DEMO-IR-1'),
    );
    expect(mails).toEqual([]);
    const jobs = queuedJobs(stack).filter(
      (j) => j.to.includes('inspector@uii.example') && j.subject.includes('DEMO-IR-1'),
    );
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    expect(jobs.every((j) => j.kind === 'match.shortlist')).toBe(true);
    const last = jobs.at(-1)!;
    expect(last.subject).toMatch(/^Вакансии для дела DEMO-IR-1: \d+ вариант/);
    expect(last.text).toMatch(/Примеров И\. П\./);
    expect(last.text).toMatch(/км от дома/);
    // What to do is said in the officer's own screens, with no CLI syntax or event codes.
    expect(last.text).toContain(
      '«Мои дела» → дело DEMO-IR-1 → «Предложенные вакансии» → «Выдать предписание»',
    );
    expect(last.text).not.toMatch(/uii |referral_issued/);
    expect(last.text).not.toMatch(/\+7 900/);
  });

  it('sends the employment service the referral list: name, profession and deadline only', async () => {
    const lists = (await stack.outbox()).filter(
      (m) => m.to.includes('czn-tomsk@trud.example') && /нужна работа/.test(m.subject),
    );
    expect(lists.length).toBeGreaterThanOrEqual(1);
    const text = lists.map((l) => l.text).join('\n');
    expect(text).toMatch(/Примеров Иван Петрович — .+ — направить до 08\.12\.2026/);
    expect(text).toMatch(/Тестова Мария — .+ — направить до/);
    expect(text).not.toMatch(/\+7 900|DEMO-|км|оценка|запрет/);
  });

  it('an officer writes a profile with uii match profile: checked, stored, matched again', async () => {
    const uii = (...args: string[]) => uiiAsync(['match', 'profile', ...args], process.env);
    const shown = await uii('DEMO-IR-2', '--json');
    expect(shown.status).toBe(0);
    expect(JSON.parse(shown.stdout).profile.skills).toEqual(['уборщица', 'укладчица-упаковщица']);

    // Bad values: exit 2, each field named in words with the value typed, nothing stored.
    const bad = await uii('DEMO-IR-2', '--experience', 'много', '--bans', 'driving,flying');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('поле «стаж, лет»: ожидается число (указано «много»)');
    expect(bad.stderr).toMatch(/поле «запреты суда \(№ 2\)»: известные запреты: .* \(указано «flying»\)/);
    expect(bad.stderr).toContain('профиль не записан: 2 ошибки');
    expect((await store.getProfile('DEMO-IR-2'))?.experienceYears).toBe(1);
    expect((await uii('NO-SUCH-CASE', '--skills', 'грузчик')).status).toBe(2);

    // New skills and education: stored (the other fields kept), and the re-match proposes by them.
    const before = await store.getProposals('DEMO-IR-2');
    const ok = await uii(
      'DEMO-IR-2',
      '--skills',
      'грузчик',
      '--education',
      'Среднее профессиональное',
      '--experience',
      '2',
      '--json',
    );
    expect(ok.status).toBe(0);
    const out = JSON.parse(ok.stdout);
    expect(out).toMatchObject({ caseId: 'DEMO-IR-2', rematch: { requested: true } });
    expect(out.profile).toMatchObject({
      skills: ['грузчик'],
      bans: ['money'],
      experienceYears: 2,
      lat: 56.501,
    });
    expect(await store.getProfile('DEMO-IR-2')).toEqual(out.profile);
    await stack.drain();
    const after = await store.getProposals('DEMO-IR-2');
    expect(after!.updatedAt > before!.updatedAt).toBe(true);
    expect(after!.proposals[0]!.reasons[0]).toBe('та же профессия: «грузчик»');
  });

  it('a referral holds its opening and takes the case off the region’s list', async () => {
    const stored = await store.getProposals('DEMO-IR-1');
    const vacancyId = stored!.planned!;
    await stack.sendToQueue('case-events', {
      caseId: 'DEMO-IR-1',
      event: { type: 'referral_issued', date: TODAY, vacancyId },
      source: 'officer',
    });
    await stack.drain();
    expect(await store.listReferrals('70')).toEqual([{ caseId: 'DEMO-IR-1', vacancyId, issuedOn: TODAY }]);
    expect(await store.roster('70')).not.toContain('DEMO-IR-1');
  });

  it('sends a malformed match request to the DLQ', async () => {
    await stack.sendToQueue('match-requests', { reason: 'whatever', asOf: 'вчера' });
    await stack.sendToQueue('match-requests', { reason: 'clock_opened', asOf: TODAY });
    await stack.drain('match-requests', { timeoutMs: 30_000 });
    const depths = await stack.queueDepths();
    expect(depths.find((d) => d.name === 'match-requests')?.dlq?.depth).toBe(2);
  });
  it('uii match profile --file takes a record copied from the cases file, saying which of its fields are not the profile’s', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const record = JSON.parse(readFileSync(join(repoRoot, 'events/match/cases.json'), 'utf8'))[0];
    const file = join(mkdtempSync(join(tmpdir(), 'uii-profile-')), 'p.json');
    writeFileSync(file, JSON.stringify(record));
    const r = await uiiAsync(
      ['match', 'profile', 'DEMO-IR-2', '--file', file, '--no-rematch', '--json'],
      process.env,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('p.json: поля id, daysLeft — из записи дела, в профиль не входят и не учтены');
    expect(r.stderr).toContain(
      `запись скопирована из дела «${record.id}»; профиль записывается для дела DEMO-IR-2`,
    );
    const { id: _id, daysLeft: _days, ...profile } = record;
    expect(await store.getProfile('DEMO-IR-2')).toEqual(profile);

    // Flags over the stored profile: a non-ОКПДТР code is named, nothing stored.
    const bad = await uiiAsync(['match', 'profile', 'DEMO-IR-2', '--professions', 'грузчик'], process.env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(
      /поле «коды профессий ОКПДТР \(№ 1\)»: код ОКПДТР — 5 или 6 цифр .*\(указано «грузчик»\)/,
    );
    expect((await store.getProfile('DEMO-IR-2'))?.professions).toEqual(record.professions);
  });
});
