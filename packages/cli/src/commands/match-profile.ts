import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { BANS, type MatchProfile, parseMatchProfile, plural } from '@uii/domain';
import { output, UsageError } from '../program';
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
export async function profileCommand(caseId: string, opts: ProfileFlags): Promise<void> {
  const flags = Object.entries(FIELD_FLAGS).filter(
    ([flag]) => opts[flag as keyof typeof FIELD_FLAGS] !== undefined,
  );
  if (opts.file && flags.length)
    throw new UsageError(
      'укажите либо --file, либо поля по отдельности (--lat, --skills …), а не то и другое',
    );
  let fromFile: unknown;
  if (opts.file) {
    let text: string;
    try {
      text = readFileSync(opts.file, 'utf8');
    } catch {
      throw new UsageError(`--file: не удалось прочитать файл ${opts.file}`);
    }
    try {
      fromFile = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new UsageError(`${basename(opts.file)}: это не JSON (${(error as Error).message})`);
    }
  }

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

  const raw = opts.file
    ? fromFile
    : {
        ...current,
        ...Object.fromEntries(flags.map(([flag, field]) => [field, opts[flag as keyof typeof FIELD_FLAGS]])),
      };
  const parsed = parseMatchProfile(raw);
  if (!parsed.profile) {
    const where = opts.file ? basename(opts.file) : `профиль дела ${caseId}`;
    for (const e of parsed.errors) process.stderr.write(`${where}, поле «${e.field}»: ${e.message}\n`);
    const n = parsed.errors.length;
    throw new UsageError(`профиль не записан: ${n} ${plural(n, ['ошибка', 'ошибки', 'ошибок'])}`);
  }
  const profile = parsed.profile;
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
