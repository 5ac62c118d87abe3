import type { AlertJob } from '../alerts/alert-job';
import { addDays, ruDate } from '../calendar/dates';
import { errorsCsv } from '../feeds/receipt';
import { utf8Base64 } from '../text/base64';
import type { RowError } from '../vacancies/errors';
import { SENTENCE_SHORT } from './clock';
import { type PlaceDecision, refusalText } from './decisions';
import { listExpiredReasonRu } from './expiry';
import { PLACES_FILE_TYPES_RU, PLACES_TEMPLATE_FILE, placesTemplateCsv, templateColumns } from './files';
import { AGREEMENT_KIND_RU, type Agreement, type Partner } from './partners';
import type { ProposedPlace } from './proposal';
import { count, escapeHtml, PLACES, textToHtml, WORKPLACES } from './ru';

/** The legal basis quoted in every decision letter, by sentence. */
export const LEGAL_BASIS: Record<ProposedPlace['sentence'], string> = {
  compulsory_labor:
    'ч. 1 ст. 25 УИК РФ: объекты, на которых осуждённые отбывают обязательные работы, определяются органами местного самоуправления по согласованию с уголовно-исполнительными инспекциями',
  corrective_labor:
    'ч. 1 ст. 39 УИК РФ: места отбывания исправительных работ осуждёнными, не имеющими основного места работы, определяются органами местного самоуправления по согласованию с уголовно-исполнительными инспекциями',
};

const SENTENCE_RU = {
  compulsory_labor: 'обязательные работы',
  corrective_labor: 'исправительные работы',
} as const;

type Place = Pick<
  ProposedPlace,
  | 'id'
  | 'organisation'
  | 'inn'
  | 'address'
  | 'workplaces'
  | 'sentence'
  | 'kindsOfWork'
  | 'validTo'
  | 'conditions'
>;

export interface Letter {
  subject: string;
  text: string;
  html: string;
}

/** The decision letter to the municipality: Russian, text and HTML, with reasons and legal basis. */
export function decisionLetter(input: {
  municipality: Pick<Partner, 'name'>;
  inspectionName: string;
  place: Place;
  decision: PlaceDecision;
  receivedOn: string;
  /**
   * The list-expiry reminder period (settings, default 30 days): a consent given inside it says
   * at once that a new proposal is needed — the daily reminder's day has already passed.
   */
  expiryReminderDays?: number;
  /** With remarks: the last day of the municipality's answer (PLACE-REMARKS). */
  answerDue?: string;
}): Letter {
  const { place: p, decision: d } = input;
  const what =
    d.type === 'consent'
      ? 'согласовано'
      : d.type === 'refusal'
        ? 'в согласовании отказано'
        : 'направлены замечания';
  const lines = [
    `${input.municipality.name}`,
    '',
    `${input.inspectionName} рассмотрела предложение от ${ruDate(input.receivedOn)} о месте отбывания наказания в виде ${SENTENCE_RU[p.sentence] === 'обязательные работы' ? 'обязательных работ' : 'исправительных работ'}:`,
    `${p.organisation} (ИНН ${p.inn}), ${p.address}; ${count(p.workplaces, WORKPLACES)}; виды работ: ${p.kindsOfWork.join(', ')}; срок предложения — по ${ruDate(p.validTo)}.`,
    '',
    `Решение от ${ruDate(d.date)}: ${what} (место ${p.id}).`,
  ];
  if (d.type === 'consent') {
    lines.push(
      `Место включено в перечень согласованных объектов по ${ruDate(p.validTo)}. Сведения об отработанном времени и о невыходах осуждённых ответственный направляет в инспекцию по эл. почте.`,
    );
    if (d.text) lines.push(d.text);
    if (addDays(p.validTo, -(input.expiryReminderDays ?? 30)) <= d.date)
      lines.push(
        `Срок согласованного перечня истекает ${ruDate(p.validTo)}: чтобы осуждённых можно было направлять и дальше, пришлите предложение на новый срок.`,
      );
  }
  if (d.type === 'refusal') {
    lines.push('', 'Причины отказа:');
    for (const r of d.reasons) lines.push(`• ${r === 'other' && d.text ? d.text : refusalText(r)}`);
    if (d.text && !d.reasons.includes('other')) lines.push('', `Пояснение: ${d.text}`);
  }
  if (d.type === 'remarks') {
    lines.push(
      '',
      'Замечания, которые необходимо устранить:',
      d.text,
      '',
      'После устранения замечаний направьте предложение по этому месту повторно (тот же файл с исправленной строкой); инспекция рассмотрит его заново.',
    );
    if (input.answerDue) lines.push(`Срок ответа — до ${ruDate(input.answerDue)} включительно.`);
  }
  lines.push(
    '',
    `Правовое основание: ${LEGAL_BASIS[p.sentence]}.`,
    '',
    'Это письмо отправлено автоматически uii-connect.',
  );
  const subject = `Решение по месту отбывания наказания: ${what} — ${p.organisation}`;
  const text = lines.join('\n');
  return { subject, text, html: textToHtml(text) };
}

