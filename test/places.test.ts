import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CaseStore } from '@uii/aws/case-store';
import { DirectoryStore } from '@uii/aws/directory-store';
import { getWorksite, listQuarantine } from '@uii/aws/mail-store';
import { assignToPlace, decidePlace, type PlacesContext, placesContext } from '@uii/aws/places-service';
import { demoPartners } from '@uii/local/demo/places';
import { type LocalStack, type OutboxMail, repoRoot, startLocalStack } from '@uii/local/testing';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queuedJobs } from './support/alert-jobs';
import { eventually } from './support/handlers';
import { uiiInProcess } from './support/uii';

/**
 * Places agreed with local government, end to end on the emulators: a municipality's proposal
 * arrives by upload and by mail, bad rows go back to the sender, PLACE-DECIDE clocks alert the
 * officer, decisions produce letters, a consented place becomes a trusted worksite with capacity,
 * and a missed PLACE-DECIDE escalates to the head of the inspection.
 */
let stack: LocalStack;
let ctx: PlacesContext;
const MUNICIPAL = 'adm-trud@tomsk.example';
const uiiBin = join(repoRoot, 'packages/cli/bin/uii.js');
const file = (name: string) => join(repoRoot, 'events/places', name);
const mailTo = async (address: string): Promise<OutboxMail[]> =>
  (await stack.outbox()).filter((m) => m.to.includes(address));

const ids: Record<string, string> = {};

beforeAll(async () => {
  stack = await startLocalStack({
    functions: ['places-intake', 'mail-intake', 'alert-outbox', 'places-check'],
    now: '2026-11-02T10:00:00+03:00',
    cli: true,
  });
  ctx = placesContext(stack.env);
  const directory = new DirectoryStore(stack.env.TABLE_NAME!);
  await directory.putOfficer({ id: 'OFF-DEMO', email: 'inspector@uii.example', inspectionId: 'INSP-DEMO' });
  await directory.putInspection({ id: 'INSP-DEMO', headEmail: 'head@uii.example', region: '70' });
  for (const p of demoPartners(repoRoot).partners) await ctx.store.putPartner(p);
  const cases = new CaseStore(stack.env.TABLE_NAME!);
  await cases.putCase({
    id: 'OR-9',
    sentence: 'compulsory_labor',
    hoursOrdered: 120,
    inspectionId: 'INSP-DEMO',
    officerId: 'OFF-DEMO',
  });
  await stack.putItems([
    {
      pk: 'PII#OR-9',
      sk: 'PERSON',
      type: 'person',
      person: {
        caseId: 'OR-9',
        lastName: 'Образцов',
        firstName: 'Пётр',
        middleName: 'Ильич',
        lat: 56.49,
        lng: 84.97,
      },
    },
  ]);
}, 90_000);

afterAll(async () => {
  await stack?.stop();
});

