import { type DecisionInput, decidePlace, type PlacesContext, placesContext } from '@uii/aws/places-service';
import type { StoredPlace } from '@uii/aws/places-store';
import { listExpired, now, type Partner, PlaceDecisionError, REFUSAL_CODES } from '@uii/domain';
import type { Context, Hono } from 'hono';
import { csrfTokenOf } from './auth';
import type { Env, RouteKit } from './kit';
import { plain } from './views/layout';
import {
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
  const missing = (c: Context<Env>) =>
    c.html(
      plain(pageCtx(c), 'Места нет', 'Такого места нет: проверьте адрес или откройте список мест.'),
      404,
    );

  const show = async (
    c: Context<Env>,
    row: PlaceRow,
    extra: { form?: Parameters<typeof placePage>[0]['form']; done?: string; status?: number } = {},
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
}
