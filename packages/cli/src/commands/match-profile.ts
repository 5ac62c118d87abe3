import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { BANS, echoRu, type MatchProfile, parseMatchProfile, plural } from '@uii/domain';
import { jsonErrorRu } from '@uii/feeds/readers/json';
import { output, UsageError } from '../program';
import { cliCaseId } from './case-id';
import { openCaseStack } from './case-stack';

/** Flags of `uii match profile` (each replaces that field of the stored profile). */
export interface ProfileFlags {
  file?: string;
  lat?: string;
  lng?: string;
  locality?: string;
  professions?: string;
  skills?: string;
  education?: string;
  experience?: string;
  bans?: string;
  declined?: string;
  rematch: boolean;
  json?: boolean;
}

const FIELD_FLAGS = {
  lat: 'lat',
  lng: 'lng',
  locality: 'locality',
  professions: 'professions',
  skills: 'skills',
  education: 'education',
  experience: 'experienceYears',
  bans: 'bans',
  declined: 'declined',
} as const;

const BAN_NAME = new Map(BANS.map((b) => [b.code, b.name_ru]));

function describe(caseId: string, p: MatchProfile | undefined): string {
  if (!p) return `Профиль подбора дела ${caseId} не заполнен.`;
  const list = (xs: readonly string[]) => (xs.length ? xs.join('; ') : '—');
  return [
    `Профиль подбора дела ${caseId}:`,
    `  дом: ${p.lat !== undefined ? `${p.lat}, ${p.lng}` : 'координаты не указаны'}${p.locality ? ` (${p.locality})` : ''}`,
    `  коды профессий ОКПДТР: ${list(p.professions)}`,
    `  профессии и навыки: ${list(p.skills)}`,
    `  образование: ${p.education ?? 'не указано'}; стаж: ${String(p.experienceYears).replace('.', ',')} ${plural(p.experienceYears, ['год', 'года', 'лет'])}`,
    `  запреты суда: ${list(p.bans.map((b) => BAN_NAME.get(b) ?? b))}`,
    `  отказы от вакансий: ${p.declined.length}`,
  ].join('\n');
}

/**
 * `uii match profile <caseId>`: shows a case's matching profile, or writes it (from `--file`,
 * or the flags over the stored one), validated against the domain schema, and asks the match
 * function to match that case again.
 */
export async function profileCommand(caseIdArg: string, opts: ProfileFlags): Promise<void> {
  // Checked before any store is asked: a 5 000-character id reached DynamoDB's own error.
  const caseId = cliCaseId(caseIdArg);
  const flags = Object.entries(FIELD_FLAGS).filter(
    ([flag]) => opts[flag as keyof typeof FIELD_FLAGS] !== undefined,
  );
  if (opts.file && flags.length)
    throw new UsageError(
      'укажите либо --file, либо поля по отдельности (--lat, --skills …), а не то и другое',
    );
  const flagValues = Object.fromEntries(
    flags.map(([flag, field]) => [field, opts[flag as keyof typeof FIELD_FLAGS]]),
  );
  // Everything typed is checked before the stack is opened; the whole profile again below.
  let fromFile: MatchProfile | undefined;
  if (opts.file) fromFile = profileOf(basename(opts.file), readProfileFile(opts.file, caseId));
  else if (flags.length) profileOf(`профиль дела ${caseId}`, flagValues, true);

  const { store, today } = await openCaseStack();
  const stored = await store.getCase(caseId);
  if (!stored) throw new UsageError(`дело ${caseId} не найдено`);
  const { MatchStore } = await import('@uii/aws/match-store');
  const match = new MatchStore(store.tableName);
  const current = await match.getProfile(caseId);

  if (!opts.file && !flags.length) {
    output(opts.json, { caseId, profile: current ?? null }, () => describe(caseId, current));
    return;
  }

  const profile = fromFile ?? profileOf(`профиль дела ${caseId}`, { ...current, ...flagValues });
  if (profile.region && stored.case.region && profile.region !== stored.case.region)
    throw new UsageError(
      `профиль не записан: регион ${profile.region} не совпадает с регионом дела ${stored.case.region}`,
    );
  await match.putProfile(caseId, profile);

  let rematch: { requested: boolean; reason?: string } = { requested: false, reason: 'не запрашивался' };
  if (opts.rematch) rematch = await requestRematch(caseId, today);
  output(opts.json, { caseId, profile, rematch }, () =>
    [
      `Профиль подбора дела ${caseId} записан.`,
      describe(caseId, profile),
      rematch.requested
        ? 'Повторный подбор вакансий запрошен: предложения обновятся после работы функции подбора.'
        : `Повторный подбор не запрошен: ${rematch.reason}.`,
    ].join('\n'),
  );
}

