import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { PlacesContext } from '@uii/aws/places-service';
import type { StoredPlace } from '@uii/aws/places-store';
import {
  AGREEMENT_KIND_RU,
  Agreement,
  agreementReport,
  countRu,
  DAYS,
  EXCHANGE_KIND_RU,
  EXCHANGE_PERIOD_RU,
  type ExchangeKind,
  expiringAgreements,
  listExpired,
  listExpiredReasonRu,
  PARTNER_KIND_RU,
  Partner,
  PlaceDecisionError,
  PROPOSAL_CHANNEL_RU,
  periodRu,
  placesFileNameProblem,
  REFUSAL_REASONS,
  ruDate,
  SENTENCE_SHORT,
  today as wallToday,
} from '@uii/domain';
import { readFileChunks } from '@uii/feeds';
import { control, localRuntime } from '@uii/local/client';
import { type Command, Option } from 'commander';
import type { z } from 'zod';
import { group, output, UsageError } from '../program';
import { caseIdArg } from './case-id';

const STATUS_RU = {
  pending: 'на рассмотрении',
  consented: 'согласовано',
  refused: 'отказано',
  remarks: 'замечания',
};
const STATUSES = ['pending', 'consented', 'refused', 'remarks'] as const;

/**
 * The local stack's table, outbox queue and clock when `npm start` runs, else AWS with
 * TABLE_NAME and ALERT_OUTBOX_QUEUE_URL from the environment.
 */
async function open(): Promise<{ ctx: PlacesContext; today: string; now: string }> {
  const info = localRuntime();
  let day = wallToday();
  let at = new Date().toISOString();
  if (info) {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = info.endpoints.dynamodb;
    process.env.AWS_ENDPOINT_URL_SQS = info.endpoints.sqs;
    process.env.AWS_REGION = info.region;
    process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
    process.env.TABLE_NAME = info.env.TABLE_NAME ?? 'main';
    process.env.ALERT_OUTBOX_QUEUE_URL =
      info.queueUrls['alert-outbox'] ?? info.env.ALERT_OUTBOX_QUEUE_URL ?? '';
    const clock = await control<{ today: string; now?: string }>(info, 'GET', '/clock').catch(() => ({
      today: day,
      now: at,
    }));
    day = clock.today;
    at = clock.now ?? at;
  } else if (!process.env.TABLE_NAME) {
    throw new UsageError(
      'нет локального стенда (запустите npm start) и не задан TABLE_NAME / no local stack and no TABLE_NAME',
    );
  }
  const { placesContext } = await import('@uii/aws/places-service');
  // The instant of the action on the stack's clock (the local clock may be moved).
  return { ctx: placesContext(), today: day, now: at };
}

/** Domain refusals of the input become usage errors (exit 2) with their Russian message. */
async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const name = (error as Error).name;
    if (
      error instanceof PlaceDecisionError ||
      ['UnknownPartnerError', 'PlaceNotFoundError', 'PlaceConflictError', 'FeedUnreadableError'].includes(
        name,
      )
    )
      throw new UsageError((error as Error).message, { cause: error });
    throw error;
  }
}

function assertFile(file: string): string {
  if (!existsSync(file)) throw new UsageError(`файл не найден / no such file: ${file}`);
  if (statSync(file).isDirectory()) throw new UsageError(`это каталог, а не файл / is a directory: ${file}`);
  return file;
}

/** A proposal file of a type places intake reads (by its name), else exit 2 with the accepted ones. */
function assertPlacesFileName(name: string, option = ''): void {
  const problem = placesFileNameProblem(basename(name));
  if (problem) throw new UsageError(`${option}${problem}`);
}

/** `uii places list --json`: the public contract of issue 13. */
export function placeJson(p: StoredPlace) {
  return {
    id: p.id,
    municipalityId: p.municipalityId,
    organisation: p.organisation,
    address: p.address,
    workplaces: p.workplaces,
    sentence: p.sentence,
    status: p.status,
    due: p.clock?.due ?? null,
    decidedOn: p.decidedOn ?? null,
  };
}

