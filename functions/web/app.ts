import { createHash } from 'node:crypto';
import type { PlacesContext } from '@uii/aws/places-service';
import {
  addDays,
  type CaseEventMessage,
  clockChanges,
  computeClocks,
  EVENT_RU,
  eventFromForm,
  ruleFor,
} from '@uii/domain';
import { type Context, Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import {
  type Authenticator,
  canSeeCase,
  cookieOptions,
  csrfTokenOf,
  csrfValid,
  SESSION_COOKIE,
  sessionValue,
  type WebUser,
} from './auth';
import { noProposals, type ProposalSource, type WebData } from './data';
import type { Env } from './kit';
import { registerMailRoutes } from './mail-routes';
import { type CaseFilter, caseRow, filterRows, fullName, type SortKey } from './model';
import { registerPlacesRoutes } from './places-routes';
import { type Html, layout, type PageContext, plain } from './views/layout';
import * as pages from './views/pages';
import { CSS } from './views/styles';

export interface WebDeps {
  auth: Authenticator;
  data: WebData;
  /** The inspection's "today" (the local runtime's simulated clock in tests). */
  today: () => string;
  proposals?: ProposalSource;
  /** Structured log line: ids and counts only, never personal data. */
  log?: (message: string, fields: Record<string, unknown>) => void;
  /** How long a save waits for case-events to record the event before answering «принято». */
  recordWaitMs?: number;
  /** The places flow (Места, docs/places.md); default: from the environment. */
  places?: PlacesContext;
}

export function createApp(deps: WebDeps): Hono<Env> {
  const app = new Hono<Env>();
  const log = deps.log ?? (() => {});
  const proposals = deps.proposals ?? noProposals;
  const { data } = deps;

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'"],
        scriptSrc: ["'none'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'same-origin',
    }),
  );
  app.get('/static/app.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(CSS);
  });
  app.get('/favicon.ico', (c) => c.body(null, 204));
  deps.auth.routes?.(app as unknown as Hono);

  const pageCtx = (c: Context<Env>, nav?: PageContext['nav']): PageContext => ({
    user: c.get('user'),
    csrf: csrfTokenOf(c.get('session')),
    nav,
    localLabel: deps.auth.label,
  });
  const render = async (
    c: Context<Env>,
    nav: PageContext['nav'],
    title: string,
    body: Html,
    status = 200,
  ) => {
    const ctx = pageCtx(c, nav);
    const [triage, quarantine] = await Promise.all([data.listTriage(true), data.listQuarantine()]);
    ctx.counts = { triage: triage.length, quarantine: quarantine.length };
    c.header('cache-control', 'no-store');
    return c.html(layout(ctx, title, body), status as 200);
  };
  const refuse = (c: Context<Env>) => {
    log('access refused', { sub: c.get('user').sub, path: new URL(c.req.url).pathname.split('/')[1] });
    c.header('cache-control', 'no-store');
    return c.html(
      plain(
        pageCtx(c),
        'Нет доступа',
        'Это дело другой инспекции: у вас нет к нему доступа.',
        'Код ответа 403.',
      ),
      403,
    );
  };

  // Everything below needs a signed-in user; forms need the CSRF token.
  app.use('*', async (c, next) => {
    const session = sessionValue(c);
    const user = session ? await deps.auth.userOf(session) : undefined;
    if (!user || !session) {
      if (c.req.method !== 'GET') return c.text('Войдите заново', 401);
      c.header('cache-control', 'no-store');
      return c.html(
        layout({ localLabel: deps.auth.label }, 'Вход', pages.signInPrompt(deps.auth.signInUrl(c))),
        401,
      );
    }
    c.set('user', user);
    c.set('session', session);
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody();
      if (!csrfValid(session, typeof form._csrf === 'string' ? form._csrf : undefined)) {
        log('csrf refused', { sub: user.sub });
        return c.html(plain(pageCtx(c), 'Форма устарела', 'Откройте страницу заново и повторите.'), 403);
      }
    }
    await next();
  });

  app.post('/sign-out', (c) => {
    deleteCookie(c, SESSION_COOKIE, cookieOptions);
    return c.redirect(deps.auth.signOutUrl?.(c) ?? '/', 303);
  });

  const rowsFor = async (user: WebUser) => {
    const today = deps.today();
    const stored = await data.listCases({ inspectionId: user.inspectionId });
    const events = await Promise.all(stored.map((s) => data.cases.listEvents(s.case.id)));
    return stored.map((s, i) => caseRow(s, events[i] ?? [], today));
  };
  const mine = (user: WebUser, rows: Awaited<ReturnType<typeof rowsFor>>) =>
    user.role === 'head' || !user.officerId ? rows : rows.filter((r) => r.officerId === user.officerId);

  app.get('/', async (c) => {
    const user = c.get('user');
    const today = deps.today();
    const rows = mine(user, await rowsFor(user));
    const since = addDays(today, -1);
    const mailApplied = rows.flatMap((r) =>
      r.events
        .filter((e) => e.source === 'mail' && (e.recordedAt ?? '') >= `${since}T00:00:00`)
        .map((e) => ({
          caseId: r.id,
          name: r.name,
          summary: pages.EVENT_RU[e.event.type],
          date: e.event.date,
        })),
    );
    const [triage, quarantine, services] = await Promise.all([
      data.listTriage(true),
      data.listQuarantine(),
      data.listServices(),
    ]);
    const month = today.slice(0, 7);
    const missingFeeds: Array<{ serviceId: string; name: string }> = [];
    for (const s of services)
      if (!(await data.feeds.getSummary(s.id, month))) missingFeeds.push({ serviceId: s.id, name: s.name });
    return render(
      c,
      'today',
      'Сегодня',
      pages.todayPage({
        today,
        rows,
        mailApplied,
        triage: triage.length,
        quarantine: quarantine.length,
        missingFeeds,
        byOfficer: user.role === 'head',
      }),
    );
  });

  app.get('/cases', async (c) => {
    const user = c.get('user');
    const all = await rowsFor(user);
    const head = user.role === 'head';
    const base = mine(user, all);
    const q = c.req.query();
    const sort = (['days', 'name', 'id'] as SortKey[]).includes(q.sort as SortKey)
      ? (q.sort as SortKey)
      : 'days';
    const filter: CaseFilter = {
      q: q.q?.slice(0, 100),
      sentence: q.sentence || undefined,
      rule: q.rule || undefined,
      overdue: q.overdue === '1',
      officer: head ? q.officer || undefined : undefined,
      sort,
    };
    const rows = filterRows(base, filter);
    const officers = [...new Set(all.map((r) => r.officerId).filter((o): o is string => !!o))].sort();
    return render(
      c,
      'cases',
      head ? 'Дела инспекции' : 'Мои дела',
      pages.caseloadPage({ rows, total: base.length, filter, head, officers }),
    );
  });

  /** 152-FZ: who opened or changed whose case, by internal ids. */
  const audit = (c: Context<Env>, caseId: string, action: string) =>
    data.recordAccess({
      userId: c.get('user').sub,
      role: c.get('user').role,
      caseId,
      action,
      at: new Date().toISOString(),
    });

  const loadCase = async (c: Context<Env>, id: string) => {
    const stored = await data.cases.getCase(id);
    if (!stored) return { status: 404 as const };
    if (!canSeeCase(c.get('user'), stored.case)) return { status: 403 as const };
    return { status: 200 as const, stored };
  };

  const caseRefusal = (c: Context<Env>, id: string, status: 403 | 404) =>
    status === 403 ? refuse(c) : c.html(plain(pageCtx(c), 'Дело не найдено', `Дела ${id} нет.`), 404);

  const showCase = async (
    c: Context<Env>,
    id: string,
    extra: { form?: pages.CasePageData['form']; savedId?: string; status?: number } = {},
  ) => {
    const user = c.get('user');
    const found = await loadCase(c, id);
    if (found.status !== 200) return caseRefusal(c, id, found.status);
    const today = deps.today();
    const [person, events] = await Promise.all([data.cases.getPerson(id), data.cases.listEvents(id)]);
    const row = caseRow({ ...found.stored, person }, events, today);
    const first = events.map((e) => e.event.date).sort()[0] ?? today;
    const [alerts, proposed] = await Promise.all([
      data.alertsOf(id, first, today),
      proposals.listProposals(id),
    ]);
    await audit(c, id, 'view');
    log('case viewed', { sub: user.sub, caseId: id, events: events.length });
    let saved: pages.CasePageData['saved'];
    if (extra.savedId) {
      const hit = events.find((e) => e.eventId === extra.savedId);
      if (hit) {
        const without = events.filter((e) => e.eventId !== extra.savedId).map((e) => e.event);
        const before = computeClocks(found.stored.case, without, today);
        saved = {
          eventId: hit.eventId,
          recorded: true,
          label: EVENT_RU[hit.event.type],
          changes: clockChanges(before, row.clocks),
          referral: hit.event.type === 'referral_issued',
        };
      } else saved = { eventId: extra.savedId, recorded: false, label: 'действие', changes: [] };
    }
    return render(
      c,
      'cases',
      `Дело ${id}`,
      pages.casePage({
        row,
        person,
        c: found.stored.case,
        alerts,
        proposals: proposed,
        saved,
        form: extra.form,
        csrf: csrfTokenOf(c.get('session')),
        today,
      }),
      extra.status,
    );
  };

  app.get('/cases/:id', (c) => {
    const saved = c.req.query('saved');
    return showCase(c, c.req.param('id'), {
      savedId: saved && /^[\w:.-]{1,100}$/.test(saved) ? saved : undefined,
    });
  });

  app.get('/cases/:id/referral', async (c) => {
    const id = c.req.param('id');
    const found = await loadCase(c, id);
    if (found.status !== 200) return caseRefusal(c, id, found.status);
    const events = await data.cases.listEvents(id);
    const wanted = c.req.query('event');
    const referral = [...events]
      .reverse()
      .find((e) => e.event.type === 'referral_issued' && (!wanted || e.eventId === wanted));
    if (referral?.event.type !== 'referral_issued')
      return c.html(plain(pageCtx(c), 'Предписания нет', 'По делу не записано предписание.'), 404);
    const vacancyId = referral.event.vacancyId;
    const proposal = vacancyId
      ? (await proposals.listProposals(id)).find((p) => p.vacancyId === vacancyId)
      : undefined;
    const person = await data.cases.getPerson(id);
    await audit(c, id, 'referral-draft');
    const start = ruleFor('CL-START', referral.event.date);
    return render(
      c,
      'cases',
      `Предписание по делу ${id}`,
      pages.referralDraft({
        caseId: id,
        name: fullName(person),
        date: referral.event.date,
        vacancyId,
        proposal,
        inspectionId: found.stored.case.inspectionId,
        start: { article: start?.source.article ?? '', text: start?.source.text_ru ?? '' },
      }),
    );
  });

  app.post('/cases/:id/events', async (c) => {
    const id = c.req.param('id');
    const user = c.get('user');
    const found = await loadCase(c, id);
    if (found.status !== 200) return caseRefusal(c, id, found.status);
    const form = Object.fromEntries(
      Object.entries(await c.req.parseBody()).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    const result = eventFromForm(form.type ?? '', form, deps.today());
    if (!result.ok)
      return showCase(c, id, {
        form: { type: form.type ?? '', values: form, errors: result.errors },
        status: 400,
      });
    // The same fact posted twice (a double click, a resubmitted form) is one event.
    const eventId = `web:${createHash('sha256')
      .update(`${id}\n${JSON.stringify(result.event)}`)
      .digest('hex')
      .slice(0, 24)}`;
    const message: CaseEventMessage = { caseId: id, event: result.event, eventId, source: 'officer' };
    await data.sendCaseEvent(message);
    await audit(c, id, `record:${result.event.type}`);
    log('officer action queued', { sub: user.sub, caseId: id, eventId, type: result.event.type });
    await data.waitForEvent(id, eventId, deps.recordWaitMs);
    return c.redirect(`/cases/${encodeURIComponent(id)}?saved=${encodeURIComponent(eventId)}#saved`, 303);
  });

  registerMailRoutes(app, { deps, data, log, render, refuse, loadCase, pageCtx });
  registerPlacesRoutes(app, { deps, data, log, render, refuse, loadCase, pageCtx }, deps.places);

  // ---------- Ленты, объекты ----------
  app.get('/feeds', async (c) => {
    const today = deps.today();
    const months = [
      addDays(`${today.slice(0, 7)}-01`, -62),
      addDays(`${today.slice(0, 7)}-01`, -31),
      today,
    ].map((d) => d.slice(0, 7));
    const services = await data.listServices();
    const rows = await Promise.all(
      services.map(async (s) => {
        const summaries = await data.feeds.listSummaries(s.id);
        const cells: Record<string, pages.FeedCell> = {};
        for (const m of months) {
          const sum = summaries.find((x) => x.month === m);
          if (sum)
            cells[m] = {
              state: sum.rejected > 0 || sum.truncated ? 'partial' : 'received',
              accepted: sum.accepted,
              rejected: sum.rejected,
            };
        }
        return { id: s.id, name: s.name, cells };
      }),
    );
    return render(c, 'feeds', 'Ленты вакансий', pages.feedsPage(rows, months));
  });

  app.get('/worksites', async (c) => {
    const user = c.get('user');
    const [worksites, cases] = await Promise.all([
      data.listWorksites(),
      data.listCases({ inspectionId: user.inspectionId }),
    ]);
    const names = new Map(cases.map((s) => [s.case.id, fullName(s.person)]));
    return render(
      c,
      'worksites',
      'Объекты',
      pages.worksitesPage(
        worksites.sort((a, b) => a.name.localeCompare(b.name, 'ru')),
        names,
      ),
    );
  });

  app.notFound((c) =>
    c.html(plain(c.get('user') ? pageCtx(c) : {}, 'Страница не найдена', 'Проверьте адрес.'), 404),
  );
  app.onError((error, c) => {
    log('web error', { name: error.name, path: new URL(c.req.url).pathname.split('/')[1] });
    return c.html(plain({}, 'Ошибка', 'Что-то пошло не так. Попробуйте ещё раз.'), 500);
  });
  return app;
}