export function decisionLetterJob(input: Parameters<typeof decisionLetter>[0] & { to: string[] }): AlertJob {
  const l = decisionLetter(input);
  return {
    id: `place-decision:${input.place.id}:${input.decision.type}:${input.decision.at}`,
    kind: `place.decision.${input.decision.type}`,
    audience: 'partner',
    to: input.to,
    ...l,
    rule: 'PLACE-DECIDE',
  };
}

/** Who a letter about a proposal file is about, and how that file came (for «how to send»). */
type Sender = Pick<Partner, 'id' | 'name'> & { contacts?: readonly string[] };

/**
 * What a municipality can act on to send a (corrected) proposal: the ways in, the template's
 * columns, the attached template — never a path of this repository (it never sees it).
 */
export function howToSendLines(municipality: Sender, channel?: string): string[] {
  const { required, optional } = templateColumns();
  const from = municipality.contacts?.length
    ? ` — с адреса, зарегистрированного за «${municipality.name}» (${municipality.contacts.join(', ')})`
    : ` — с адреса, зарегистрированного за «${municipality.name}»`;
  return [
    'Как прислать файл:',
    `• ответом на это письмо, приложив файл ${PLACES_FILE_TYPES_RU}${from};`,
    channel === 'link'
      ? '• или загрузкой по ссылке для загрузки, как этот файл.'
      : '• или загрузкой по ссылке для загрузки файлов (её можно получить в инспекции).',
    `Первая строка таблицы — заголовки столбцов, как в шаблоне во вложении («${PLACES_TEMPLATE_FILE}»):`,
    `обязательные — ${required.join(', ')};`,
    `необязательные — ${optional.join(', ')}.`,
    'Одна строка — одно место. Вид наказания — ОР или ИР; даты — ДД.ММ.ГГГГ; виды работ — через запятую.',
  ];
}

const templateAttachment = () => ({
  filename: PLACES_TEMPLATE_FILE,
  contentType: 'text/csv; charset=utf-8',
  contentBase64: utf8Base64(placesTemplateCsv()),
});

