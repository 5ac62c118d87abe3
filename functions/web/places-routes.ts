import {
  assignToPlace,
  type DecisionInput,
  decidePlace,
  type PlacesContext,
  placesContext,
} from '@uii/aws/places-service';
import type { StoredPlace } from '@uii/aws/places-store';
import {
  assignmentProblem,
  isIsoDate,
  listExpired,
  now,
  type Partner,
  PlaceDecisionError,
  REFUSAL_CODES,
  ruDate,
  surnameInitials,
} from '@uii/domain';
import type { Context, Hono } from 'hono';
import { canSeeCase, csrfTokenOf } from './auth';
import type { Env, RouteKit } from './kit';
import { plain } from './views/layout';
import {
  type AssignForm,
  PLACE_STATUSES,
  type PlaceRow,
  type PlaceStatusFilter,
  placePage,
  placesListPage,
} from './views/places';

const DONE: Record<string, string> = {
  consent: 'Решение записано: место согласовано. Письмо органу местного самоуправления передано на отправку.',
  refusal: 'Решение записано: в согласовании отказано. Письмо с причинами передано на отправку.',
  remarks:
    'Замечания записаны и переданы на отправку органу местного самоуправления; начался его срок на ответ.',
};

/** The form's fields as the decision input of `decidePlace`, or the errors to show next to them. */
export function decisionOfForm(
  form: Record<string, string | string[]>,
): { ok: true; decision: DecisionInput } | { ok: false; errors: Record<string, string> } {
  const one = (k: string) => (typeof form[k] === 'string' ? (form[k] as string).trim() : '');
  const text = one('text').slice(0, 2000);
  const reasons = (Array.isArray(form.reason) ? form.reason : form.reason ? [form.reason] : []).filter(
    (r): r is string => typeof r === 'string',
  );
  const decision = one('decision');
  if (decision === 'consent') return { ok: true, decision: { type: 'consent', ...(text ? { text } : {}) } };
  if (decision === 'refusal') {
    if (!reasons.length) return { ok: false, errors: { reason: 'Отметьте хотя бы одну причину отказа' } };
    if (reasons.some((r) => !(REFUSAL_CODES as string[]).includes(r)))
      return { ok: false, errors: { reason: 'Причину отказа выберите из списка' } };
    if (reasons.includes('other') && !text)
      return { ok: false, errors: { text: 'Для причины «иная причина» напишите её в пояснении' } };
    return { ok: true, decision: { type: 'refusal', reasons, ...(text ? { text } : {}) } };
  }
  if (decision === 'remarks') {
    if (!text) return { ok: false, errors: { text: 'Опишите замечания, которые надо устранить' } };
    return { ok: true, decision: { type: 'remarks', text } };
  }
  return {
    ok: false,
    errors: { decision: 'Выберите решение: согласовать, отказать или направить замечания' },
  };
}

/**
 * Места: the places municipalities proposed (what `uii places list` shows), and a place's page
 * where an officer decides — through `decidePlace`, the same domain decision, event and letter
 * as `uii places decide` (ADR 0024). An officer sees the places of the municipalities their
 * inspection deals with; anything else is 403.
 */
