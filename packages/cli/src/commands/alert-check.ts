import {
  AlertJob,
  type AlertPart,
  audienceRu,
  countRu,
  type DeadlineFacts,
  placeRules,
  RULE_IDS,
  RULES,
  ruDate,
  ruleFor,
} from '@uii/domain';
import type { z } from 'zod';

/**
 * What `uii alert preview` refuses to show, in Russian, naming the field as a person says it:
 * a file that is not an alert job, a rule nobody knows, deadline facts the templates cannot
 * render, a mail that would be empty. alert-outbox itself falls back to the producer's text;
 * a preview of such a job would show a mail that is not what the producer meant.
 */

const FIELD_RU: Record<string, string> = {
  id: 'идентификатор задания',
  kind: 'вид уведомления',
  audience: 'кому (аудитория)',
  to: 'адреса получателей',
  cc: 'адреса копии',
  subject: 'тема письма',
  text: 'текст письма',
  html: 'HTML-часть письма',
  attachments: 'вложения',
  caseId: 'номер дела',
  rule: 'правило',
  inReplyTo: 'ответ на письмо',
  reason: 'причина отправки',
  inspectionId: 'инспекция',
  officerId: 'инспектор',
  deadline: 'факты срока',
  finding: 'факты выявления',
  lang: 'язык получателя',
  ics: 'событие календаря',
  parts: 'части составного письма',
};
const DEADLINE_RU: Record<string, string> = {
  rule: 'правило срока',
  kind: 'этап срока',
  trigger: 'дата основания срока',
  due: 'последний день срока',
  asOf: 'день уведомления',
  daysLeft: 'осталось дней',
};
const FINDING_RU: Record<string, string> = {
  date: 'дата выявления',
  message: 'текст выявления',
  messageEn: 'текст выявления по-английски',
  also: 'ещё выявления',
};
const ATTACHMENT_RU: Record<string, string> = {
  filename: 'имя файла',
  contentType: 'тип содержимого',
  contentBase64: 'содержимое',
  s3Key: 'ключ в хранилище',
};
const ICS_RU: Record<string, string> = { method: 'метод', content: 'текст события' };
const STAGE_RU: Record<string, string> = {
  first: 'начало срока',
  reminder: 'напоминание',
  overdue: 'просрочка',
  escalation: 'эскалация',
  met: 'срок выполнен',
};
const LANG_RU: Record<string, string> = { ru: 'русский', en: 'английский' };

/** `["parts", 1, "deadline", "due"]` → «часть 2: последний день срока». */
export function fieldRu(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (head === undefined) return 'задание целиком';
  if (head === 'parts' && typeof rest[0] === 'number') {
    const [, ...inner] = rest;
    return inner.length ? `часть ${rest[0] + 1}: ${fieldRu(inner)}` : `часть ${rest[0] + 1}`;
  }
  const name = FIELD_RU[String(head)] ?? `«${String(head)}»`;
  const [next, ...more] = rest;
  if (next === undefined) return name;
  if (typeof next === 'number') {
    const item =
      head === 'to' || head === 'cc'
        ? `адрес № ${next + 1}`
        : head === 'attachments'
          ? `вложение № ${next + 1}`
          : `№ ${next + 1}`;
    const sub = more[0] !== undefined ? (ATTACHMENT_RU[String(more[0])] ?? String(more[0])) : undefined;
    return `${item}${head === 'to' ? ' получателя' : head === 'cc' ? ' копии' : ''}${sub ? `, ${sub}` : ''}`;
  }
  const names =
    head === 'deadline' ? DEADLINE_RU : head === 'finding' ? FINDING_RU : head === 'ics' ? ICS_RU : {};
  return names[String(next)] ?? `${name}, «${String(next)}»`;
}