describe('places', { timeout: 60_000 }, () => {
  it('takes a proposal uploaded to places/<municipality>/: good rows start PLACE-DECIDE, bad rows go back by row and column', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [uiiBin, 'places', 'upload', file('proposal-tomsk.csv'), '--municipality', 'tomsk-adm'],
      { cwd: repoRoot, env: process.env },
    );
    expect(stdout).toContain('places/tomsk-adm/proposal-tomsk.csv');
    await eventually(async () => (await ctx.store.listProposals('tomsk-adm')).length > 0);
    await stack.drain();
    const [proposal] = await ctx.store.listProposals('tomsk-adm');
    expect(proposal).toMatchObject({
      total: 6,
      accepted: 3,
      rejected: 3,
      channel: 'upload',
      receivedOn: '2026-11-02',
    });
    const byName = new Map((await ctx.store.listPlaces()).map((p) => [p.organisation, p]));
    expect(byName.get('МБУ «Томскзеленстрой»')).toMatchObject({
      status: 'pending',
      workplaces: 5,
      clock: { due: '2026-11-17' },
    });
    ids.green = byName.get('МБУ «Томскзеленстрой»')!.id;
    ids.kirov = byName.get('МБУ «Благоустройство Кировского района»')!.id;
    ids.clean = byName.get('ООО «Чистый город»')!.id;

    const [receipt, ...more] = await mailTo(MUNICIPAL);
    expect(more).toEqual([]);
    expect(receipt!.subject).toBe(
      'Предложение мест принято частично: 3 места, строк с ошибками: 3 — Администрация Города Томска (демо)',
    );
    expect(receipt!.text).toContain('Срок рассмотрения — до 17.11.2026.');
    expect(receipt!.text).toMatch(/строка 5, столбец «ИНН»: неверная контрольная цифра/);
    expect(receipt!.text).toContain(
      'строка 6, столбец «Количество рабочих мест»: целое число рабочих мест (указано «пять»)',
    );
    expect(receipt!.text).toMatch(/строка 7, столбец «Эл\. почта ответственного»/);
    // The bad rows, and the template to correct them in.
    expect(receipt!.attachments.map((a) => a.filename)).toEqual([
      `errors-${proposal!.id}.csv`,
      'shablon-predlozheniya-mest.csv',
    ]);

    // Ten working days left: not urgent, a line of the officer's next digest («Предложения мест»).
    expect(await mailTo('inspector@uii.example')).toEqual([]);
    const [first] = queuedJobs(stack).filter((j) => j.to.includes('inspector@uii.example'));
    expect(first!.subject).toMatch(/^\[PLACE-DECIDE\] Начался срок: .* до 17\.11\.2026$/);
    expect(first!.text).toContain('5 рабочих мест (ОР)');
  });

  it('`uii places import` of the same file: no new proposal, nothing mailed again', async () => {
    const before = (await stack.outbox()).length;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [uiiBin, 'places', 'import', file('proposal-tomsk.csv'), '--municipality', 'tomsk-adm', '--json'],
      { cwd: repoRoot, env: process.env },
    );
    expect(JSON.parse(stdout)).toMatchObject({ total: 6, accepted: 3, unchanged: 3, rejected: 3 });
    expect(JSON.parse(stdout).firstReceivedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The person is told the truth: no report goes out this time.
    const text = await promisify(execFile)(
      process.execPath,
      [uiiBin, 'places', 'import', file('proposal-tomsk.csv'), '--municipality', 'tomsk-adm'],
      { cwd: repoRoot, env: process.env },
    );
    expect(text.stdout).toMatch(
      /Этот файл уже получен \d{2}\.\d{2}\.\d{4}; квитанция отправителю ушла тогда/,
    );
    expect(text.stdout).not.toContain('отправлен отчёт');
    await stack.drain();
    expect((await stack.outbox()).length).toBe(before);
  });

  it('takes a proposal mailed from the registered municipal address and replies with its bad rows', async () => {
    const before = (await mailTo(MUNICIPAL)).length;
    await stack.receiveMail(file('proposal-mail.eml'));
    await stack.drain();
    const replies = (await mailTo(MUNICIPAL)).slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.subject).toMatch(/принято частично: 1 место, строк с ошибками: 1/);
    expect(replies[0]!.text).toMatch(/строка 3, столбец «ИНН»: ИНН должен содержать 10 цифр/);
    expect(replies[0]!.text).toMatch(/строка 3, столбец «Количество рабочих мест»: не меньше 1/);
    const park = (await ctx.store.listPlaces()).find((p) => p.organisation === 'МАУ «Парк Победы»');
    expect(park).toMatchObject({ status: 'pending', clock: { due: '2026-11-17' } });
    ids.park = park!.id;
    expect(await listQuarantine(stack.env.TABLE_NAME!)).toEqual([]);
  });

  it('a consent and a refusal each send the municipality a letter with the reasons and the legal basis', async () => {
    const before = (await mailTo(MUNICIPAL)).length;
    const at = '2026-11-03T08:00:00.000Z';
    await decidePlace(ctx, {
      placeId: ids.green!,
      decision: { type: 'consent' },
      by: 'OFF-DEMO',
      today: '2026-11-03',
      at,
    });
    await decidePlace(ctx, {
      placeId: ids.kirov!,
      decision: { type: 'refusal', reasons: ['too_far'], text: 'нет автобуса в вечернее время' },
      by: 'OFF-DEMO',
      today: '2026-11-03',
      at,
    });
    await decidePlace(ctx, {
      placeId: ids.clean!,
      decision: { type: 'remarks', text: 'Укажите часы работы по субботам.' },
      by: 'OFF-DEMO',
      today: '2026-11-03',
      at,
    });
    await expect(
      decidePlace(ctx, {
        placeId: ids.kirov!,
        decision: { type: 'consent' },
        by: 'OFF-DEMO',
        today: '2026-11-03',
        at,
      }),
    ).rejects.toThrow(/уже принято решение/);
    await stack.drain();
    const letters = (await mailTo(MUNICIPAL)).slice(before);
    const letter = (what: RegExp) => letters.find((l) => what.test(l.subject))!;
    expect(letters.map((l) => l.subject).sort()).toEqual([
      'Решение по месту отбывания наказания: в согласовании отказано — МБУ «Благоустройство Кировского района»',
      'Решение по месту отбывания наказания: направлены замечания — ООО «Чистый город»',
      'Решение по месту отбывания наказания: согласовано — МБУ «Томскзеленстрой»',
    ]);
    expect(letter(/согласовано —/).text).toContain('ч. 1 ст. 25 УИК РФ');
    expect(letter(/отказано/).text).toContain('место удалено от мест проживания осуждённых');
    expect(letter(/отказано/).text).toContain('Пояснение: нет автобуса в вечернее время');
    expect(letter(/замечания/).text).toContain('ч. 1 ст. 39 УИК РФ');
    // Each side answers for its own deadline: the municipality reads its own in the letter.
    expect(letter(/замечания/).text).toMatch(/Срок ответа — до \d{2}\.\d{2}\.2026 включительно\./);
    expect(letter(/замечания/).text).toContain('Укажите часы работы по субботам.');
    expect(letter(/согласовано —/).html).toContain('<p>');

    const history = await ctx.store.listEvents(ids.kirov!);
    expect(history.map((e) => [e.type, e.by, e.date])).toEqual([
      ['proposed', 'upload:tomsk-adm', '2026-11-02'],
      ['refusal', 'OFF-DEMO', '2026-11-03'],
    ]);
  });

  it('`uii places list --json` prints the public shape', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [uiiBin, 'places', 'list', '--status', 'consented', '--json'],
      { cwd: repoRoot, env: process.env },
    );
    expect(JSON.parse(stdout)).toEqual([
      {
        id: ids.green,
        municipalityId: 'tomsk-adm',
        organisation: 'МБУ «Томскзеленстрой»',
        address: 'г. Томск, ул. Кузовлевский тракт, 2',
        workplaces: 5,
        sentence: 'compulsory_labor',
        status: 'consented',
        due: null,
        decidedOn: '2026-11-03',
      },
    ]);
  });

  it('a consented place is a worksite: the convict is proposed it, it is told, its mail is accepted', async () => {
    expect(await getWorksite(stack.env.TABLE_NAME!, ids.green!)).toMatchObject({
      name: 'МБУ «Томскзеленстрой»',
      administrators: ['master@zelenstroy.example'],
    });
    const { placesForOpenedClocks } = await import('../functions/places/cw-start-hook');
    const [opened] = await placesForOpenedClocks({
      reason: 'clock_opened',
      caseIds: ['OR-9'],
      asOf: '2026-11-03',
    });
    const proposals = opened!.proposals;
    expect(proposals.map((p) => p.placeId)).toEqual([ids.green]);
    expect(proposals[0]!.reasons).toEqual([
      '0,9 км от места жительства',
      'свободно мест: 5 из 5',
      'согласовано до 31.12.2027',
    ]);
    await stack.drain();
    const offer = (await mailTo('inspector@uii.example')).find((m) => m.subject.startsWith('CW-START'));
    // The officer reads whom it is about, each place by name, and what to do in the web; the id is a reference.
    expect(offer!.subject).toBe('CW-START: места для обязательных работ — дело OR-9 (Образцов П. И.)');
    expect(offer!.text).toContain('1. МБУ «Томскзеленстрой» — ');
    expect(offer!.text).toContain('Почему: 0,9 км от места жительства; свободно 5 рабочих мест из 5');
    expect(offer!.text).toContain(
      'Направить: «Места» → МБУ «Томскзеленстрой» → «Направить осуждённого» (дело OR-9)',
    );
    expect(offer!.text).toContain(`Код места: ${ids.green}`);
    expect(offer!.text).not.toMatch(/uii places|--case/);
    expect(offer!.text).toContain(
      'Отвечать на него не нужно. Персональные данные — только для служебного пользования',
    );
    expect(offer!.html).toContain('МБУ «Томскзеленстрой»');

    await assignToPlace(ctx, { placeId: ids.green!, caseId: 'OR-9', by: 'OFF-DEMO', today: '2026-11-03' });
    await stack.drain();
    const [notice] = await mailTo('master@zelenstroy.example');
    expect(notice!.subject).toBe('Направлен осуждённый: Образцов П. И. (дело OR-9)');
    expect((await ctx.store.getPlace(ids.green!))!.assigned).toBe(1);

    const eml = [
      'Authentication-Results: amazonses.com; spf=pass; dkim=pass; dmarc=pass',
      'From: master@zelenstroy.example',
      'To: uii-70@inbound.uii.example',
      'Subject: =?UTF-8?B?0J3QtdGP0LLQutCw?=',
      'Date: Wed, 04 Nov 2026 09:00:00 +0300',
      'Message-ID: <absence-1@zelenstroy.example>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Образцов Пётр Ильич 03.11.2026 не вышел на работу без уважительной причины.',
      '',
    ].join('\r\n');
    await stack.receiveMail(Buffer.from(eml));
    await stack.drain();
    expect(await listQuarantine(stack.env.TABLE_NAME!)).toEqual([]);
    expect((await mailTo('master@zelenstroy.example')).map((m) => m.subject)).toContain('Re: Неявка');
  });

  it('a missed PLACE-DECIDE escalates to the head; remarks remind the municipality', async () => {
    await stack.advanceClock('16d'); // to 18.11.2026: the park place (due 17.11) is still undecided
    await stack.drain();
    const officer = (await mailTo('inspector@uii.example')).map((m) => m.subject);
    expect(officer).toContainEqual(
      expect.stringMatching(/^\[PLACE-DECIDE\] Напоминание о сроке: .*до 17\.11\.2026$/),
    );
    expect(officer).toContainEqual(expect.stringMatching(/^\[PLACE-DECIDE\] Срок пропущен: /));
    const head = await mailTo('head@uii.example');
    expect(head.map((m) => m.subject)).toEqual([
      '[PLACE-DECIDE] Пропущен срок инспекции: Рассмотреть предложение мест отбывания наказания — Администрация Города Томска (демо), до 17.11.2026',
    ]);
    expect(head[0]!.text).toContain(`${ids.park}: МАУ «Парк Победы»`);
    const municipal = (await mailTo(MUNICIPAL)).map((m) => m.subject);
    expect(municipal).toContainEqual(expect.stringMatching(/устранить замечания/));
  });

  it('a place of a far-east municipality: received on its own day, and after its list ends its mail is quarantined, it is no capacity, and both sides are told', async () => {
    // Petropavlovsk-Kamchatsky is UTC+12: nine hours ahead of the inspection in Moscow.
    await ctx.store.putPartner({
      id: 'kamchatka-adm',
      kind: 'municipality',
      name: 'Администрация Петропавловск-Камчатского городского округа (демо)',
      region: '41',
      contacts: ['trud@pkgo.example'],
      timeZone: 'Asia/Kamchatka',
      inspectionId: 'INSP-DEMO',
      officerId: 'OFF-DEMO',
    });
    const { importProposal } = await import('@uii/aws/places-import');
    const row = {
      organisation: 'МБУ «Благоустройство Камчатки»',
      inn: '7017000019',
      address: 'г. Петропавловск-Камчатский, ул. Ленинская, 12',
      lat: 53.0167,
      lng: 158.65,
      kinds_of_work: 'уборка территории',
      workplaces: 2,
      sentence: 'ОР',
      schedule: 'пн–пт',
      safety: 'инструктаж, спецодежда',
      admin_name: 'Камчаткин Иван Петрович',
      admin_email: 'master@blag-kam.example',
      valid_to: '30.11.2026',
    };
    // 18.11 13:30 UTC is 16:30 on the 18th in Moscow and 01:30 on the 19th in Kamchatka.
    const out = await importProposal(ctx, {
      municipalityId: 'kamchatka-adm',
      fileName: 'proposal.json',
      body: (async function* () {
        yield Buffer.from(JSON.stringify([row]));
      })(),
      channel: 'upload',
      today: '2026-11-18',
      at: '2026-11-18T13:30:00.000Z',
    });
    expect(out).toMatchObject({ accepted: 1, rejected: 0 });
    const placeId = out.places[0]!;
    const received = await ctx.store.getPlace(placeId);
    expect(received).toMatchObject({ receivedOn: '2026-11-19', clock: { trigger: '2026-11-19' } });
    // Kaliningrad (UTC+2) is an hour behind Moscow: at 21:30 UTC it is still the 18th there.
    await ctx.store.putPartner({
      id: 'kaliningrad-adm',
      kind: 'municipality',
      name: 'Администрация городского округа «Город Калининград» (демо)',
      region: '39',
      contacts: ['trud@klgd.example'],
      timeZone: 'Europe/Kaliningrad',
      inspectionId: 'INSP-DEMO',
      officerId: 'OFF-DEMO',
    });
    const west = await importProposal(ctx, {
      municipalityId: 'kaliningrad-adm',
      fileName: 'proposal.json',
      body: (async function* () {
        yield Buffer.from(
          JSON.stringify([{ ...row, address: 'г. Калининград, Ленинский пр., 1', lat: 54.71, lng: 20.51 }]),
        );
      })(),
      channel: 'upload',
      today: '2026-11-19',
      at: '2026-11-18T21:30:00.000Z',
    });
    expect(await ctx.store.getPlace(west.places[0]!)).toMatchObject({ receivedOn: '2026-11-18' });
    await stack.drain();
    const receipt = (await mailTo('trud@pkgo.example')).at(-1)!;
    expect(receipt.text).toContain('(файл «proposal.json», 19.11.2026)');
    expect((await mailTo('trud@klgd.example')).at(-1)!.text).toContain('(файл «proposal.json», 18.11.2026)');

    await decidePlace(ctx, {
      placeId,
      decision: { type: 'consent' },
      by: 'OFF-DEMO',
      today: '2026-11-18',
      at: '2026-11-18T14:00:00.000Z',
    });
    expect(await getWorksite(stack.env.TABLE_NAME!, placeId)).toMatchObject({
      validTo: '2026-11-30',
      timeZone: 'Asia/Kamchatka',
    });
    await ctx.store.putPartner({ ...demoPartners(repoRoot).partners[0]! }); // unchanged Tomsk
    const cases = new CaseStore(stack.env.TABLE_NAME!);
    await cases.putCase({
      id: 'OR-41',
      sentence: 'compulsory_labor',
      hoursOrdered: 60,
      inspectionId: 'INSP-DEMO',
      officerId: 'OFF-DEMO',
    });
    await stack.putItems([
      {
        pk: 'PII#OR-41',
        sk: 'PERSON',
        type: 'person',
        person: { caseId: 'OR-41', lastName: 'Камов', firstName: 'Олег', lat: 53.02, lng: 158.64 },
      },
    ]);
    const { proposeForCase } = await import('@uii/aws/places-service');
    expect((await proposeForCase(ctx, 'OR-41', '2026-11-18')).proposals.map((p) => p.placeId)).toEqual([
      placeId,
    ]);
    // An officer whose directory language is English reads the proposal in English.
    await new DirectoryStore(stack.env.TABLE_NAME!).putOfficer({
      id: 'OFF-EN',
      email: 'en-officer@uii.example',
      inspectionId: 'INSP-DEMO',
      lang: 'en',
    });
    await cases.putCase({
      id: 'OR-42',
      sentence: 'compulsory_labor',
      hoursOrdered: 40,
      inspectionId: 'INSP-DEMO',
      officerId: 'OFF-EN',
    });
    await stack.putItems([
      {
        pk: 'PII#OR-42',
        sk: 'PERSON',
        type: 'person',
        person: { caseId: 'OR-42', lastName: 'Камова', firstName: 'Инна', lat: 53.02, lng: 158.64 },
      },
    ]);
    await proposeForCase(ctx, 'OR-42', '2026-11-18');
    await stack.drain();
    const [english] = await mailTo('en-officer@uii.example');
    expect(english!.subject).toBe('CW-START: places for compulsory labour — case OR-42 (Камова И.)');
    expect(english!.text).toContain('What to do: choose a place');
    expect(english!.text).toContain('No reply needed.');
    expect(english!.text).not.toMatch(/Почему|Что сделать/);

    // 30.11 13:30 UTC: still the 30th in Moscow (16:30), already 01.12 in Kamchatka.
    await stack.setClock('2026-11-30T13:30:00Z');
    await stack.drain();
    const absence = [
      'Authentication-Results: amazonses.com; spf=pass; dkim=pass; dmarc=pass',
      'From: master@blag-kam.example',
      'To: uii-41@inbound.uii.example',
      'Subject: =?UTF-8?B?0J3QtdGP0LLQutCw?=',
      'Date: Tue, 01 Dec 2026 01:30:00 +1200',
      'Message-ID: <absence-kam@blag-kam.example>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Камов Олег 30.11.2026 не вышел на работу без уважительной причины.',
      '',
    ].join('\r\n');
    await stack.receiveMail(Buffer.from(absence));
    await stack.drain();
    const quarantined = (await listQuarantine(stack.env.TABLE_NAME!)).filter(
      (q) => q.from === 'master@blag-kam.example',
    );
    expect(quarantined).toMatchObject([
      { reason: 'list_expired', why: 'срок согласованного перечня истёк 30.11.2026' },
    ]);
    const reply = (await mailTo('master@blag-kam.example')).at(-1)!;
    expect(reply.subject).toBe('Не принято: Неявка');
    expect(reply.text).toContain('срок согласованного перечня истёк 30.11.2026');
    // No longer capacity: not proposed, and nobody can be sent there.
    expect((await proposeForCase(ctx, 'OR-41', '2026-11-30')).proposals).toEqual([]);
    await expect(
      assignToPlace(ctx, { placeId, caseId: 'OR-41', by: 'OFF-DEMO', today: '2026-11-30' }),
    ).rejects.toThrow(/направлять нельзя: срок согласованного перечня истёк 30\.11\.2026/);

    // The Tomsk worksite (agreed to 31.12.2027) is still trusted at the same moment.
    expect(await getWorksite(stack.env.TABLE_NAME!, ids.green!)).toMatchObject({ validTo: '2027-12-31' });

    // The next daily check tells the municipality and the officer.
    await stack.setClock('2026-12-01T07:00:00+03:00');
    await stack.drain();
    const told = (await mailTo('trud@pkgo.example')).map((m) => m.subject);
    expect(told).toContain(
      'Истёк срок согласованных мест (30.11.2026) — Администрация Петропавловск-Камчатского городского округа (демо)',
    );
    const officer = (await mailTo('inspector@uii.example')).find((m) =>
      m.subject.startsWith('Истёк срок согласованных мест (30.11.2026)'),
    );
    expect(officer!.text).toContain(`${placeId}: МБУ «Благоустройство Камчатки»`);
    // The consent (given inside the 30-day reminder period) already asked for a new proposal.
    const consent = (await mailTo('trud@pkgo.example')).find((m) => /согласовано —/.test(m.subject));
    expect(consent!.text).toContain('Срок согласованного перечня истекает 30.11.2026');
    // Received and decided on Kamchatka's days (18.11 14:00 UTC is the 19th there, the 18th in Moscow).
    expect(consent!.text).toContain('рассмотрела предложение от 19.11.2026');
    expect(consent!.text).toContain('Решение от 19.11.2026: согласовано');
  });

  it('a place sent again after remarks starts PLACE-DECIDE again, even when the remarks were stamped by a clock behind the intake’s', async () => {
    await ctx.store.putPartner({
      id: 'skew-adm',
      kind: 'municipality',
      name: 'Администрация (демо, часы)',
      region: '70',
      contacts: ['trud@skew.example'],
      timeZone: 'Asia/Tomsk',
      inspectionId: 'INSP-DEMO',
      officerId: 'OFF-DEMO',
    });
    const { importProposal } = await import('@uii/aws/places-import');
    const row = {
      organisation: 'МБУ «Чистый город» (часы)',
      inn: '7017000019',
      address: 'г. Томск, ул. Ленина, 1',
      kinds_of_work: 'уборка территории',
      workplaces: 2,
      sentence: 'ОР',
      schedule: 'пн–пт',
      safety: 'инструктаж',
      admin_name: 'Часов Пётр Ильич',
      admin_email: 'master@skew.example',
      valid_to: '31.12.2027',
    };
    const send = (r: typeof row, at: string) =>
      importProposal(ctx, {
        municipalityId: 'skew-adm',
        fileName: 'proposal.json',
        body: (async function* () {
          yield Buffer.from(JSON.stringify([r]));
        })(),
        channel: 'upload',
        today: at.slice(0, 10),
        at,
      });
    const first = await send(row, '2026-11-20T10:00:00.000Z');
    const placeId = first.places[0]!;
    // The officer's clock is an hour behind the intake's.
    await decidePlace(ctx, {
      placeId,
      decision: { type: 'remarks', text: 'Уточните график' },
      by: 'OFF-DEMO',
      today: '2026-11-20',
      at: '2026-11-20T09:00:00.000Z',
    });
    expect((await ctx.store.getPlace(placeId))?.status).toBe('remarks');
    // The same place again, remarks eliminated, and then unchanged once more.
    const again = await send({ ...row, schedule: 'пн–пт, 8:00–12:00' }, '2026-11-20T09:30:00.000Z');
    expect(again).toMatchObject({ rejected: 0 });
    const place = await ctx.store.getPlace(placeId);
    expect(place).toMatchObject({ status: 'pending', clock: { rule: 'PLACE-DECIDE' } });
    const out = await decidePlace(ctx, {
      placeId,
      decision: { type: 'consent' },
      by: 'OFF-DEMO',
      today: '2026-11-20',
      at: '2026-11-20T09:45:00.000Z',
    });
    expect(out.place.status).toBe('consented');
    expect((await ctx.store.listEvents(placeId)).map((e) => e.type)).toEqual([
      'proposed',
      'remarks',
      'proposed',
      'consent',
    ]);
  });

  it('a municipality gets a presigned URL for its own prefix only; a PUT to it lands in places-intake', async () => {
    const { handler } = await import('../functions/upload-url/handler');
    const context = { invokedFunctionArn: 'arn:aws:lambda:eu-central-1:000000000000:function:upload-url' };
    const event = (userArn: string, file = 'предложение декабрь.json') =>
      ({
        requestContext: { requestId: 'r-1', authorizer: { iam: { userArn } } },
        queryStringParameters: { file, uploader: 'clerk@tomsk.example' },
      }) as unknown as Parameters<typeof handler>[0];
    const role = (id: string, account = '000000000000') =>
      `arn:aws:sts::${account}:assumed-role/uii-places-upload-${id}/session`;
    expect(await handler(event(role('tomsk-adm', '111111111111')), context)).toMatchObject({
      statusCode: 403,
    });
    expect(await handler(event(role('nosuch-adm')), context)).toMatchObject({ statusCode: 403 });
    // A service role is not a municipality: its URL is for uploads/<service>/ (feeds), never places/.
    const asService = await handler(
      event('arn:aws:sts::000000000000:assumed-role/uii-feed-upload-tomsk-adm/s'),
      context,
    );
    expect(asService).toMatchObject({ statusCode: 403 });
    // Only a type places intake reads gets a URL: another is refused in Russian with the accepted ones.
    const exe = await handler(event(role('tomsk-adm'), 'a.exe'), context);
    expect(exe).toMatchObject({ statusCode: 400 });
    expect(JSON.parse(String((exe as { body: string }).body)).error).toMatch(
      /^Ссылка не выдана: файл «a\.exe»: .*\.xlsx.*\.csv.*\.txt.*\.json/,
    );

    const saved = process.env.AWS_REQUEST_CHECKSUM_CALCULATION;
    delete process.env.AWS_REQUEST_CHECKSUM_CALCULATION; // presign as on AWS
    let out: Awaited<ReturnType<typeof handler>>;
    try {
      out = await handler(event(role('tomsk-adm')), context);
    } finally {
      process.env.AWS_REQUEST_CHECKSUM_CALCULATION = saved;
    }
    const answer = JSON.parse(String((out as { body: string }).body));
    expect(answer).toMatchObject({
      method: 'PUT',
      expiresIn: 900,
      headers: { 'x-amz-meta-uploader': 'clerk@tomsk.example' },
    });
    expect(answer.key).toMatch(
      /^places\/tomsk-adm\/\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\/предложение_декабрь\.json$/,
    );
    expect(answer.url).not.toMatch(/x-amz-checksum|x-amz-sdk-checksum/i);

    const row = (organisation: string, inn: string) => ({
      organisation,
      inn,
      address: 'г. Томск, ул. Елизаровых, 10',
      kinds_of_work: 'уборка территории',
      workplaces: 2,
      sentence: 'ОР',
      schedule: 'пн–пт',
      safety: 'инструктаж',
      admin_name: 'Елизаров Пётр Иванович',
      admin_email: 'el@tomsk-blag.example',
      valid_to: '31.12.2027',
    });
    const put = await fetch(answer.url, {
      method: 'PUT',
      headers: answer.headers,
      body: JSON.stringify([row('МБУ «Елизаровский сквер»', '7017000019')]),
    });
    expect(put.status).toBe(200);
    await stack.drain();
    const receipt = (await mailTo('clerk@tomsk.example')).at(-1);
    expect(receipt?.subject).toBe(
      'Предложение мест принято: 1 место, строк с ошибками: 0 — Администрация Города Томска (демо)',
    );
    expect(receipt?.text).toContain('(файл «предложение_декабрь.json», 01.12.2026)');

    // The CLI gives the same answer locally (no IAM there: ADR 0008) and refuses a stranger.
    const cli = (...args: string[]) =>
      promisify(execFile)(process.execPath, [uiiBin, 'places', 'upload-url', ...args], {
        cwd: repoRoot,
        env: process.env,
      });
    await expect(cli('--municipality', 'nosuch-adm')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/«nosuch-adm» не зарегистрирован; зарегистрированы: .*tomsk-adm/),
    });
    const { stdout } = await cli('--municipality', 'kamchatka-adm', '--file', 'p.json', '--json');
    const local = JSON.parse(stdout);
    expect(Object.keys(local).sort()).toEqual(['expiresIn', 'headers', 'key', 'method', 'url']);
    expect(local.key).toMatch(/^places\/kamchatka-adm\/.*\/p\.json$/);
    const putLocal = await fetch(local.url, {
      method: 'PUT',
      body: JSON.stringify([{ ...row('МБУ «Камчатский сквер»', '7017000019'), valid_to: '31.12.2027' }]),
    });
    expect(putLocal.status).toBe(200);
    await stack.drain();
    expect((await mailTo('trud@pkgo.example')).at(-1)?.subject).toMatch(/^Предложение мест принято: 1 место/);
  });

  it('the officers web lists the places with status and due date, and a decision there is the CLI’s decision', async () => {
    const { createApp } = await import('../functions/web/app');
    const { WebData } = await import('../functions/web/data');
    const { csrfTokenOf, SESSION_COOKIE } = await import('../functions/web/auth');
    const users: Record<string, import('../functions/web/auth').WebUser> = {
      'session-officer': { sub: 'u-1', role: 'officer', officerId: 'OFF-DEMO', inspectionId: 'INSP-DEMO' },
      'session-other': { sub: 'u-2', role: 'officer', officerId: 'OFF-X', inspectionId: 'INSP-OTHER' },
    };
    const app = createApp({
      auth: { userOf: async (s) => users[s], signInUrl: () => '/sign-in' },
      data: new WebData(stack.env.TABLE_NAME!, stack.env.CASE_EVENTS_QUEUE_URL ?? 'http://sqs.invalid/q'),
      today: () => '2026-12-01',
      places: ctx,
    });
    const get = (path: string, session = 'session-officer') =>
      app.request(path, { headers: { cookie: `${SESSION_COOKIE}=${session}` } });
    const post = (path: string, form: Array<[string, string]>, session = 'session-officer') =>
      app.request(path, {
        method: 'POST',
        headers: {
          cookie: `${SESSION_COOKIE}=${session}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(form).toString(),
      });
    const csrf = csrfTokenOf('session-officer');

    const list = await (await get('/places')).text();
    expect(list).toContain('<a href="/places" aria-current="page">Места</a>');
    const west = (await ctx.store.listPlaces()).find((p) => p.municipalityId === 'kaliningrad-adm')!;
    expect(list).toContain(`href="/places/${west.id}"`);
    expect(list).toMatch(/Администрация городского округа «Город Калининград» \(демо\)/);
    expect(list).toMatch(new RegExp(`до ${west.clock!.due.split('-').reverse().join('\\.')}`));
    expect(list).toContain('перечень истёк'); // the Kamchatka place
    // The quarantined mail of its administrator says why on the officer's Карантин page.
    expect(await (await get('/quarantine')).text()).toContain('срок согласованного перечня истёк 30.11.2026');
    const pending = await (await get('/places?status=pending')).text();
    expect(pending).not.toContain('МБУ «Томскзеленстрой»');
    // Another inspection sees none of them and may not open or decide one.
    expect(await (await get('/places', 'session-other')).text()).toContain('Мест нет');
    expect((await get(`/places/${west.id}`, 'session-other')).status).toBe(403);

    const action = `/places/${west.id}/decide`;
    expect((await post(action, [['decision', 'consent']])).status).toBe(403); // no CSRF token
    const noReason = await post(action, [
      ['_csrf', csrf],
      ['decision', 'refusal'],
    ]);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Отметьте хотя бы одну причину отказа');
    expect((await ctx.store.listEvents(west.id)).map((e) => e.type)).toEqual(['proposed']);

    const done = await post(action, [
      ['_csrf', csrf],
      ['decision', 'refusal'],
      ['reason', 'too_far'],
      ['reason', 'no_supervision'],
      ['text', 'Нет автобуса <b>вечером</b>'],
    ]);
    expect(done.status).toBe(303);
    const page = await (await get(done.headers.get('location')!)).text();
    expect(page).toContain('Решение записано: в согласовании отказано');
    expect(page).toContain('Нет автобуса &lt;b&gt;вечером&lt;/b&gt;');
    expect(page).not.toContain('<b>вечером</b>');
    expect(page).not.toContain('action="/places/'); // decided: no form any more
    const history = await ctx.store.listEvents(west.id);
    expect(history.map((e) => [e.type, e.by])).toEqual([
      ['proposed', 'upload:kaliningrad-adm'],
      ['refusal', 'OFF-DEMO'],
    ]);
    expect(history[1]).toMatchObject({ reasons: ['too_far', 'no_supervision'] });
    await stack.drain();
    const letter = (await mailTo('trud@klgd.example')).find((m) => /отказано/.test(m.subject))!;
    expect(letter.text).toContain('место удалено от мест проживания осуждённых');
    expect(letter.text).toContain('Пояснение: Нет автобуса <b>вечером</b>');
    // A second decision is refused with the domain's words, on the page.
    const again = await post(action, [
      ['_csrf', csrf],
      ['decision', 'consent'],
    ]);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('по этому месту уже принято решение');
  });

  it('the officers web sends a convict to an agreed place with room: the CLI’s assignment, errors beside the field', async () => {
    const { createApp } = await import('../functions/web/app');
    const { WebData } = await import('../functions/web/data');
    const { csrfTokenOf, SESSION_COOKIE } = await import('../functions/web/auth');
    const app = createApp({
      auth: {
        userOf: async (s) =>
          s === 'session-officer'
            ? { sub: 'u-1', role: 'officer', officerId: 'OFF-DEMO', inspectionId: 'INSP-DEMO' }
            : s === 'session-other'
              ? { sub: 'u-2', role: 'officer', officerId: 'OFF-X', inspectionId: 'INSP-OTHER' }
              : undefined,
        signInUrl: () => '/sign-in',
      },
      data: new WebData(stack.env.TABLE_NAME!, stack.env.CASE_EVENTS_QUEUE_URL ?? 'http://sqs.invalid/q'),
      today: () => '2026-12-01',
      places: ctx,
    });
    const cookie = `${SESSION_COOKIE}=session-officer`;
    const csrf = csrfTokenOf('session-officer');
    const send = (placeId: string, caseId: string, extra: Array<[string, string]> = [['_csrf', csrf]]) =>
      app.request(`/places/${placeId}/assign`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([...extra, ['case', caseId], ['date', '30.11.2026']]).toString(),
      });
    const cases = new CaseStore(stack.env.TABLE_NAME!);
    const put = (id: string, sentence: 'compulsory_labor' | 'corrective_labor', inspectionId = 'INSP-DEMO') =>
      cases.putCase({ id, sentence, hoursOrdered: 60, inspectionId, officerId: 'OFF-DEMO' });
    await put('IR-7', 'corrective_labor');
    await put('OR-43', 'compulsory_labor');
    await put('OR-X', 'compulsory_labor', 'INSP-OTHER');
    const green = ids.green!;
    const before = (await ctx.store.getPlace(green))!.assigned;

    const form = await (await app.request(`/places/${green}`, { headers: { cookie } })).text();
    expect(form).toContain(`action="/places/${green}/assign"`);
    expect(form).toContain('value="2026-12-01"'); // the date defaults to today
    expect((await send(green, 'OR-41', [])).status).toBe(403); // no CSRF token
    // An officer of another inspection may not use this municipality's place, even with a valid token.
    const stranger = await app.request(`/places/${green}/assign`, {
      method: 'POST',
      headers: {
        cookie: `${SESSION_COOKIE}=session-other`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams([
        ['_csrf', csrfTokenOf('session-other')],
        ['case', 'OR-X'],
      ]).toString(),
    });
    expect(stranger.status).toBe(403);

    const refused = async (caseId: string, placeId = green) => {
      const r = await send(placeId, caseId);
      expect(r.status).toBeGreaterThanOrEqual(400);
      const page = await r.text();
      return page.slice(page.indexOf('id="assign-h"'));
    };
    expect(await refused('NOPE-1')).toContain('Дела NOPE-1 нет среди дел вашей инспекции');
    expect(await refused('OR-X')).toContain('Дела OR-X нет среди дел вашей инспекции');
    expect(await refused('OR-42')).toContain('Дело OR-42 ведёт другой инспектор');
    expect(await refused('IR-7')).toContain(
      'По делу IR-7 назначены не обязательные работы: на это место направляют только осуждённых к обязательным работам',
    );
    const kamchatka = (await ctx.store.listPlaces()).find((p) => p.municipalityId === 'kamchatka-adm')!;
    expect(
      await (await app.request(`/places/${kamchatka.id}`, { headers: { cookie } })).text(),
    ).not.toContain('/assign"');
    expect(await refused('OR-41', kamchatka.id)).toContain('Срок согласованного перечня истёк 30.11.2026');
    const hostile = await refused('<script>alert(1)</script>');
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).not.toContain('<script>alert');
    expect((await ctx.store.getPlace(green))!.assigned).toBe(before);
    // The CLI path refuses another sentence the same way.
    await expect(
      assignToPlace(ctx, { placeId: green, caseId: 'IR-7', by: 'OFF-DEMO', today: '2026-12-01' }),
    ).rejects.toThrow(/назначены не обязательные работы/);

    const done = await send(green, 'OR-41');
    expect(done.status).toBe(200);
    const page = await done.text();
    expect(page).toContain(
      'Направлен: Камов О. (дело OR-41) — МБУ «Томскзеленстрой», с 30.11.2026. Уведомление ответственному от организации передано на отправку.',
    );
    expect((await ctx.store.getPlace(green))!.assigned).toBe(before! + 1);
    await stack.drain();
    expect((await mailTo('master@zelenstroy.example')).map((m) => m.subject)).toContain(
      'Направлен осуждённый: Камов О. (дело OR-41)',
    );
    const twice = await (await send(green, 'OR-41')).text();
    expect(twice).toContain('Не записано повторно: Камов О. (дело OR-41) уже направлен на это место ранее.');
    expect(twice).not.toContain('Направлен:');
    expect((await ctx.store.getPlace(green))!.assigned).toBe(before! + 1);

    // The place fills up between the page and the click: the store refuses, the page says so.
    const { documentClient } = await import('@uii/aws/clients');
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await documentClient().send(
      new UpdateCommand({
        TableName: stack.env.TABLE_NAME!,
        Key: { pk: 'PLACES', sk: `PLACE#${green}` },
        UpdateExpression: 'SET assigned = workplaces',
      }),
    );
    const full = await send(green, 'OR-43');
    expect(full.status).toBe(409);
    expect(await full.text()).toContain('Свободных рабочих мест нет: занято 5 из 5');
    expect(await (await app.request(`/places/${green}`, { headers: { cookie } })).text()).not.toContain(
      '/assign"',
    );
  });

  it('`uii agreements report` sets what each partner sent against its agreement, in Russian', async () => {
    for (const a of demoPartners(repoRoot).agreements) await ctx.store.putAgreement(a);
    await ctx.store.putAgreement({
      id: 'AGR-TOMSK-CZN',
      partnerId: 'tomsk-czn',
      kind: 'employment_779n',
      standardForm: 'Приказ Минтруда России от 27.10.2023 № 779н',
      signedOn: '2026-08-01',
      exchanges: [
        { what: 'vacancy_feed', period: 'monthly', dueDay: 5 },
        { what: 'referral', period: 'monthly', dueDay: 5 },
      ],
    });
    const summary = (month: string) => ({
      pk: `FEED#tomsk-czn#${month}`,
      sk: 'SUMMARY',
      type: 'feed_summary',
      gsi1pk: 'FEEDS#tomsk-czn',
      gsi1sk: month,
      serviceId: 'tomsk-czn',
      month,
    });
    await stack.putItems([summary('2026-08'), summary('2026-10')]);
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, [uiiBin, 'agreements', 'report', ...args], {
        cwd: repoRoot,
        env: process.env,
      });
    const report = JSON.parse((await run('--json')).stdout) as Array<Record<string, unknown>>;
    // Today is 01.12.2026: feeds for August to November were due (by the 5th), September and November never came.
    expect(report.find((t) => t.agreementId === 'AGR-TOMSK-CZN' && t.what === 'vacancy_feed')).toMatchObject({
      expected: ['2026-08', '2026-09', '2026-10', '2026-11'],
      received: ['2026-08', '2026-10'],
      missing: ['2026-09', '2026-11'],
      tracked: true,
    });
    // Proposals of places: the municipality sent in the fourth quarter only.
    expect(report.find((t) => t.agreementId === 'AGR-TOMSK-2026')).toMatchObject({
      received: ['2026-Q4'],
      missing: ['2026-Q1', '2026-Q2', '2026-Q3'],
    });
    const text = (await run()).stdout;
    expect(text).toContain(
      'AGR-TOMSK-CZN tomsk-czn: перечень вакансий (ежемесячно) — ожидалось 4, получено 2; нет за: сентябрь 2026 г., ноябрь 2026 г.',
    );
    expect(text).toContain(
      'AGR-TOMSK-CZN tomsk-czn: направления и их результат (ежемесячно) — поступление в системе не учитывается',
    );
    expect(text).toContain('нет за: I квартал 2026 г., II квартал 2026 г., III квартал 2026 г.');
  });
});