/** The receipt of a proposal file to its sender: what was taken, and each bad row by row and column. */
export function proposalReceiptJob(input: {
  municipality: Sender;
  /** How the file came (`link`: a presigned upload): the letter says how to send it again. */
  channel?: string;
  /**
   * This very file was received before, on this day (another sender's copy): nothing starts
   * again, and the letter says so.
   */
  alreadyReceivedOn?: string;
  /** Part of the id: each recipient gets the receipt of a file once (default: the proposal's). */
  recipientKey?: string;
  proposalId: string;
  fileName: string;
  receivedOn: string;
  due: string;
  accepted: number;
  unchanged: number;
  errors: readonly RowError[];
  ignoredColumns: readonly string[];
  to: string[];
  inReplyTo?: string;
}): AlertJob {
  const bad = new Set(input.errors.map((e) => e.row)).size;
  const fresh = input.accepted - input.unchanged;
  const again = input.alreadyReceivedOn;
  const lines = [
    'Здравствуйте!',
    '',
    `Инспекция получила предложение мест отбывания наказания от «${input.municipality.name}» (файл «${input.fileName}», ${ruDate(input.receivedOn)}).`,
    again && fresh === 0
      ? `Этот же файл уже был получен ${ruDate(again)}: повторная отправка ничего не меняет — новые сроки не начинаются, места из него уже рассматриваются или рассмотрены, решение по каждому месту придёт на адреса «${input.municipality.name}». Чтобы изменить место, пришлите файл с исправленной строкой.`
      : again
        ? `Этот же файл уже был получен ${ruDate(again)}. Места из него, по которым были замечания, снова приняты к рассмотрению; остальные уже рассматриваются или рассмотрены.`
        : '',
    `Принято к рассмотрению: ${count(fresh, PLACES)}${input.unchanged ? `; без изменений (уже на рассмотрении или решены): ${count(input.unchanged, PLACES)}` : ''}.`,
    fresh > 0 ? `Срок рассмотрения — до ${ruDate(input.due)}.` : '',
    bad ? `Строк с ошибками: ${bad} — они не приняты, исправьте их и пришлите снова:` : 'Ошибок нет.',
    ...input.errors
      .slice(0, 50)
      .map((e) => `  ${e.row === 0 ? 'весь файл' : `строка ${e.row}`}, столбец «${e.field}»: ${e.message}`),
    ...(input.errors.length > 50 ? [`  … и ещё ${input.errors.length - 50} (все — во вложении)`] : []),
    ...(input.ignoredColumns.length
      ? ['', `Не использованы столбцы: ${input.ignoredColumns.join(', ')}`]
      : []),
    ...(bad ? ['', ...howToSendLines(input.municipality, input.channel)] : []),
    '',
    'Это письмо отправлено автоматически.',
  ].filter((l, i, all) => l !== '' || all[i - 1] !== '');
  const text = lines.join('\n');
  const html = [
    '<!doctype html><html lang="ru"><body style="font-family:sans-serif">',
    ...lines.filter((l) => !l.startsWith('  ')).map((l) => (l ? `<p>${escapeHtml(l)}</p>` : '')),
    input.errors.length
      ? `<table border="1" cellpadding="4" cellspacing="0"><tr><th>Строка</th><th>Столбец</th><th>Ошибка</th></tr>${input.errors
          .slice(0, 50)
          .map(
            (e) =>
              `<tr><td>${e.row}</td><td>${escapeHtml(e.field)}</td><td>${escapeHtml(e.message)}</td></tr>`,
          )
          .join('')}</table>`
      : '',
    '</body></html>',
  ].join('\n');
  return {
    id: `place-receipt:${input.municipality.id}:${input.proposalId}${input.recipientKey ? `:${input.recipientKey}` : ''}`,
    kind: 'place.receipt',
    audience: 'partner',
    to: input.to,
    subject: `${again ? `Файл уже получен ${ruDate(again)}. ` : ''}${receiptHeadline(fresh, input.unchanged, bad)} — ${input.municipality.name}`,
    text,
    html,
    ...(input.errors.length
      ? {
          attachments: [
            {
              filename: `errors-${input.proposalId}.csv`,
              contentType: 'text/csv; charset=utf-8',
              contentBase64: utf8Base64(errorsCsv(input.errors)),
            },
            ...(bad ? [templateAttachment()] : []),
          ],
        }
      : {}),
    ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
    rule: 'PLACE-DECIDE',
  };
}

/** A proposal refused as a whole (unreadable file, missing columns, unknown sender…). */
export function proposalRefusedJob(input: {
  municipality: Sender;
  uploadId: string;
  fileName: string;
  reason: string;
  to: string[];
  /** How the file came (`link`: a presigned upload): the letter says how to send it again. */
  channel?: string;
}): AlertJob {
  const reason = input.reason.replace(/[.;\s]+$/, '');
  const text = [
    'Здравствуйте!',
    '',
    `Файл «${input.fileName}» с предложением мест от «${input.municipality.name}» не принят.`,
    `Причина: ${reason}.`,
    '',
    'Исправьте файл и пришлите снова — ни одно место из этого файла не принято.',
    '',
    ...howToSendLines(input.municipality, input.channel),
    '',
    'Это письмо отправлено автоматически.',
  ].join('\n');
  return {
    id: `place-refused:${input.municipality.id}:${input.uploadId}`,
    kind: 'place.refused',
    audience: 'partner',
    to: input.to,
    subject: `Предложение мест не принято — ${input.municipality.name}`,
    text,
    html: textToHtml(text),
    attachments: [templateAttachment()],
  };
}

