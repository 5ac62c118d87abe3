import { outcomeByCode } from '../outcomes/index';
import { initialsOnly } from './names';
import type { NoticeItem, TriageEntry } from './types';

function ruDate(iso: string | null): string {
  if (!iso) return 'дата не указана';
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

function describe(item: NoticeItem): string {
  const who = item.person.name ? initialsOnly(item.person.name) : 'без имени';
  if (item.kind === 'hours') return `${who} — ${ruDate(item.date)}: ${item.hours} ч`;
  const outcome = item.outcome ? outcomeByCode(item.outcome).name_ru.toLowerCase() : 'неявка';
  return `${who} — ${ruDate(item.date)}: ${outcome}`;
}

/**
 * The acknowledgment to the worksite (Russian, initials only — the reply travels by plain
 * e-mail): what was recorded for whom, and how many passages await the inspector.
 */
export function acknowledgment(input: {
  worksiteName: string;
  subject: string | null;
  recorded: readonly NoticeItem[];
  triage: readonly TriageEntry[];
  /** Items read but not recorded (unknown case, a future day, …): listed, with why. */
  passedOn?: ReadonlyArray<{ item: NoticeItem; why: string }>;
  attachmentProblems?: readonly string[];
}): { subject: string; text: string } {
  const lines = [
    'Здравствуйте!',
    '',
    `Уголовно-исполнительная инспекция получила ваше сообщение (${input.worksiteName}).`,
    '',
  ];
  if (input.recorded.length > 0) {
    lines.push('Записано:');
    for (const item of input.recorded) lines.push(`  • ${describe(item)}`);
  } else {
    lines.push('Автоматически ничего не записано.');
  }
  const passedOn = input.passedOn ?? [];
  if (passedOn.length > 0) {
    lines.push('', 'Не записано, передано инспектору:');
    for (const { item, why } of passedOn) lines.push(`  • ${describe(item)} (${why})`);
  }
  const unclear = input.triage.length - passedOn.length;
  if (unclear > 0) {
    lines.push(
      '',
      `Передано инспектору для ручной проверки: ${unclear} (фрагменты, которые не удалось однозначно понять).`,
    );
  }
  for (const p of input.attachmentProblems ?? []) lines.push('', `Вложение не прочитано: ${p}.`);
  lines.push(
    '',
    'Если что-то записано неверно, ответьте на это письмо.',
    'Рекомендуемый формат сообщений: таблица «ФИО; дата; часы; причина».',
    '',
    'Это письмо отправлено автоматически.',
  );
  const re = input.subject ? `Re: ${input.subject}` : 'Ваше сообщение получено';
  return { subject: re.slice(0, 200), text: lines.join('\n') };
}

/** To a registered administrator whose mail failed SPF/DKIM: nothing was applied, and why. */
/**
 * «Письмо передано инспектору» only when an officer (or the inspection's inbox) was mailed about
 * it at once (ADR 0034); otherwise it is only kept in quarantine, and the notice says so.
 */
const passedOnLine = (told: boolean) =>
  told ? 'Письмо передано инспектору.' : 'Письмо сохранено в инспекции для проверки.';

export function authenticationNotice(
  subject: string | null,
  inspectorTold = true,
): { subject: string; text: string } {
  return {
    subject: `Не принято: ${subject ?? 'ваше сообщение'}`.slice(0, 200),
    text: [
      'Здравствуйте!',
      '',
      'Ваше письмо получено, но не прошло проверку подлинности отправителя (SPF/DKIM).',
      `Сведения из него не записаны. ${passedOnLine(inspectorTold)}`,
      '',
      'Пожалуйста, отправьте сообщение повторно с вашего рабочего адреса, не через',
      'сторонние сервисы пересылки. Если ошибка повторится, сообщите об этом инспектору.',
      '',
      'Это письмо отправлено автоматически.',
    ].join('\n'),
  };
}

/** To an administrator whose place's agreed list has ended (ADR 0029): nothing recorded, why, what to do. */
export function listExpiredNotice(
  subject: string | null,
  why: string,
  inspectorTold = true,
): { subject: string; text: string } {
  return {
    subject: `Не принято: ${subject ?? 'ваше сообщение'}`.slice(0, 200),
    text: [
      'Здравствуйте!',
      '',
      `Ваше письмо получено, но сведения из него не записаны: ${why}.`,
      passedOnLine(inspectorTold),
      '',
      'Чтобы инспекция снова принимала ваши сообщения, орган местного самоуправления должен',
      'направить предложение места на новый срок и получить согласие инспекции.',
      '',
      'Это письмо отправлено автоматически.',
    ].join('\n'),
  };
}