/** A zip archive of the given files: a zip that is no workbook. */
const zipOf = async (files: Record<string, string>): Promise<Buffer> => {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer' });
};

describe('places: what a fresh tester found', { timeout: 60_000 }, () => {
  const HEADER = readFileSync(file('proposal-tomsk.csv'), 'utf8').split(/\r?\n/)[0]!;
  const cells = (organisation: string, address: string) =>
    [
      organisation,
      '7017000019',
      address,
      '',
      '',
      'уборка территории',
      '2',
      'ОР',
      '',
      'пн–пт',
      'инструктаж',
      'Иванов Иван Иванович',
      'iv@tomsk-blag.example',
      '',
      '',
      '31.12.2027',
    ].join(';');
  const tmp = mkdtempSync(join(tmpdir(), 'places-trial-'));
  const write = (name: string, content: string | Buffer) => {
    const path = join(tmp, name);
    writeFileSync(path, content);
    return path;
  };
  /** `uii …` in this process against the stack; throws unless it exits 0. */
  const uii = async (...args: string[]) => {
    const out = await uiiInProcess(...args);
    if (out.status !== 0) throw Object.assign(new Error(out.stderr), out);
    return out;
  };
  const failing = uiiInProcess;

  it('`places import --json` tells new places from unchanged ones, and the text line says both', async () => {
    const known = readFileSync(file('proposal-tomsk.csv'), 'utf8').split(/\r?\n/)[1]!; // a place sent before
    const street = `ул. Пробная, ${Date.now() % 1000}`;
    const csv = [
      HEADER,
      known,
      cells('МБУ «Пробное»', `г. Томск, ${street}`),
      cells('МБУ «Пробное-2»', `г. Томск, ${street}а`),
    ];
    const path = write('trial.csv', `${csv.join('\n')}\n`);
    const out = JSON.parse(
      (await uii('places', 'import', path, '--municipality', 'tomsk-adm', '--json')).stdout,
    );
    expect(out).toMatchObject({ total: 3, new: 2, unchanged: 1, rejected: 0 });
    expect(out.accepted).toBe(out.new + out.unchanged);
    // Another file with the same places: nothing new, all unchanged — and the text line says so.
    const again = write('trial-again.csv', `${[HEADER, ...csv.slice(2), known].join('\n')}\n`);
    const text = (await uii('places', 'import', again, '--municipality', 'tomsk-adm')).stdout;
    expect(text).toMatch(
      /новых мест \(приняты к рассмотрению\): 0, без изменений \(уже рассматриваются или решены\): 3/,
    );
    expect(text).not.toMatch(/принято мест/);

    // The history says how each place came, in Russian.
    const shown = async (placeId: string) => (await uii('places', 'show', placeId)).stdout;
    const added = out.places.find((id: string) => !Object.values(ids).includes(id));
    expect(await shown(added)).toMatch(/tomsk-adm: предложено \(загрузка через uii places import, PR-/);
    expect(await shown(ids.park!)).toMatch(/предложено \(письмо, PR-/);
    expect(await shown(ids.kirov!)).toMatch(
      /предложено \(загрузка файла в хранилище \(uii places upload\), PR-/,
    );
    for (const id of [added, ids.park!, ids.kirov!])
      expect(await shown(id)).not.toMatch(/\((upload|cli|mail|link),|upload:|cli:|mail:/);
  });

  it('a file that is not what its name says is refused as that type, by name, with what to do', async () => {
    const csv = `${HEADER}\n${cells('МБУ «Текст»', 'г. Томск, ул. Текстовая, 1')}\n`;
    const xlsx = readFileSync(join(repoRoot, 'events/feeds/vacancies.xlsx'));
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['перечень.xlsx', csv, /файл «перечень\.xlsx» не читается как Excel \(\.xlsx\): внутри обычный текст/],
      [
        'обрезан.xlsx',
        xlsx.subarray(0, Math.floor(xlsx.length / 3)),
        /«обрезан\.xlsx» не читается как Excel \(\.xlsx\): файл повреждён или передан не полностью/,
      ],
      [
        'архив.xlsx',
        await zipOf({ 'readme.txt': 'not a workbook' }),
        /«архив\.xlsx» не читается как Excel \(\.xlsx\): это zip-архив, но в нём нет листов/,
      ],
      ['места.csv', xlsx, /«места\.csv» не читается как CSV \(\.csv\): внутри книга Excel/],
      [
        'места2.csv',
        Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x11, 0x12, 0x13]),
        /«места2\.csv» не читается как CSV \(\.csv\): внутри двоичные данные/,
      ],
      ['места.json', csv, /«места\.json» не читается как JSON \(\.json\)/],
      // A program a single-byte code page decodes as «text», and an Excel 97–2003 book renamed.
      [
        'программа.csv',
        Buffer.concat([
          Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]),
          Buffer.from('This program cannot be run'),
        ]),
        /«программа\.csv» не читается как CSV \(\.csv\): внутри двоичные данные/,
      ],
      [
        'старый.xlsx',
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512, 0)]),
        /«старый\.xlsx» не читается как Excel \(\.xlsx\): это книга старого формата Excel 97–2003/,
      ],
    ];
    await stack.drain();
    for (const [name, content, reason] of cases) {
      const before = (await mailTo(MUNICIPAL)).length;
      const run = await failing('places', 'import', write(name, content), '--municipality', 'tomsk-adm');
      expect(run.status, name).toBe(2);
      expect(run.stdout, name).toMatch(reason);
      expect(run.stdout, name).toMatch(/Что сделать: /);
      expect(run.stdout, name).not.toMatch(/столбц|вакансий/);
      await stack.drain();
      const [letter, ...more] = (await mailTo(MUNICIPAL)).slice(before);
      expect(more, name).toEqual([]);
      expect(letter!.subject, name).toMatch(/^Предложение мест не принято/);
      expect(letter!.text, name).toMatch(reason);
    }
  });

  it('a mailed .xls is answered with why and how to save it, the covering PDF beside it is left alone', async () => {
    await stack.drain();
    const before = (await mailTo(MUNICIPAL)).length;
    const eml = readFileSync(file('proposal-mail.eml'), 'latin1');
    const boundary = '------=_Part_places';
    const head = eml.slice(0, eml.indexOf(boundary));
    const part = (name: string, type: string, content: Buffer) =>
      [
        boundary,
        `Content-Type: ${type}; name="${name}"`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; filename="${name}"`,
        '',
        content.toString('base64'),
        '',
      ].join('\r\n');
    const mail = [
      head.replace('<proposal-2026-11@tomsk.example>', `<xls-${Date.now()}@tomsk.example>`),
      part(
        'perechen.xls',
        'application/vnd.ms-excel',
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      ),
      part('pismo.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n%\xe2\xe3\n')),
      `${boundary}--\r\n`,
    ].join('');
    await stack.receiveMail(Buffer.from(mail, 'latin1'));
    await stack.drain();
    const replies = (await mailTo(MUNICIPAL)).slice(before);
    expect(replies.map((m) => m.subject)).toEqual([
      'Предложение мест не принято — Администрация Города Томска (демо)',
    ]);
    expect(replies[0]!.text).toMatch(
      /«perechen\.xls»: таблица в формате \.xls не читается: .*«Книга Excel \(\.xlsx\)»/,
    );
    expect(replies[0]!.text).not.toMatch(/pismo\.pdf|нет вложения/);
  });

  it('a header without required columns names every one as in the template; letters say how to send, not where docs are', async () => {
    const header = HEADER.split(';').filter(
      (h) => !['Виды работ', 'График', 'Охрана труда', 'Ответственный', 'ИНН'].includes(h),
    );
    const path = write('columns.csv', `${[...header, 'Кол-во мест'].join(';')}\nМБУ;г. Томск\n`);
    const before = (await mailTo(MUNICIPAL)).length;
    const run = await failing('places', 'import', path, '--municipality', 'tomsk-adm');
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(
      'в файле нет 5 обязательных столбцов: «ИНН», «Виды работ», «График», «Охрана труда» и «Ответственный»',
    );
    expect(run.stdout).toContain('не распознан столбец «Кол-во мест»');
    await stack.drain();
    const [letter] = (await mailTo(MUNICIPAL)).slice(before);
    expect(letter!.text).toContain('Как прислать файл:');
    expect(letter!.text).toContain('ответом на это письмо');
    expect(letter!.text).toContain(MUNICIPAL);
    expect(letter!.text).toMatch(/обязательные — Организация, ИНН, Адрес, Виды работ/);
    expect(letter!.attachments.map((a) => a.filename)).toContain('shablon-predlozheniya-mest.csv');
    const receipts = (await mailTo(MUNICIPAL)).filter((m) =>
      /^Предложение мест|^Файл уже получен/.test(m.subject),
    );
    expect(receipts.length).toBeGreaterThan(3);
    for (const m of receipts) expect(`${m.text}\n${m.html}`).not.toMatch(/docs\/|\.md\b/);
  });

  it('a delivery repeated after it stopped half-way sends the receipt once, with the file’s places as new', async () => {
    const { importProposal } = await import('@uii/aws/places-import');
    const body = `${HEADER}\n${cells('МБУ «Повтор доставки»', `г. Томск, ул. Доставки, ${Date.now() % 1000}`)}\n`;
    const deliver = (at: string) =>
      importProposal(ctx, {
        municipalityId: 'tomsk-adm',
        fileName: 'повтор.csv',
        body: (async function* () {
          yield Buffer.from(body);
        })(),
        channel: 'link',
        today: at.slice(0, 10),
        at,
        replyTo: ['retry@tomsk.example'],
      });
    const first = await deliver('2026-12-01T05:00:00.000Z');
    expect(first).toMatchObject({ new: 1, unchanged: 0, receiptSent: true });
    // As if the first attempt stopped before its receipt was recorded on the proposal.
    const record = (await ctx.store.getProposal(first.proposalId))!;
    await ctx.store.putProposal({ ...record, receipts: [] });
    const again = await deliver('2026-12-01T05:01:00.000Z');
    expect(again).toMatchObject({ new: 1, unchanged: 0, receiptSent: true });
    expect(again.jobs).toEqual(first.jobs);
    expect(await deliver('2026-12-01T05:02:00.000Z')).toMatchObject({
      new: 0,
      unchanged: 1,
      receiptSent: false,
    });
    await stack.drain();
    const mails = await mailTo('retry@tomsk.example');
    expect(mails.map((m) => m.subject)).toEqual([
      'Предложение мест принято: 1 место, строк с ошибками: 0 — Администрация Города Томска (демо)',
    ]);
  });

  it('the same file from another uploader gets its own receipt saying when it came first; nobody gets one twice', async () => {
    const body = `${HEADER}\n${cells('МБУ «Дважды»', `г. Томск, ул. Повторная, ${Date.now() % 1000}`)}\n`;
    const upload = async (uploader: string) => {
      const { stdout } = await uii(
        'places',
        'upload-url',
        '--municipality',
        'tomsk-adm',
        '--file',
        'дважды.csv',
        '--uploader',
        uploader,
        '--json',
      );
      const answer = JSON.parse(stdout);
      expect((await fetch(answer.url, { method: 'PUT', headers: answer.headers, body })).status).toBe(200);
      await stack.drain();
    };
    await upload('first@tomsk.example');
    const [first, ...moreFirst] = await mailTo('first@tomsk.example');
    expect(moreFirst).toEqual([]);
    expect(first!.subject).toMatch(/^Предложение мест принято: 1 место/);
    const receivedOn = /\(файл «дважды\.csv», (\d{2}\.\d{2}\.\d{4})\)/.exec(first!.text!)![1]!;

    await upload('second@tomsk.example');
    const [second, ...moreSecond] = await mailTo('second@tomsk.example');
    expect(moreSecond).toEqual([]);
    expect(second!.subject).toMatch(new RegExp(`^Файл уже получен ${receivedOn.replaceAll('.', '\\.')}\\.`));
    expect(second!.text).toContain(`Этот же файл уже был получен ${receivedOn}`);
    expect(second!.text).toMatch(/новые сроки не начинаются/);

    // Each sends it again: no second receipt to either, and the proposal keeps its first day.
    await upload('second@tomsk.example');
    await upload('first@tomsk.example');
    expect(await mailTo('second@tomsk.example')).toHaveLength(1);
    expect(await mailTo('first@tomsk.example')).toHaveLength(1);
    const place = (await ctx.store.listPlaces()).find((p) => p.organisation === 'МБУ «Дважды»')!;
    expect((await uii('places', 'show', place.id)).stdout).toMatch(/предложено \(загрузка по ссылке, PR-/);
    expect(await ctx.store.listEvents(place.id)).toHaveLength(1);
  });
});