/** Reminder to the municipality before agreed places expire. */
export function listExpiryJob(input: {
  municipality: Pick<Partner, 'id' | 'name' | 'contacts'>;
  validTo: string;
  places: ReadonlyArray<Pick<ProposedPlace, 'id' | 'organisation' | 'address' | 'workplaces' | 'sentence'>>;
}): AlertJob {
  const text = [
    'Здравствуйте!',
    '',
    `${ruDate(input.validTo)} истекает срок согласованных мест отбывания наказания (${count(input.places.length, PLACES)}):`,
    ...input.places.map(
      (p) =>
        `• ${p.organisation}, ${p.address} — ${count(p.workplaces, WORKPLACES)} (${SENTENCE_SHORT[p.sentence]})`,
    ),
    '',
    'Чтобы осуждённых можно было направлять и дальше, пришлите предложение на новый срок.',
    '',
    'Это письмо отправлено автоматически.',
  ].join('\n');
  return {
    id: `place-expiry:${input.municipality.id}:${input.validTo}`,
    kind: 'place.expiry',
    audience: 'partner',
    to: input.municipality.contacts,
    subject: `Истекает срок согласованных мест (${ruDate(input.validTo)}) — ${input.municipality.name}`,
    text,
    html: textToHtml(text),
  };
}

/** Notice to a worksite of a newly assigned convict: surname and initials, case id, what to report. */
export function assignmentNoticeJob(input: {
  placeId: string;
  organisation: string;
  to: string[];
  caseId: string;
  /** «Иванов И. И.» (DOMAIN.md personal data: no more than the worksite needs). */
  shortName: string;
  hoursOrdered?: number;
  date: string;
}): AlertJob {
  const text = [
    'Здравствуйте!',
    '',
    `Инспекция направляет в «${input.organisation}» для отбывания обязательных работ: ${input.shortName} (дело ${input.caseId}).`,
    input.hoursOrdered ? `Назначено часов: ${input.hoursOrdered}.` : '',
    'Просим сообщать в инспекцию ответом на это письмо: дату выхода на работу, отработанные часы по дням и каждый невыход (с причиной, если она известна).',
    '',
    'Это письмо отправлено автоматически.',
  ]
    .filter((l, i, all) => l !== '' || all[i - 1] !== '')
    .join('\n');
  return {
    id: `place-assign:${input.placeId}:${input.caseId}`,
    kind: 'place.assignment',
    audience: 'worksite',
    to: input.to,
    subject: `Направлен осуждённый: ${input.shortName} (дело ${input.caseId})`,
    text,
    html: textToHtml(text),
    caseId: input.caseId,
    rule: 'CW-START',
  };
}

/** To the officer in charge: an agreement ends soon. */
export function agreementExpiryJob(input: {
  agreement: Agreement;
  partnerName: string;
  to: string[];
}): AlertJob {
  const a = input.agreement;
  const text = [
    `${ruDate(a.validTo!)} истекает соглашение ${a.id} с «${input.partnerName}» — ${AGREEMENT_KIND_RU[a.kind]} (форма: ${a.standardForm}, подписано ${ruDate(a.signedOn)}).`,
    'Продлите соглашение или заключите новое, чтобы обмен сведениями не прервался.',
    '',
    'Сообщение uii-connect.',
  ].join('\n');
  return {
    id: `agreement-expiry:${a.id}:${a.validTo}`,
    kind: 'agreement.expiry',
    audience: 'officer',
    to: input.to,
    subject: `Истекает соглашение с «${input.partnerName}» (${ruDate(a.validTo!)})`,
    text,
  };
}

type ExpiringPlace = Pick<
  ProposedPlace,
  'id' | 'municipalityId' | 'organisation' | 'address' | 'workplaces' | 'sentence' | 'validTo'
> & { status: string };

/**
 * Consented places whose term ends `daysBefore` days after a day in [from, to] (the days a
 * daily run covers), grouped per municipality and end date: one reminder each, even when
 * runs were missed.
 */