export function registerPlacesRoutes(app: Hono<Env>, kit: RouteKit, places?: PlacesContext): void {
  const { deps, log, render, refuse, pageCtx } = kit;
  let ctx = places;
  const context = () => {
    ctx ??= placesContext();
    return ctx;
  };
  const partnersOf = async () => new Map((await context().store.listPartners()).map((p) => [p.id, p]));
  const rowOf = (place: StoredPlace, partner: Partner | undefined): PlaceRow => ({
    place,
    municipality: partner?.name ?? place.municipalityId,
    expired: place.status === 'consented' && listExpired(place.validTo, now(), partner?.timeZone),
  });
  const mine = (c: Context<Env>, partner: Partner | undefined) =>
    partner?.inspectionId === c.get('user').inspectionId;

  app.get('/places', async (c) => {
    const q = c.req.query('status');
    const status = (PLACE_STATUSES as readonly string[]).includes(q ?? '')
      ? (q as PlaceStatusFilter)
      : undefined;
    const partners = await partnersOf();
    const all = (await context().store.listPlaces()).filter((p) => mine(c, partners.get(p.municipalityId)));
    const rows = all
      .filter((p) => !status || p.status === status)
      .sort((a, b) => (a.clock?.due ?? '9').localeCompare(b.clock?.due ?? '9') || a.id.localeCompare(b.id))
      .map((p) => rowOf(p, partners.get(p.municipalityId)));
    log('places listed', { sub: c.get('user').sub, places: rows.length });
    return render(
      c,
      'places',
      'Места',
      placesListPage({ rows, status, today: deps.today(), total: all.length }),
    );
  });

  const load = async (c: Context<Env>) => {
    const place = await context().store.getPlace(c.req.param('id') ?? '');
    if (!place) return { status: 404 as const };
    const partner = await context().store.getPartner(place.municipalityId);
    if (!mine(c, partner)) return { status: 403 as const };
    return { status: 200 as const, row: rowOf(place, partner) };
  };
  /** The place as stored now (after a write), or as it was when the store no longer has it. */
  const reload = async (c: Context<Env>, row: PlaceRow): Promise<PlaceRow> => {
    const again = await load(c);
    return again.status === 200 ? again.row : row;
  };
  const missing = (c: Context<Env>) =>
    c.html(
      plain(pageCtx(c), 'Места нет', 'Такого места нет: проверьте адрес или откройте список мест.'),
      404,
    );

  const show = async (
    c: Context<Env>,
    row: PlaceRow,
    extra: {
      form?: Parameters<typeof placePage>[0]['form'];
      assign?: AssignForm;
      done?: string;
      status?: number;
    } = {},
  ) =>
    render(
      c,
      'places',
      row.place.organisation,
      placePage({
        row,
        events: await context().store.listEvents(row.place.id),
        today: deps.today(),
        csrf: csrfTokenOf(c.get('session')),
        ...extra,
      }),
      extra.status,
    );

  app.get('/places/:id', async (c) => {
    const found = await load(c);
    if (found.status === 404) return missing(c);
    if (found.status === 403) return refuse(c);
    return show(c, found.row, { done: DONE[c.req.query('done') ?? ''] });
  });

  app.post('/places/:id/decide', async (c) => {
    const found = await load(c);
    if (found.status === 404) return missing(c);
    if (found.status === 403) return refuse(c);
    const body = await c.req.parseBody({ all: true });
    const form = Object.fromEntries(
      Object.entries(body).filter(
        (e): e is [string, string | string[]] =>
          typeof e[1] === 'string' || (Array.isArray(e[1]) && e[1].every((x) => typeof x === 'string')),
      ),
    );
    const parsed = decisionOfForm(form);
    if (!parsed.ok) return show(c, found.row, { form: { values: form, errors: parsed.errors }, status: 400 });
    const user = c.get('user');
    try {
      await decidePlace(context(), {
        placeId: found.row.place.id,
        decision: parsed.decision,
        by: user.officerId ?? user.sub,
        today: deps.today(),
        at: now().toISOString(),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (error instanceof PlaceDecisionError || name === 'PlaceConflictError')
        return show(c, found.row, {
          form: { values: form, errors: { decision: (error as Error).message } },
          status: 400,
        });
      throw error;
    }
    log('place decided', { sub: user.sub, placeId: found.row.place.id, decision: parsed.decision.type });
    return c.redirect(`/places/${encodeURIComponent(found.row.place.id)}?done=${parsed.decision.type}`, 303);
  });

  /**
   * «Направить осуждённого»: the same `assignToPlace` as `uii places assign` (ADR 0035), for a
   * case of the officer's own inspection (an officer: their own case; the head: any of the
   * inspection's). The result page says «Направлен» only when the assignment was written.
   */
  app.post('/places/:id/assign', async (c) => {
    const found = await load(c);
    if (found.status === 404) return missing(c);
    if (found.status === 403) return refuse(c);
    const row = found.row;
    const body = await c.req.parseBody();
    const values = {
      case: typeof body.case === 'string' ? body.case.trim().slice(0, 64) : '',
      date: typeof body.date === 'string' ? body.date.trim().slice(0, 10) : '',
    };
    const again = (errors: AssignForm['errors'], status = 400) =>
      show(c, row, { assign: { values, errors }, status });
    const parsed = assignmentOfForm(values, deps.today());
    if (!parsed.ok) return again(parsed.errors);
    const { caseId, date } = parsed;
    const user = c.get('user');
    const stored = await kit.data.cases.getCase(caseId);
    const ownInspection = stored && canSeeCase(user, stored.case);
    if (!stored || !ownInspection)
      return again({ case: `Дела ${caseId} нет среди дел вашей инспекции: проверьте номер` });
    if (user.role !== 'head' && user.officerId && stored.case.officerId !== user.officerId)
      return again({
        case: `Дело ${caseId} ведёт другой инспектор: направить может он или руководитель инспекции`,
      });
    const problem = assignmentProblem({
      place: row.place,
      listEnded: row.expired,
      caseId,
      caseSentence: stored.case.sentence,
      date,
      today: deps.today(),
    });
    if (problem) return again({ [problem.field]: upperFirst(problem.message) });
    let assigned: boolean;
    try {
      ({ assigned } = await assignToPlace(context(), {
        placeId: row.place.id,
        caseId,
        by: user.officerId ?? user.sub,
        today: date,
      }));
    } catch (error) {
      const name = (error as Error).name;
      if (name !== 'PlaceConflictError' && name !== 'PlaceNotFoundError') throw error;
      // The store's conditional write refused: between the page and the click the place filled
      // up (or its status or list changed). Show the place as it is now.
      const current = await reload(c, row);
      const full = (current.place.assigned ?? 0) >= current.place.workplaces;
      return show(c, current, {
        assign: {
          values,
          errors: {
            case: full
              ? `Свободных рабочих мест нет: занято ${current.place.assigned ?? 0} из ${current.place.workplaces}`
              : upperFirst((error as Error).message),
          },
        },
        status: 409,
      });
    }
    log('place assigned', { sub: user.sub, placeId: row.place.id, caseId, assigned });
    const person = await kit.data.cases.getPerson(caseId);
    const who = `${person?.lastName ? `${surnameInitials(person)} ` : ''}(дело ${caseId})`;
    return show(c, await reload(c, row), {
      done: assigned
        ? `Направлен: ${who} — ${row.place.organisation}, с ${ruDate(date)}. Уведомление ответственному от организации передано на отправку.`
        : `Не записано повторно: ${who} уже направлен на это место ранее.`,
    });
  });
}

const upperFirst = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** The assign form's fields: a case number and a date (ГГГГ-ММ-ДД from the date input, or ДД.ММ.ГГГГ). */
export function assignmentOfForm(
  values: { case: string; date: string },
  today: string,
): { ok: true; caseId: string; date: string } | { ok: false; errors: AssignForm['errors'] } {
  const errors: AssignForm['errors'] = {};
  if (!values.case) errors.case = 'Укажите номер дела';
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(values.date);
  const date = ru ? `${ru[3]}-${ru[2]}-${ru[1]}` : values.date || today;
  if (!isIsoDate(date)) errors.date = 'Укажите дату направления в виде ДД.ММ.ГГГГ';
  if (errors.case || errors.date) return { ok: false, errors };
  return { ok: true, caseId: values.case, date };
}
