// biome-ignore-all lint/performance/useDomNodeTextContent: the tests read what the user sees (rendered text), not the DOM source
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseStore } from '@uii/aws/case-store';
import { listQuarantine, listTriage, putWorksite } from '@uii/aws/mail-store';
import { today, WorksiteRegistry } from '@uii/domain';
import * as demoCases from '@uii/local/demo/cases';
import type { DemoContext } from '@uii/local/demo/context';
import * as demoMail from '@uii/local/demo/mail';
import * as demoPlaces from '@uii/local/demo/places';
import { type LocalStack, repoRoot, startLocalStack } from '@uii/local/testing';
import { type LocalWeb, startDemoWeb } from '@uii/local/web';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, haveChromium, launch, newContext, screenshot } from './browser';

/**
 * The officers' web in a real browser (Debian's chromium through playwright-core) against the
 * local stack: the same app the Lambda serves, the same stores and case-events path.
 * Every page is checked with axe.
 */
let stack: LocalStack;
let web: LocalWeb;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let officer: BrowserContext;
let page: Page;
let cases: CaseStore;
let demo: DemoContext;
const timings: Record<string, number> = {};

async function open(path: string, name?: string): Promise<Page> {
  const t0 = performance.now();
  const response = await page.goto(new URL(path, web.url).href);
  if (name) timings[name] = Math.round(performance.now() - t0);
  expect(response?.status(), path).toBe(200);
  return page;
}

async function expectAccessible(name: string) {
  expect(await axeViolations(page), name).toEqual([]);
  await screenshot(page, repoRoot, name);
}