const shown = (v: unknown) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '' : s.length > 60 ? `${s.slice(0, 57)}…` : s;
};
const TYPE_RU: Record<string, string> = {
  string: 'текст',
  number: 'число',
  int: 'целое число',
  boolean: 'да/нет (true/false)',
  array: 'список',
  object: 'объект',
};
const typeOf = (v: unknown) =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'список'
      : typeof v === 'string'
        ? 'текст'
        : typeof v === 'number'
          ? 'число'
          : typeof v === 'boolean'
            ? 'да/нет'
            : 'объект';
const valueAt = (raw: unknown, path: readonly PropertyKey[]) =>
  path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    raw,
  );

/** One schema problem in words: why the value is wrong, quoting what was typed. */
function whyRu(issue: z.core.$ZodIssue, raw: unknown): string {
  const value = valueAt(raw, issue.path);
  const field = issue.path.at(-1);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined
        ? 'не указано (обязательное поле)'
        : `ожидается ${TYPE_RU[issue.expected] ?? issue.expected}, указано: ${typeOf(value)} «${shown(value)}»`;
    case 'invalid_value': {
      const label = (v: unknown) => {
        const s = String(v);
        const ru =
          field === 'audience'
            ? audienceRu(s)
            : field === 'lang'
              ? LANG_RU[s]
              : field === 'kind' && issue.path[issue.path.length - 2] === 'deadline'
                ? STAGE_RU[s]
                : undefined;
        return ru ? `${s} (${ru})` : s;
      };
      const allowed = `допустимые: ${issue.values.map(label).join(', ')}`;
      return value === undefined
        ? `не указано (обязательное поле); ${allowed}`
        : `«${shown(value)}» — не из списка; ${allowed}`;
    }
    case 'invalid_format':
      if (issue.format === 'email') return `«${shown(value)}» — не адрес электронной почты`;
      if (issue.format === 'date')
        return `«${shown(value)}» — не дата; нужна ГГГГ-ММ-ДД, например 2026-03-12`;
      return `«${shown(value)}» — неверный формат`;
    case 'too_small':
      if (issue.origin === 'array')
        return Number(issue.minimum) <= 1
          ? 'пустой список: нужен хотя бы один элемент'
          : `нужно не меньше ${countRu(Number(issue.minimum), ['элемента', 'элементов', 'элементов'])}`;
      return Number(issue.minimum) <= 1
        ? 'пустое значение'
        : `не короче ${countRu(Number(issue.minimum), ['символа', 'символов', 'символов'])}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `не больше ${countRu(Number(issue.maximum), ['элемента', 'элементов', 'элементов'])}`
        : `слишком длинное: не больше ${countRu(Number(issue.maximum), ['символа', 'символов', 'символов'])}`;
    case 'invalid_union':
      return 'ни один из вариантов не подходит (вложение: имя файла, тип и содержимое или ключ в хранилище)';
    default:
      return issue.message;
  }
}

const partRules = () => new Set([...RULE_IDS, ...placeRules().map((r) => r.id)]);
const KNOWN_IDS = () => [...new Set([...RULES.map((r) => r.id), ...placeRules().map((r) => r.id)])];

/** Why deadline facts cannot be rendered (or make no sense), per field; empty when they can. */
function deadlineProblems(
  d: DeadlineFacts,
  ctx: { caseId?: string; where: string },
): { field: string; why: string }[] {
  const out: { field: string; why: string }[] = [];
  const at = (f: string) => `${ctx.where}${DEADLINE_RU[f]}`;
  if (!partRules().has(d.rule)) {
    out.push({
      field: at('rule'),
      why: `правило «${shown(d.rule)}» не известно; известные: ${KNOWN_IDS().join(', ')}`,
    });
    return out;
  }
  if (d.due < d.trigger)
    out.push({
      field: at('due'),
      why: `${ruDate(d.due)} раньше даты основания срока ${ruDate(d.trigger)}`,
    });
  if (RULE_IDS.includes(d.rule)) {
    if (!ctx.caseId)
      out.push({
        field: `${ctx.where}${FIELD_RU.caseId}`,
        why: `не указан: срок по правилу ${d.rule} — срок дела, без номера дела письмо не собрать`,
      });
    const wordings = RULES.filter((r) => r.id === d.rule);
    if (!ruleFor(d.rule, d.trigger)) {
      const spans = wordings
        .map((r) =>
          r.validFrom && r.validTo
            ? `с ${ruDate(r.validFrom)} по ${ruDate(r.validTo)}`
            : r.validFrom
              ? `с ${ruDate(r.validFrom)}`
              : r.validTo
                ? `по ${ruDate(r.validTo)}`
                : 'всегда',
        )
        .join('; ');
      out.push({
        field: at('trigger'),
        why: `${ruDate(d.trigger)}: правило ${d.rule} действует для оснований ${spans}`,
      });
    }
  }
  return out;
}

/** Problems of a parsed job the templates would hide: unknown rules, unrenderable facts, an empty mail. */
function jobProblems(job: AlertJob): { field: string; why: string }[] {
  const out: { field: string; why: string }[] = [];
  const one = (
    p: Pick<AlertPart, 'rule' | 'text' | 'deadline' | 'subject' | 'finding'>,
    where: string,
    html?: string,
  ) => {
    if (p.rule && !KNOWN_IDS().includes(p.rule))
      out.push({
        field: `${where}${FIELD_RU.rule}`,
        why: `правило «${shown(p.rule)}» не известно; известные: ${KNOWN_IDS().join(', ')}`,
      });
    const facts = p.deadline ? deadlineProblems(p.deadline, { caseId: job.caseId, where }) : [];
    out.push(...facts);
    // Deadline facts of a case rule are rendered from the templates: text and subject are theirs.
    const templated =
      (p.deadline && !facts.length && job.caseId && RULE_IDS.includes(p.deadline.rule)) ||
      // An English recipient's finding is written from its facts (the Russian one gets the text).
      (!p.deadline &&
        p.finding &&
        job.lang === 'en' &&
        job.caseId &&
        p.rule &&
        RULE_IDS.includes(p.rule) &&
        ruleFor(p.rule, p.finding.date));
    if (templated) return;
    if (!p.text.trim() && !html?.trim())
      out.push({
        field: `${where}${FIELD_RU.text}`,
        why: p.deadline
          ? 'пуст, а по фактам срока письмо не собрать: письмо было бы пустым'
          : 'пуст, и фактов срока нет: письмо было бы пустым',
      });
    if (!p.subject.trim()) out.push({ field: `${where}${FIELD_RU.subject}`, why: 'пуста' });
  };
  if (job.parts?.length) for (const [i, p] of job.parts.entries()) one(p, `часть ${i + 1}: `);
  else one(job, '', job.html);
  return out;
}

/** The job in the file, or every problem, one line each: «alert.json: поле «…»: why». */
export function checkAlertJob(
  file: string,
  raw: unknown,
): { job: AlertJob; errors: [] } | { job?: undefined; errors: string[] } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return {
      errors: [
        `${file}: это не задание уведомления: нужен объект JSON с полями id, kind, audience, to, subject, text (получено: ${typeOf(raw)})`,
      ],
    };
  const required = ['id', 'kind', 'audience', 'to', 'subject', 'text'];
  if (!required.some((k) => k in raw)) {
    const sqs = Array.isArray((raw as { Records?: unknown }).Records);
    return {
      errors: [
        `${file}: это не задание уведомления: нет ни одного из полей ${required.join(', ')}${
          sqs
            ? '; похоже на событие SQS — задание лежит в поле body его записи (Records), сохраните его в отдельный файл'
            : ''
        }`,
      ],
    };
  }
  const parsed = AlertJob.safeParse(raw);
  if (!parsed.success)
    return {
      errors: parsed.error.issues.map(
        (issue) => `${file}: поле «${fieldRu(issue.path)}»: ${whyRu(issue, raw)}`,
      ),
    };
  const problems = jobProblems(parsed.data);
  if (problems.length) return { errors: problems.map((p) => `${file}: поле «${p.field}»: ${p.why}`) };
  return { job: parsed.data, errors: [] };
}