/**
 * The profile of a file or the flags, or a UsageError after every problem is printed (field in
 * words, why, the value cut to 40 characters). The fields of a case record that a profile does
 * not hold (a record copied from a cases file) are left out, and said so in one line.
 */
function profileOf(where: string, raw: unknown, fieldsOnly = false): MatchProfile {
  const parsed = parseMatchProfile(raw, { fieldsOnly });
  if (!parsed.profile) {
    for (const e of parsed.errors) process.stderr.write(`${where}, поле «${e.field}»: ${e.message}\n`);
    const n = parsed.errors.length;
    throw new UsageError(`профиль не записан: ${n} ${plural(n, ['ошибка', 'ошибки', 'ошибок'])}`);
  }
  const ignored = parsed.ignored;
  if (ignored.length)
    process.stderr.write(
      `${where}: ${
        ignored.length === 1
          ? `поле ${ignored[0]} — из записи дела, в профиль не входит и не учтено`
          : `поля ${ignored.join(', ')} — из записи дела, в профиль не входят и не учтены`
      }\n`,
    );
  return parsed.profile;
}

/**
 * The profile record of `--file`: a JSON object, the case's own record of a cases file
 * (`uii match --cases`, an array) found by its id, or its entry of a `{"profiles": {<caseId>: …}}`
 * file (the demo's). Refused in Russian when it is none of these.
 */
function readProfileFile(file: string, caseId: string): unknown {
  const name = basename(file);
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`--file: это каталог, а не файл: ${file}`);
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--file: файл не найден или не читается: ${file}`);
  }
  if (!text.trim()) throw new UsageError(`файл ${name} пуст: ожидается объект JSON с полями профиля`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${name} — не JSON: ${jsonErrorRu((error as Error).message)}`);
  }
  // A file of profiles by case id (events/match/demo-profiles.json): this case's one.
  const byCase = (json as { profiles?: unknown } | null)?.profiles;
  if (byCase && typeof byCase === 'object' && !Array.isArray(byCase)) {
    if (Object.hasOwn(byCase, caseId)) return (byCase as Record<string, unknown>)[caseId];
    throw new UsageError(`в файле ${name} профили других дел, профиля дела ${caseId} среди них нет`);
  }
  if (!Array.isArray(json)) {
    const id = (json as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id !== caseId)
      process.stderr.write(
        `${name}: запись скопирована из дела ${echoRu(id)}; профиль записывается для дела ${caseId}\n`,
      );
    return json;
  }
  const own = json.filter((r) => (r as { id?: unknown } | null)?.id === caseId);
  if (own.length === 1) return own[0];
  if (json.length === 1 && (json[0] as { id?: unknown } | null)?.id === undefined) return json[0];
  if (own.length > 1) throw new UsageError(`в файле ${name} дело ${caseId} указано ${own.length} раза`);
  throw new UsageError(
    `в файле ${name} список из ${json.length} ${plural(json.length, ['записи', 'записей', 'записей'])}, а записи дела ${caseId} среди них нет: укажите файл с одним профилем (объект JSON)`,
  );
}

/** Puts a `rematch` request for the case on match-requests (local stack or MATCH_REQUESTS_QUEUE_URL). */
async function requestRematch(
  caseId: string,
  asOf: string,
): Promise<{ requested: boolean; reason?: string }> {
  const { localRuntime, sqsFor } = await import('@uii/local/client');
  const { SendMessageCommand } = await import('@aws-sdk/client-sqs');
  const info = localRuntime();
  const url = info?.queueUrls['match-requests'] ?? process.env.MATCH_REQUESTS_QUEUE_URL;
  if (!url)
    return {
      requested: false,
      reason: 'очередь match-requests не найдена (запустите npm start или задайте MATCH_REQUESTS_QUEUE_URL)',
    };
  await sqsFor(info).send(
    new SendMessageCommand({
      QueueUrl: url,
      MessageBody: JSON.stringify({ reason: 'rematch', caseIds: [caseId], asOf }),
    }),
  );
  return { requested: true };
}