/** Consented places whose agreed list has ended in their municipality's time zone (ADR 0029). */
async function expiredIds(
  ctx: PlacesContext,
  places: readonly StoredPlace[],
  at: string,
): Promise<Set<string>> {
  const zones = new Map((await ctx.store.listPartners()).map((p) => [p.id, p.timeZone]));
  return new Set(
    places
      .filter(
        (p) => p.status === 'consented' && listExpired(p.validTo, new Date(at), zones.get(p.municipalityId)),
      )
      .map((p) => p.id),
  );
}

function placeLine(p: StoredPlace, expired = false): string {
  const state =
    p.status === 'pending'
      ? `на рассмотрении, решить до ${ruDate(p.clock!.due)}`
      : p.status === 'remarks'
        ? `замечания ${ruDate(p.decidedOn!)}, ответ муниципалитета до ${ruDate(p.clock!.due)}`
        : `${STATUS_RU[p.status]} ${ruDate(p.decidedOn!)}${expired ? `; ${listExpiredReasonRu(p.validTo)} — не используется` : ''}`;
  const room = p.status === 'consented' ? `, занято ${p.assigned ?? 0} из ${p.workplaces}` : '';
  return `${p.id}  ${p.organisation}, ${p.address} — мест: ${p.workplaces} (${SENTENCE_SHORT[p.sentence]})${room}; ${state}  [${p.municipalityId}]`;
}