// In CI a missing chromium is a failure, not a skip (.ci/run installs it).
describe.skipIf(!haveChromium && !process.env.CI)('officers web in chromium', () => {
  beforeAll(async () => {
    stack = await startLocalStack({
      functions: ['mail-intake', 'case-events', 'alert-outbox'],
      now: '2026-11-23T10:00:00+03:00',
    });
    const table = stack.env.TABLE_NAME!;
    cases = new CaseStore(table);
    const ctx: DemoContext = {
      root: repoRoot,
      today: today(),
      env: { vars: stack.env, queues: stack.queueUrls, buckets: {}, tables: {} },
      uploadFeed: (file, serviceId) => stack.uploadFeed(file, serviceId),
      receiveMail: async (file, verdicts) => (await stack.receiveMail(file, verdicts)).messageId,
      sendToQueue: async (name, body) => void (await stack.sendToQueue(name, body)),
      putItems: (items) => stack.putItems(items),
    };
    demo = ctx;
    await demoCases.seed(ctx);
    // The worksite's people the test mails name, in the demo inspection; one case of another inspection.
    const person = (id: string, lastName: string, firstName: string) => ({
      pk: `PII#${id}`,
      sk: 'PERSON',
      type: 'person',
      person: { caseId: id, lastName, firstName },
    });
    const caseItem = (id: string, inspectionId: string, officerId: string) => ({
      pk: `CASE#${id}`,
      sk: 'META',
      type: 'case',
      version: 0,
      case: { id, sentence: 'compulsory_labor', hoursOrdered: 120, inspectionId, officerId },
      // The caseload index keys CaseStore.putCase writes (docs/architecture.md).
      gsi2pk: `OFFICER#${officerId}`,
      gsi2sk: `CASE#${id}`,
      gsi3pk: `INSPECTION#${inspectionId}`,
      gsi3sk: `CASE#${id}`,
    });
    await stack.putItems([
      caseItem('70-0002', 'INSP-DEMO', 'OFF-DEMO'),
      person('70-0002', 'Петрова', 'Мария'),
      caseItem('70-0005', 'INSP-DEMO', 'OFF-DEMO'),
      person('70-0005', 'Иванова', 'Ольга'),
      caseItem('OTHER-1', 'INSP-OTHER', 'OFF-OTHER'),
      person('OTHER-1', 'Чужой', 'Пётр'),
    ]);
    await demoMail.seed(ctx);
    // The corpus worksites whose people the test mails name (events/mail/worksites.json).
    const registry = WorksiteRegistry.parse(
      JSON.parse(readFileSync(join(repoRoot, 'events/mail/worksites.json'), 'utf8')),
    );
    for (const w of registry) await putWorksite(table, w);
    await stack.receiveMail(join(repoRoot, 'events/mail/ambiguous-ivanova.eml'));
    await stack.receiveMail(join(repoRoot, 'events/mail/unregistered-sender.eml'));
    await stack.drain();
    // The matcher's proposals store is another slice: a stand-in with one suggestion for DEMO-IR-2.
    web = await startDemoWeb(repoRoot, () => today(), {
      proposals: {
        listProposals: async (caseId) =>
          caseId === 'DEMO-IR-2'
            ? [
                {
                  vacancyId: 'VAC-70-1',
                  title: 'Подсобный рабочий',
                  employer: 'ООО «Пример»',
                  reasons: ['в районе проживания', 'опыт не требуется'],
                },
              ]
            : [],
      },
    });
    ({ browser, close: closeBrowser } = await launch());
    officer = await newContext(browser);
    page = await officer.newPage();
    page.setDefaultTimeout(8000);
  });

  afterAll(async () => {
    await officer?.close();
    await closeBrowser?.();
    await web?.stop();
    await stack?.stop();
    if (Object.keys(timings).length) console.log('page load times, ms:', JSON.stringify(timings));
  });

  it('signs in with the one-time link, which works once, and shows Сегодня with counts', async () => {
    const link = web.demoLinks().officerSignIn;
    const t0 = performance.now();
    await page.goto(link);
    timings.today = Math.round(performance.now() - t0);
    await expect.poll(() => page.url()).toBe(`${web.url}/`);
    expect(await page.locator('h1').innerText()).toBe('Сегодня, 23.11.2026');
    expect(await page.locator('.local-banner').innerText()).toMatch(/Локальный стенд/);
    const cookies = await officer.cookies();
    expect(cookies.find((c) => c.name === '__Host-uii_session')).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
    });
    expect(await page.locator('#h-triage .count').innerText()).toBe('1');
    expect(await page.locator('#h-quarantine .count').innerText()).toBe('1');
    await expectAccessible('today');

    const again = await (await newContext(browser)).newPage();
    const response = await again.goto(link);
    expect(response?.status()).toBe(401);
    await again.context().close();
  });

  it('lists the demo caseload sorted by days left, searches and says «нет результатов»', async () => {
    await open('/cases', 'cases');
    const ids = await page
      .locator('#caseload tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')));
    expect(ids).not.toContain('OTHER-1');
    expect(ids).toEqual(expect.arrayContaining(['DEMO-IR-1', 'DEMO-IR-2', 'DEMO-OR-1']));
    const days = await page
      .locator('#caseload tbody tr [data-days]')
      .evaluateAll((tags) => tags.map((t) => Number(t.getAttribute('data-days'))));
    expect(days.length).toBeGreaterThanOrEqual(3);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(await page.locator('tr[data-case="DEMO-IR-1"] .tag', { hasText: 'новое дело' }).count()).toBe(1);
    await expectAccessible('caseload');

    await page.fill('#q', 'примеров');
    await page.click('form.filters button[type=submit]');
    expect(
      await page.locator('#caseload tbody tr').evaluateAll((r) => r.map((x) => x.getAttribute('data-case'))),
    ).toEqual(['DEMO-IR-1']);
    await page.fill('#q', 'нет такого');
    await page.click('form.filters button[type=submit]');
    expect(await page.locator('.empty h2').innerText()).toBe('Нет результатов');
    await expectAccessible('caseload-empty');

    // Narrow screens: the table becomes labelled rows, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await open('/cases');
    expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('tr[data-case="DEMO-IR-1"] td[data-label="Дело"]').isVisible()).toBe(true);
    await expectAccessible('caseload-mobile');
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  it('records a referral on DEMO-IR-1 and shows CL-REFER met; a bad form gets Russian messages', async () => {
    await open('/cases/DEMO-IR-1', 'case');
    expect(await page.locator('tr[data-rule="CL-REFER"]').getAttribute('data-status')).toBe('open');
    await expectAccessible('case');

    await page.selectOption('#f-type', 'hours_reported');
    await page.fill('#f-date', '');
    await page.click('form[action$="/events"] button[type=submit] >> text=Записать');
    expect(await page.locator('.error-summary').innerText()).toMatch(/Укажите: дата[\s\S]*Укажите: часов/);
    await expectAccessible('case-errors');

    await page.selectOption('#f-type', 'referral_issued');
    await page.fill('#f-date', '2026-11-23');
    await page.fill('#f-vacancyId', 'V-100');
    await page.click('form[action$="/events"] button[type=submit] >> text=Записать');
    expect(await page.locator('#saved h2').innerText()).toBe(
      'Записано: Выдано предписание (направление на работу)',
    );
    expect(await page.locator('#saved li[data-rule="CL-REFER"]').innerText()).toMatch(/CL-REFER — выполнен/);
    expect(await page.locator('tr[data-rule="CL-REFER"]').getAttribute('data-status')).toBe('met');
    await expectAccessible('case-saved');

    const events = await cases.listEvents('DEMO-IR-1');
    const referrals = events.filter((e) => e.event.type === 'referral_issued');
    expect(referrals).toEqual([
      expect.objectContaining({
        source: 'officer',
        event: { type: 'referral_issued', date: '2026-11-23', vacancyId: 'V-100' },
      }),
    ]);
  });

  it('issues a referral for a suggested vacancy with one click', async () => {
    await open('/cases/DEMO-IR-2', 'case-proposals');
    const row = page.locator('tr', { hasText: 'Подсобный рабочий' });
    expect(await row.innerText()).toMatch(/в районе проживания/);
    await expectAccessible('case-proposals');
    await row.locator('button', { hasText: 'Выдать предписание' }).click();
    expect(await page.locator('#saved h2').innerText()).toBe(
      'Записано: Выдано предписание (направление на работу)',
    );
    const events = await cases.listEvents('DEMO-IR-2');
    expect(events.filter((e) => e.event.type === 'referral_issued').map((e) => e.event)).toEqual([
      { type: 'referral_issued', date: '2026-11-23', vacancyId: 'VAC-70-1' },
    ]);
    await page.click('text=Бланк предписания для печати');
    expect(await page.locator('main').innerText()).toMatch(
      /Тестова Мария[\s\S]*ООО «Пример»[\s\S]*Подсобный рабочий \(№ VAC-70-1\)/,
    );
    await expectAccessible('referral-draft');
    await open('/cases/DEMO-IR-1');
    expect(await page.locator('main').innerText()).toMatch(/Нет предложений/);
  });

  it('resolves the ambiguous triage passage onto the case the officer names', async () => {
    await open('/triage', 'triage');
    const item = page.locator('[data-triage]').first();
    expect(await item.locator('pre.mail').innerText()).toMatch(/Иванова 20\.11\.2026/);
    await expectAccessible('triage');
    const resolve = item.locator('form[action$="/resolve"]');
    // «Иванова» fits two people of the worksite: both are offered by name.
    expect(
      await resolve.locator('input[type=radio]').evaluateAll((r) => r.map((x) => x.getAttribute('value'))),
    ).toEqual(['70-0001', '70-0005']);
    await resolve.getByLabel('Иванова Ольга Николаевна (дело 70-0005)').check();
    await item.locator('form[action$="/resolve"] input[name=date]').fill('2026-11-20');
    await item.locator('form[action$="/resolve"] select[name=outcome]').selectOption('absent_unknown');
    await item.locator('form[action$="/resolve"] button').click();
    expect(await page.locator('.notice').innerText()).toMatch(/отнесён к делу/);
    expect(await page.locator('.empty h2').innerText()).toBe('Нет фрагментов для разбора');
    await stack.drain();
    expect((await cases.listEvents('70-0005')).map((e) => e.event)).toEqual([
      {
        type: 'absence_reported',
        date: '2026-11-20',
        outcome: 'absent_unknown',
        reasonText: 'не вышла на работу, причину выясняем',
      },
    ]);
    expect((await listTriage(stack.env.TABLE_NAME!, { open: true })).length).toBe(0);
  });

  it('reads a quarantined mail as text and releases it onto the worksite', async () => {
    await open('/quarantine', 'quarantine');
    await expectAccessible('quarantine');
    await page.locator('table a').first().click();
    expect(await page.locator('pre.mail').innerText()).toMatch(/Петрова/);
    await expectAccessible('quarantine-mail');
    await page.selectOption('#ws-release', 'ws-stroy-primer');
    await page.click('form[action$="/release"] button');
    expect(await page.locator('.notice').innerText()).toBe('Письмо применено: сведения записаны.');
    expect(await page.locator('.empty h2').innerText()).toBe('Карантин пуст');
    await stack.drain();
    expect((await cases.listEvents('70-0002')).map((e) => e.event)).toEqual([
      { type: 'hours_reported', date: '2026-11-14', hours: 4, worksiteId: 'ws-stroy-primer' },
    ]);
    expect(await listQuarantine(stack.env.TABLE_NAME!)).toEqual([]);
  });

  it('shows feeds and worksites pages', async () => {
    await open('/feeds', 'feeds');
    expect(await page.locator('h1').innerText()).toBe('Ленты вакансий');
    await expectAccessible('feeds');
    await open('/worksites', 'worksites');
    expect(await page.locator('#w-ws-stroy-primer').innerText()).toMatch(/ООО «Пример»/);
    await expectAccessible('worksites');
  });

  it('lists the proposed places and decides one on its page (Места)', async () => {
    await demoPlaces.seed(demo);
    await stack.drain();
    await open('/places', 'places');
    expect(await page.locator('h1').innerText()).toBe('Места отбывания наказания');
    expect(await page.locator('tbody tr').count()).toBe(3);
    await expectAccessible('places');
    await page.click('tbody tr:has(.tag.yellow) th a >> nth=0');
    expect(await page.locator('h2#decide-h').innerText()).toBe('Решение');
    await expectAccessible('place');
    await page.check('#d-refusal');
    await page.click('form[action$="/decide"] button[type=submit]');
    expect(await page.locator('.error-summary').innerText()).toMatch(/Отметьте хотя бы одну причину отказа/);
    await expectAccessible('place-errors');
    await page.check('#d-remarks');
    await page.fill('#d-text', 'Укажите часы работы по субботам.');
    await page.click('form[action$="/decide"] button[type=submit]');
    expect(await page.locator('.notice').innerText()).toMatch(/Замечания записаны/);
    expect(await page.locator('ol.history').innerText()).toMatch(/OFF-DEMO: замечания: Укажите часы работы/);
  });

  it('sends a convict to a consented place from its page (Места → место → «Направить осуждённого»)', async () => {
    await open('/places?status=consented', 'places-consented');
    await page.click('tbody tr:has(.tag.green) th a >> nth=0');
    const organisation = await page.locator('h1').innerText();
    expect(await page.locator('h2#assign-h').innerText()).toBe('Направить осуждённого');
    expect(await page.locator('#a-date').inputValue()).toBe(demo.today);
    await expectAccessible('place-assign');
    // A corrective-labour case: the reason beside the case field, nothing recorded.
    await page.fill('#a-case', 'DEMO-IR-1');
    await page.click('form[action$="/assign"] button[type=submit]');
    expect(await page.locator('.field.has-error .error-message').innerText()).toMatch(
      /По делу DEMO-IR-1 назначены не обязательные работы/,
    );
    expect(await page.locator('#a-case').inputValue()).toBe('DEMO-IR-1');
    await expectAccessible('place-assign-errors');
    await page.fill('#a-case', 'OTHER-1');
    await page.click('form[action$="/assign"] button[type=submit]');
    expect(await page.locator('.field.has-error .error-message').innerText()).toBe(
      'Дела OTHER-1 нет среди дел вашей инспекции: проверьте номер',
    );
    await page.fill('#a-case', '70-0002');
    await page.click('form[action$="/assign"] button[type=submit]');
    expect(await page.locator('.notice').innerText()).toBe(
      `Направлен: Петрова М. (дело 70-0002) — ${organisation}, с ${demo.today.split('-').reverse().join('.')}. Уведомление ответственному от организации передано на отправку.`,
    );
    await expectAccessible('place-assigned');
    expect(await page.locator('dl.summary').innerText()).toMatch(/занято 1/);
  });

  it('refuses a form without its CSRF token', async () => {
    const response = await page.request.post(`${web.url}/cases/DEMO-IR-1/events`, {
      form: { type: 'dismissed', date: '2026-11-23' },
    });
    expect(response.status()).toBe(403);
    expect((await cases.listEvents('DEMO-IR-1')).some((e) => e.event.type === 'dismissed')).toBe(false);
  });

  it('lets the head see every officer and filter by officer', async () => {
    const head = await newContext(browser);
    const p = await head.newPage();
    await p.goto(web.demoLinks().headSignIn);
    expect(await p.locator('tr[data-officer="OFF-DEMO"] td').allInnerTexts()).toEqual([
      'OFF-DEMO',
      '5',
      expect.any(String),
      expect.any(String),
    ]);
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, repoRoot, 'today-head');
    await p.goto(`${web.url}/cases?officer=OFF-DEMO`);
    expect(await p.locator('h1').innerText()).toBe('Дела инспекции');
    expect(await p.locator('#officer').inputValue()).toBe('OFF-DEMO');
    await head.close();
  });

  it('refuses an officer of another inspection the demo case (403), on view and on record', async () => {
    const other = await newContext(browser);
    const p = await other.newPage();
    await p.goto(
      web.signInLink({
        sub: 'local-OFF-OTHER',
        role: 'officer',
        officerId: 'OFF-OTHER',
        inspectionId: 'INSP-OTHER',
      }),
    );
    const view = await p.goto(`${web.url}/cases/DEMO-IR-1`);
    expect(view?.status()).toBe(403);
    expect(await p.locator('h1').innerText()).toBe('Нет доступа');
    expect(await p.locator('main').innerText()).not.toMatch(/Примеров/);
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, repoRoot, 'forbidden');
    await p.goto(`${web.url}/cases`);
    const ids = await p
      .locator('#caseload tbody tr')
      .evaluateAll((r) => r.map((x) => x.getAttribute('data-case')));
    expect(ids).toEqual(['OTHER-1']);
    const csrf = await p.locator('input[name=_csrf]').first().inputValue();
    const record = await p.request.post(`${web.url}/cases/DEMO-IR-1/events`, {
      form: { _csrf: csrf, type: 'dismissed', date: '2026-11-23' },
      maxRedirects: 0,
    });
    expect(record.status()).toBe(403);
    expect((await cases.listEvents('DEMO-IR-1')).some((e) => e.event.type === 'dismissed')).toBe(false);
    await other.close();
  });
});
