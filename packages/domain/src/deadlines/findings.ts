import { addDays, ruDate } from '../calendar/dates';
import { type Rule, ruleFor } from './rules';
import { type Ctx, datesOf, type Finding } from './types';

/**
 * A finding citing its rule's source, or `article` when only part of the source applies; the
 * text in Russian, or in Russian and English (for officers whose directory language is `en`).
 */
export function finding(
  id: string,
  date: string,
  text: string | { ru: string; en: string },
  details: Record<string, unknown>,
  article?: string,
): Finding {
  const rule = ruleFor(id, date) as Rule;
  const cite = article ?? rule.source.article;
  const { ru, en } = typeof text === 'string' ? { ru: text, en: undefined } : text;
  return {
    rule: id,
    date,
    message: `${ru} (${cite})`,
    ...(en ? { message_en: `${en} (${cite})` } : {}),
    details,
  };
}

/** WANTED (any sentence): whereabouts unknown. */
export function wanted(ctx: Ctx): Finding[] {
  return datesOf(ctx.events, 'whereabouts_unknown').map((d) =>
    finding(
      'WANTED',
      d,
      {
        ru: `Место нахождения неизвестно с ${ruDate(d)}: розыск; задержание до 48 часов, суд может продлить до 30 суток`,
        en: `Whereabouts unknown since ${ruDate(d)}: search; detention up to 48 hours, the court may extend it to 30 days`,
      },
      { detentionEndsBy: addDays(d, 2), courtExtensionMaxDays: 30 },
    ),
  );
}