function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(assertFile(file), 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: не JSON (${(error as Error).message})`, { cause: error });
  }
}

function parseOrUsage<T>(schema: z.ZodType<T>, value: unknown, file: string): T[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, i) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw new UsageError(
      `${file}: запись ${i + 1}, поле ${issue.path.join('.') || '(запись)'}: ${issue.message}`,
    );
  });
}

export function register(program: Command): void {
  const places = group(
    program,
    'places',
    'места отбывания ОР/ИР, предложенные органами местного самоуправления',
  );

  places
    .command('import')
    .description('принять файл предложения мест (CSV, Excel, JSON) от муниципалитета')
    .argument('<file>', '.xlsx, .csv, .txt (CSV), .json или .jsonl; столбцы — docs/places.md')
    .requiredOption('--municipality <id>', 'id зарегистрированного органа местного самоуправления')
    .option('--json', 'machine-readable output')
    .action(async (file: string, opts: { municipality: string; json?: boolean }) => {
      assertFile(file);
      assertPlacesFileName(file);
      const { ctx, today, now } = await open();
      const { importProposal } = await import('@uii/aws/places-import');
      const out = await asUsage(() =>
        importProposal(ctx, {
          municipalityId: opts.municipality,
          fileName: basename(file),
          body: readFileChunks(file),
          channel: 'cli',
          today,
          at: now,
        }),
      );
      output(opts.json, out, () =>
        [
          out.refused
            ? `Файл не принят. Причина: ${out.refused.replace(/[.\s]+$/, '')}.`
            : `Предложение ${out.proposalId} от ${out.municipalityId}: строк ${out.total}; ` +
              `новых мест (приняты к рассмотрению): ${out.new}, без изменений (уже рассматриваются или решены): ${out.unchanged}; ` +
              `строк с ошибками: ${out.rejected}` +
              `${out.due ? `; решить до ${ruDate(out.due)} (PLACE-DECIDE)` : ''}`,
          ...out.errors.map(
            (e) => `  ${e.row === 0 ? 'весь файл' : `строка ${e.row}`}, «${e.field}»: ${e.message}`,
          ),
          out.firstReceivedOn
            ? out.receiptSent
              ? `Этот файл уже получен ${ruDate(out.firstReceivedOn)}; этому отправителю квитанции о нём ещё не было — она отправлена.`
              : `Этот файл уже получен ${ruDate(out.firstReceivedOn)}; квитанция отправителю ушла тогда и повторно не отправляется.`
            : out.errors.length
              ? 'Отправителю отправлен отчёт об ошибках.'
              : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
      if (out.refused) process.exitCode = 2;
    });

  places
    .command('upload')
    .description(
      'положить файл предложения в places/<municipality>/ бакета загрузок (его прочтёт places-intake)',
    )
    .argument('<file>', '.xlsx, .csv, .txt (CSV), .json или .jsonl')
    .requiredOption('--municipality <id>', 'id зарегистрированного органа местного самоуправления')
    .action(async (file: string, opts: { municipality: string }) => {
      assertFile(file);
      assertPlacesFileName(file);
      if (!/^[\w.-]{1,64}$/.test(opts.municipality))
        throw new UsageError(`--municipality: латиница, цифры, точка, дефис, а не «${opts.municipality}»`);
      const info = localRuntime();
      if (info) {
        process.env.AWS_ENDPOINT_URL_S3 = info.endpoints.s3;
        process.env.AWS_REGION = info.region;
        process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
        process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
        process.env.UPLOADS_BUCKET = info.env.UPLOADS_BUCKET ?? 'uploads';
      }
      const bucket = process.env.UPLOADS_BUCKET;
      if (!bucket) throw new UsageError('нет локального стенда (npm start) и не задан UPLOADS_BUCKET');
      const { putObject } = await import('@uii/aws');
      const key = `places/${opts.municipality}/${basename(file).replace(/[^\p{L}\p{N}._-]+/gu, '_')}`;
      await putObject(bucket, key, readFileSync(file));
      process.stdout.write(`Загружено: s3://${bucket}/${key} — отчёт придёт на адреса муниципалитета\n`);
    });

  places
    .command('upload-url')
    .description(
      'ссылка (presigned PUT) для загрузки предложения в places/<municipality>/ — для органа местного самоуправления',
    )
    .requiredOption('--municipality <id>', 'id зарегистрированного органа местного самоуправления')
    .option(
      '--file <name>',
      'имя файла, для которого нужна ссылка (.xlsx, .csv, .txt, .json или .jsonl)',
      'proposal.csv',
    )
    .option('--uploader <email>', 'адрес для квитанции (по умолчанию — адреса органа)')
    .option(
      '--endpoint <url>',
      'Function URL функции upload-url в AWS (по умолчанию UII_UPLOAD_URL_ENDPOINT); вызов подписывается ролью uii-places-upload-<id>',
    )
    .option('--json', 'machine-readable output')
    .action(
      async (opts: {
        municipality: string;
        file: string;
        uploader?: string;
        endpoint?: string;
        json?: boolean;
      }) => {
        if (!/^[\w.-]{1,64}$/.test(opts.municipality))
          throw new UsageError(`--municipality: латиница, цифры, точка, дефис, а не «${opts.municipality}»`);
        const { isMailAddress } = await import('@uii/domain');
        const { placesUploadKey, presignedUpload, uploadFileProblem } = await import(
          '../../../../functions/upload-url/answer'
        );
        if (opts.uploader !== undefined && !isMailAddress(opts.uploader))
          throw new UsageError(`--uploader: не адрес эл. почты: «${opts.uploader}»`);
        const fileProblem = uploadFileProblem(opts.file);
        if (fileProblem) throw new UsageError(`--file: ${fileProblem}`);
        const info = localRuntime();
        const endpoint = opts.endpoint ?? process.env.UII_UPLOAD_URL_ENDPOINT;
        let answer: Awaited<ReturnType<typeof presignedUpload>>;
        if (info && !opts.endpoint) {
          // Locally there is no IAM (ADR 0008): the stack's bucket, the same key and answer.
          const { ctx, today } = await open();
          const partner = await ctx.store.getPartner(opts.municipality);
          if (partner?.kind !== 'municipality') {
            const known = (await ctx.store.listPartners()).filter((p) => p.kind === 'municipality');
            throw new UsageError(
              `орган местного самоуправления «${opts.municipality}» не зарегистрирован; зарегистрированы: ${known.map((p) => p.id).join(', ') || 'нет'}`,
            );
          }
          process.env.AWS_ENDPOINT_URL_S3 = info.endpoints.s3;
          const bucket = info.env.UPLOADS_BUCKET ?? 'uploads';
          answer = await presignedUpload(
            bucket,
            placesUploadKey(partner.id, opts.file, today),
            opts.uploader,
          );
        } else if (endpoint) {
          answer = await signedUploadUrl(endpoint, { file: opts.file, uploader: opts.uploader });
          if (!answer.key.startsWith(`places/${opts.municipality}/`))
            throw new UsageError(
              `ссылка выдана не для «${opts.municipality}»: учётные данные — не роль uii-places-upload-${opts.municipality}`,
            );
        } else {
          throw new UsageError(
            'нет локального стенда (npm start) и не задан --endpoint / UII_UPLOAD_URL_ENDPOINT (Function URL upload-url)',
          );
        }
        output(opts.json, answer, () =>
          [
            `Ссылка для загрузки (PUT, действует ${Math.round(answer.expiresIn / 60)} мин):`,
            answer.url,
            `Файл ляжет в ${answer.key}; квитанция придёт на ${opts.uploader ?? 'адреса органа местного самоуправления'}.`,
            `Пример: curl -X PUT -T ${opts.file}${Object.entries(answer.headers)
              .map(([k, v]) => ` -H '${k}: ${v}'`)
              .join('')} '${answer.url}'`,
          ].join('\n'),
        );
      },
    );

  places
    .command('list')
    .description('предложенные места и их сроки')
    .addOption(new Option('--status <status>', 'только с этим статусом').choices([...STATUSES]))
    .option('--json', 'machine-readable output')
    .action(async (opts: { status?: (typeof STATUSES)[number]; json?: boolean }) => {
      const { ctx, now } = await open();
      const all = (await ctx.store.listPlaces())
        .filter((p) => !opts.status || p.status === opts.status)
        .sort((a, b) => (a.clock?.due ?? '9').localeCompare(b.clock?.due ?? '9') || a.id.localeCompare(b.id));
      const expired = opts.json ? new Set<string>() : await expiredIds(ctx, all, now);
      output(opts.json, all.map(placeJson), () =>
        all.length ? all.map((p) => placeLine(p, expired.has(p.id))).join('\n') : 'Мест нет.',
      );
    });

  places
    .command('show')
    .description('место и история решений (кто, что, когда)')
    .argument('<placeId>')
    .option('--json', 'machine-readable output')
    .action(async (placeId: string, opts: { json?: boolean }) => {
      const { ctx, now } = await open();
      const place = await ctx.store.getPlace(placeId);
      if (!place) throw new UsageError(`место ${placeId} не найдено (uii places list)`);
      const events = await ctx.store.listEvents(placeId);
      const expired = (await expiredIds(ctx, [place], now)).has(place.id);
      output(opts.json, { ...placeJson(place), place, events }, () =>
        [
          placeLine(place, expired),
          `  виды работ: ${place.kindsOfWork.join(', ')}; график: ${place.conditions.schedule}${place.conditions.hours ? `, ${place.conditions.hours}` : ''}; охрана труда: ${place.conditions.safety}`,
          `  ответственный: ${place.administrator.name} <${place.administrator.email}>; действует по ${ruDate(place.validTo)}`,
          'История:',
          ...events.map((e) => {
            const what =
              e.type === 'proposed'
                ? `предложено (${PROPOSAL_CHANNEL_RU[e.channel]}, ${e.proposalId})`
                : e.type === 'consent'
                  ? 'согласовано'
                  : e.type === 'refusal'
                    ? `отказ: ${e.reasons.join(', ')}${e.text ? ` — ${e.text}` : ''}`
                    : `замечания: ${e.text}`;
            // A proposal's `by` is «<channel>:<municipality>»: the municipality, its way in Russian.
            const who = e.type === 'proposed' ? place.municipalityId : e.by;
            return `  ${ruDate(e.date)} ${who}: ${what}`;
          }),
        ].join('\n'),
      );
    });

  places
    .command('decide')
    .description('решение по месту: согласие, отказ с причинами или замечания')
    .argument('<placeId>')
    .option('--consent', 'согласовать')
    .option('--refuse', 'отказать (нужна --reason)')
    .option('--reason <code...>', `причина отказа: ${REFUSAL_REASONS.map((r) => r.code).join(', ')}`)
    .option('--text <text>', 'пояснение (для --reason other обязательно)')
    .option('--remarks <text>', 'замечания, которые муниципалитет должен устранить')
    .option('--by <officerId>', 'кто решает', process.env.UII_OFFICER ?? 'officer')
    .option('--json', 'machine-readable output')
    .action(
      async (
        placeId: string,
        opts: {
          consent?: boolean;
          refuse?: boolean;
          reason?: string[];
          text?: string;
          remarks?: string;
          by: string;
          json?: boolean;
        },
      ) => {
        const chosen = [opts.consent, opts.refuse, opts.remarks !== undefined].filter(Boolean).length;
        if (chosen !== 1)
          throw new UsageError('укажите одно: --consent, --refuse --reason <код> или --remarks <текст>');
        if (opts.refuse && !opts.reason?.length) throw new UsageError('для отказа нужна --reason <код>');
        if (!opts.refuse && opts.reason) throw new UsageError('--reason используется только с --refuse');
        const decision = opts.consent
          ? { type: 'consent' as const, text: opts.text }
          : opts.refuse
            ? { type: 'refusal' as const, reasons: opts.reason!, text: opts.text }
            : { type: 'remarks' as const, text: opts.remarks! };
        const { ctx, today, now } = await open();
        const { decidePlace } = await import('@uii/aws/places-service');
        const out = await asUsage(() => decidePlace(ctx, { placeId, decision, by: opts.by, today, at: now }));
        output(
          opts.json,
          placeJson(out.place),
          () => `${placeLine(out.place)}\nПисьмо с решением отправлено в орган местного самоуправления.`,
        );
      },
    );

  places
    .command('propose')
    .description('согласованные места со свободными рабочими местами для дела (ОР)')
    .requiredOption('--case <caseId>', 'номер дела', caseIdArg)
    .option('--json', 'machine-readable output')
    .action(async (opts: { case: string; json?: boolean }) => {
      const { ctx, today } = await open();
      const { proposeForCase } = await import('@uii/aws/places-service');
      const out = await proposeForCase(ctx, opts.case, today);
      output(opts.json, out.proposals, () =>
        out.proposals.length
          ? out.proposals
              .map((p) => `${p.placeId}  ${p.organisation}, ${p.address} — ${p.reasons.join('; ')}`)
              .join('\n')
          : 'Подходящих согласованных мест нет.',
      );
    });

  places
    .command('assign')
    .description('направить осуждённого на согласованное место (объект получит уведомление)')
    .argument('<placeId>')
    .requiredOption('--case <caseId>', 'номер дела', caseIdArg)
    .option('--by <officerId>', 'кто направляет', process.env.UII_OFFICER ?? 'officer')
    .action(async (placeId: string, opts: { case: string; by: string }) => {
      const { ctx, today } = await open();
      const { assignToPlace } = await import('@uii/aws/places-service');
      const out = await asUsage(() => assignToPlace(ctx, { placeId, caseId: opts.case, by: opts.by, today }));
      process.stdout.write(
        out.assigned
          ? `Дело ${opts.case} направлено на ${placeId}; объекту отправлено уведомление.\n`
          : `Дело ${opts.case} уже направлено на ${placeId}.\n`,
      );
    });

  const partners = group(
    program,
    'partners',
    'партнёры инспекции: муниципалитеты, службы занятости, работодатели, НКО',
  );
  partners
    .command('list')
    .description('зарегистрированные партнёры')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const { ctx } = await open();
      const all = (await ctx.store.listPartners()).sort((a, b) => a.id.localeCompare(b.id));
      output(opts.json, all, () =>
        all.length
          ? all
              .map(
                (p) =>
                  `${p.id}  ${p.name} — ${PARTNER_KIND_RU[p.kind]}, регион ${p.region}${p.oktmo ? `, ОКТМО ${p.oktmo}` : ''}`,
              )
              .join('\n')
          : 'Партнёры не зарегистрированы.',
      );
    });
  partners
    .command('show')
    .description('партнёр: адреса, соглашения, места')
    .argument('<id>')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { json?: boolean }) => {
      const { ctx } = await open();
      const p = await ctx.store.getPartner(id);
      if (!p) throw new UsageError(`партнёр ${id} не найден (uii partners list)`);
      const agreements = (await ctx.store.listAgreements()).filter((a) => a.partnerId === id);
      const places = (await ctx.store.listPlaces()).filter((x) => x.municipalityId === id);
      output(opts.json, { ...p, agreements, places: places.map(placeJson) }, () =>
        [
          `${p.name} (${p.id}) — ${PARTNER_KIND_RU[p.kind]}`,
          `Регион ${p.region}${p.oktmo ? `, ОКТМО ${p.oktmo}` : ''}, часовой пояс ${p.timeZone}`,
          `Адреса: ${p.contacts.join(', ')}`,
          `Соглашения: ${agreements.map((a) => `${a.id} (по ${a.validTo ? ruDate(a.validTo) : 'бессрочно'})`).join(', ') || 'нет'}`,
          `Места: ${places.length ? places.map((x) => `${x.id} ${STATUS_RU[x.status]}`).join(', ') : 'нет'}`,
        ].join('\n'),
      );
    });
  partners
    .command('add')
    .description('зарегистрировать партнёра(ов) из JSON-файла (объект или массив)')
    .argument('<file>')
    .action(async (file: string) => {
      const list = parseOrUsage(Partner, readJsonFile(file), file);
      const { ctx } = await open();
      for (const p of list) await ctx.store.putPartner(p);
      process.stdout.write(`Зарегистрировано партнёров: ${list.length}\n`);
    });

  const agreements = group(program, 'agreements', 'соглашения о взаимодействии с партнёрами');
  agreements
    .command('list')
    .description('соглашения; --expiring N — только истекающие в ближайшие N дней')
    .option('--expiring <days>', 'только истекающие в ближайшие N дней', (v) => {
      if (!/^\d+$/.test(v)) throw new UsageError(`--expiring: целое число дней, а не «${v}»`);
      return Number(v);
    })
    .option('--json', 'machine-readable output')
    .action(async (opts: { expiring?: number; json?: boolean }) => {
      const { ctx, today } = await open();
      const all = await ctx.store.listAgreements();
      const list =
        opts.expiring === undefined
          ? all.sort((a, b) => a.id.localeCompare(b.id))
          : expiringAgreements(all, today, opts.expiring);
      output(opts.json, list, () =>
        list.length
          ? list
              .map(
                (a) =>
                  `${a.id}  ${a.partnerId} — ${AGREEMENT_KIND_RU[a.kind]}; форма: ${a.standardForm}; подписано ${ruDate(a.signedOn)}, действует ${a.validTo ? `по ${ruDate(a.validTo)}` : 'бессрочно'}` +
                  (a.exchanges.length
                    ? `\n    обмен: ${a.exchanges.map((e) => `${EXCHANGE_KIND_RU[e.what]} — ${EXCHANGE_PERIOD_RU[e.period]}`).join('; ')}`
                    : ''),
              )
              .join('\n')
          : opts.expiring === undefined
            ? 'Соглашений нет.'
            : `Соглашений, истекающих в ближайшие ${countRu(Number(opts.expiring), DAYS)}, нет.`,
      );
    });
  agreements
    .command('add')
    .description('внести соглашение(я) из JSON-файла (объект или массив)')
    .argument('<file>')
    .action(async (file: string) => {
      const list = parseOrUsage(Agreement, readJsonFile(file), file);
      const { ctx } = await open();
      for (const a of list) await ctx.store.putAgreement(a);
      process.stdout.write(`Внесено соглашений: ${list.length}\n`);
    });
  agreements
    .command('report')
    .description('что прислал каждый партнёр по сравнению с соглашением (например, ежемесячные ленты)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const { ctx, today } = await open();
      const { FeedStore } = await import('@uii/aws/feed-store');
      const feeds = new FeedStore(ctx.store.tableName);
      const all = await ctx.store.listAgreements();
      const received = new Map<string, Map<ExchangeKind, string[]>>();
      for (const partnerId of new Set(all.map((a) => a.partnerId))) {
        const byKind = new Map<ExchangeKind, string[]>();
        byKind.set(
          'vacancy_feed',
          (await feeds.listSummaries(partnerId)).map((s) => s.month),
        );
        byKind.set(
          'place_proposal',
          (await ctx.store.listProposals(partnerId)).map((p) => p.receivedOn),
        );
        received.set(partnerId, byKind);
      }
      const report = agreementReport(all, received, today);
      output(opts.json, report, () =>
        report.length
          ? report
              .map(
                (t) =>
                  `${t.agreementId} ${t.partnerId}: ${EXCHANGE_KIND_RU[t.what]} (${EXCHANGE_PERIOD_RU[t.period]}) — ` +
                  (!t.tracked
                    ? 'поступление в системе не учитывается'
                    : t.period === 'on_event'
                      ? `получено за ${t.received.length ? t.received.map(periodRu).join(', ') : '—'}`
                      : `ожидалось ${t.expected.length}, получено ${t.received.filter((r) => t.expected.includes(r)).length}` +
                        (t.missing.length
                          ? `; нет за: ${t.missing.map(periodRu).join(', ')}`
                          : '; всё получено')),
              )
              .join('\n')
          : 'Соглашений нет.',
      );
    });
}

