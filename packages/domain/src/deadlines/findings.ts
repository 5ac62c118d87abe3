import { addDays, ruDate } from '../calendar/dates';
import { type Rule, ruleFor } from './rules';
import { type Ctx, datesOf, type Finding } from './types';

/** A finding citing its rule's source, or `article` when only part of the source applies. */
export function finding(
  id: string,
  date: string,
  text: string,
  details: Record<string, unknown>,
  article?: string,
): Finding {
  const rule = ruleFor(id, date) as Rule;
  return { rule: id, date, message: `${text} (${article ?? rule.source.article})`, details };
}

/** WANTED (any sentence): whereabouts unknown. */
export function wanted(ctx: Ctx): Finding[] {
  return datesOf(ctx.events, 'whereabouts_unknown').map((d) =>
    finding(
      'WANTED',
      d,
      `Место нахождения неизвестно с ${ruDate(d)}: розыск; задержание до 48 часов, суд может продлить до 30 суток`,
      { detentionEndsBy: addDays(d, 2), courtExtensionMaxDays: 30 },
    ),
  );
}