export function listExpiryGroups(
  places: readonly ExpiringPlace[],
  from: string,
  to: string,
  daysBefore: number,
): Array<{ municipalityId: string; validTo: string; places: ExpiringPlace[] }> {
  const groups = new Map<string, { municipalityId: string; validTo: string; places: ExpiringPlace[] }>();
  for (const p of places) {
    if (p.status !== 'consented') continue;
    const remindOn = addDays(p.validTo, -daysBefore);
    if (remindOn < from || remindOn > to) continue;
    const key = `${p.municipalityId}|${p.validTo}`;
    const g = groups.get(key) ?? { municipalityId: p.municipalityId, validTo: p.validTo, places: [] };
    g.places.push(p);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Agreements whose reminder day (`daysBefore` their end) falls in [from, to]. */
export function agreementsToRemind(
  agreements: readonly Agreement[],
  from: string,
  to: string,
  daysBefore: number,
): Agreement[] {
  return agreements.filter((a) => {
    if (!a.validTo) return false;
    const remindOn = addDays(a.validTo, -daysBefore);
    return remindOn >= from && remindOn <= to;
  });
}

/**
 * The day after an agreed list ends (its «Действует по» in the municipality's time zone): the
 * municipality and the officer in charge are told that its places are no longer offered for
 * convicts and their administrators' mail is no longer accepted (ADR 0029).
 */
export function listExpiredJobs(input: {
  municipality: Pick<Partner, 'id' | 'name' | 'contacts'>;
  validTo: string;
  places: ReadonlyArray<Pick<ProposedPlace, 'id' | 'organisation' | 'address' | 'workplaces' | 'sentence'>>;
  officer: string[];
}): AlertJob[] {
  const lines = input.places.map(
    (p) =>
      `• ${p.organisation}, ${p.address} — ${count(p.workplaces, WORKPLACES)} (${SENTENCE_SHORT[p.sentence]})`,
  );
  const reason = listExpiredReasonRu(input.validTo);
  const partnerText = [
    'Здравствуйте!',
    '',
    `${capitalise(reason)}. Места (${count(input.places.length, PLACES)}) больше не используются для направления осуждённых, сообщения их ответственных инспекция не принимает:`,
    ...lines,
    '',
    'Чтобы места снова можно было использовать, пришлите предложение на новый срок (файл CSV, Excel или JSON).',
    '',
    'Это письмо отправлено автоматически.',
  ].join('\n');
  const jobs: AlertJob[] = [
    {
      id: `place-expired:${input.municipality.id}:${input.validTo}:partner`,
      kind: 'place.expired',
      audience: 'partner',
      to: input.municipality.contacts,
      subject: `Истёк срок согласованных мест (${ruDate(input.validTo)}) — ${input.municipality.name}`,
      text: partnerText,
      html: textToHtml(partnerText),
    },
  ];
  if (input.officer.length) {
    const text = [
      `${capitalise(reason)}: ${input.municipality.name} (${input.municipality.id}), ${count(input.places.length, PLACES)}.`,
      ...input.places.map(
        (p) =>
          `• ${p.id}: ${p.organisation}, ${p.address} — ${count(p.workplaces, WORKPLACES)} (${SENTENCE_SHORT[p.sentence]})`,
      ),
      '',
      'Эти места больше не предлагаются для дел обязательных работ; письма их ответственных попадают в карантин.',
      'Осуждённые, уже направленные туда, остаются на учёте: проверьте, где они отбывают наказание.',
      '',
      'Сообщение uii-connect.',
    ].join('\n');
    jobs.push({
      id: `place-expired:${input.municipality.id}:${input.validTo}:officer`,
      kind: 'place.expired',
      audience: 'officer',
      to: input.officer,
      subject: `Истёк срок согласованных мест (${ruDate(input.validTo)}) — ${input.municipality.name}`,
      text,
    });
  }
  return jobs;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * «принято» only when places were taken: «принято частично» beside bad rows, «не принято» when
 * every row was bad, «получено» for a file whose places are all already under consideration.
 */
function receiptHeadline(fresh: number, unchanged: number, bad: number): string {
  const errors = `строк с ошибками: ${bad}`;
  if (fresh > 0)
    return `Предложение мест принято${bad ? ' частично' : ''}: ${count(fresh, PLACES)}, ${errors}`;
  if (unchanged > 0)
    return `Предложение мест получено: новых мест нет, без изменений ${count(unchanged, PLACES)}, ${errors}`;
  return `Предложение мест не принято: ${errors}`;
}