/**
 * On AWS: GET the upload-url Function URL signed (SigV4, service `lambda`) with the caller's
 * credentials — the municipality's role `uii-places-upload-<id>` (ADR 0030).
 */
async function signedUploadUrl(
  endpoint: string,
  query: { file: string; uploader?: string },
): Promise<{ url: string; key: string; method: 'PUT'; headers: Record<string, string>; expiresIn: number }> {
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
  const { createHash, createHmac } = await import('node:crypto');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`--endpoint: не адрес: «${endpoint}»`);
  }
  url.searchParams.set('file', query.file);
  if (query.uploader) url.searchParams.set('uploader', query.uploader);
  const region =
    /\.lambda-url\.([a-z0-9-]+)\.on\.aws$/.exec(url.hostname)?.[1] ??
    process.env.AWS_REGION ??
    'eu-central-1';
  const bytes = (d: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
    typeof d === 'string'
      ? d
      : d instanceof ArrayBuffer
        ? new Uint8Array(d)
        : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  /** SHA-256 (HMAC when keyed) in the shape SignatureV4 expects. */
  class Sha256 {
    private readonly h;
    constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
      this.h = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
    }
    update(data: string | ArrayBuffer | ArrayBufferView) {
      this.h.update(bytes(data));
    }
    async digest() {
      return new Uint8Array(this.h.digest());
    }
  }
  const signer = new SignatureV4({
    service: 'lambda',
    region,
    credentials: defaultProvider(),
    sha256: Sha256,
  });
  const signed = await signer.sign({
    method: 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host },
  });
  const response = await fetch(url, { headers: signed.headers as Record<string, string> });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok)
    throw new UsageError(
      `upload-url ответил ${response.status}: ${typeof body.error === 'string' ? body.error : 'без пояснения'}`,
    );
  return body as never;
}
