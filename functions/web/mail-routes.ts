import {
  addDays,
  type CaseEventMessage,
  caseEventOf,
  type NoticeItem,
  OutcomeCode,
  triageCandidates,
} from '@uii/domain';
import type { Context, Hono } from 'hono';
import { csrfTokenOf } from './auth';
import type { Env, RouteKit } from './kit';
import { releaseMail, sanitisedText } from './quarantine';
import { plain } from './views/layout';
import * as pages from './views/pages';

/** Разбор and Карантин: worksite mail an officer settles by hand (ADR 0022). */
export function registerMailRoutes(app: Hono<Env>, kit: RouteKit): void {
  const { deps, data, log, render, refuse, loadCase, pageCtx } = kit;
  // ---------- Разбор ----------
  /** For each passage, the worksite's people its text may name (when ambiguous, the officer picks). */
  const candidatesOf = async (items: Awaited<ReturnType<typeof data.listTriage>>) => {
    const worksites = new Map<string, Awaited<ReturnType<typeof data.getWorksite>>>();
    const out: pages.Candidates = new Map();
    for (const t of items) {
      if (!t.worksiteId) continue;
      if (!worksites.has(t.worksiteId)) worksites.set(t.worksiteId, await data.getWorksite(t.worksiteId));
      const people = worksites.get(t.worksiteId)?.cases ?? [];
      out.set(t.itemId, triageCandidates(t.text, people));
    }
    return out;
  };

  const triageView = async (c: Context<Env>, message?: string, errors: Record<string, string> = {}) => {
    const items = await data.listTriage(true);
    return render(
      c,
      'triage',
      'Разбор',
      pages.triagePage(items, csrfTokenOf(c.get('session')), message, errors, await candidatesOf(items)),
      Object.keys(errors).length ? 400 : 200,
    );
  };

  app.get('/triage', (c) => {
    const done = c.req.query('done');
    return triageView(c, done ? doneText(done) : undefined);
  });
  const doneText = (code: string) =>
    ({
      resolved: 'Фрагмент отнесён к делу: сведения записаны.',
      split: 'Период записан по дням.',
      accepted: 'Сведения приняты и записываются: проверьте дело через минуту.',
      dismissed: 'Фрагмент отклонён.',
      already: 'Этот фрагмент уже разобран.',
    })[code];

  const triageError = (c: Context<Env>, errors: Record<string, string>) => triageView(c, undefined, errors);

  /** Sends officer facts and waits (together ≤ recordWaitMs) until case-events has recorded them all. */
  const sendAndWait = async (messages: CaseEventMessage[]): Promise<boolean> => {
    for (const m of messages) await data.sendCaseEvent(m);
    const until = Date.now() + (deps.recordWaitMs ?? 8000);
    for (const m of messages)
      if (!(await data.waitForEvent(m.caseId, m.eventId!, Math.max(0, until - Date.now())))) return false;
    return true;
  };

  const triageTarget = async (c: Context<Env>) => {
    const item = await data.getTriage(c.req.param('id') ?? '');
    if (!item) return { error: 'Такого фрагмента нет' };
    if (item.status !== 'open') return { already: true as const };
    const form = await c.req.parseBody();
    const str = (k: string) => (typeof form[k] === 'string' ? (form[k] as string).trim() : '');
    const caseId = str('caseOther') || str('case');
    if (!caseId) return { error: 'Укажите, к какому делу это относится' };
    const found = await loadCase(c, caseId);
    if (found.status === 404) return { error: `Дела ${caseId} нет: проверьте номер` };
    if (found.status === 403) return { forbidden: true as const };
    return { item, caseId, str };
  };

  app.post('/triage/:id/resolve', async (c) => {
    const t = await triageTarget(c);
    if ('already' in t) return c.redirect('/triage?done=already', 303);
    if ('forbidden' in t) return refuse(c);
    if ('error' in t) return triageError(c, { case: t.error! });
    const { item, caseId, str } = t;
    const date = str('date') || item.guess?.date || '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > deps.today())
      return triageError(c, { date: 'Дата: укажите день, не позже сегодняшнего' });
    const hoursText = str('hours');
    const hours = hoursText ? Number(hoursText.replace(',', '.')) : undefined;
    if (hours !== undefined && !(hours > 0 && hours <= 24))
      return triageError(c, { hours: 'Часов: от 0,5 до 24' });
    const outcome = OutcomeCode.safeParse(str('outcome') || item.guess?.outcome || 'absent_unknown');
    if (!outcome.success) return triageError(c, { outcome: 'Итог: выберите из списка' });
    const message = triageEvent(item, caseId, date, hours, outcome.data, `triage:${item.itemId}`);
    await data.resolveTriage(item.itemId, caseId, deps.today());
    const recorded = await sendAndWait([message]);
    log('triage resolved', { sub: c.get('user').sub, itemId: item.itemId, caseId, recorded });
    return c.redirect(`/triage?done=${recorded ? 'resolved' : 'accepted'}`, 303);
  });

  app.post('/triage/:id/split', async (c) => {
    const t = await triageTarget(c);
    if ('already' in t) return c.redirect('/triage?done=already', 303);
    if ('forbidden' in t) return refuse(c);
    if ('error' in t) return triageError(c, { case: t.error! });
    const { item, caseId, str } = t;
    const from = str('from');
    const to = str('to');
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    if (!iso.test(from) || !iso.test(to))
      return triageError(c, { from: 'Период: укажите первый и последний день' });
    if (to < from) return triageError(c, { to: 'Период: последний день раньше первого' });
    if (to > deps.today()) return triageError(c, { to: 'Период: последний день позже сегодняшнего' });
    const days: string[] = [];
    for (let d = from; d <= to && days.length <= 31; d = addDays(d, 1)) days.push(d);
    if (days.length > 31) return triageError(c, { to: 'Период: не длиннее 31 дня' });
    const outcome = OutcomeCode.safeParse(str('outcome') || 'absent_unknown');
    if (!outcome.success) return triageError(c, { outcome: 'Итог: выберите из списка' });
    await data.resolveTriage(item.itemId, caseId, deps.today());
    const recorded = await sendAndWait(
      days.map((day) =>
        triageEvent(item, caseId, day, undefined, outcome.data, `triage:${item.itemId}:${day}`),
      ),
    );
    log('triage split', { sub: c.get('user').sub, itemId: item.itemId, caseId, days: days.length, recorded });
    return c.redirect(`/triage?done=${recorded ? 'split' : 'accepted'}`, 303);
  });

  app.post('/triage/:id/dismiss', async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const reason = typeof form.reason === 'string' ? form.reason.trim().slice(0, 300) : '';
    if (!reason) return triageError(c, { reason: 'Укажите причину, по которой фрагмент отклонён' });
    const ok = await data.dismissTriage(id, reason, c.get('user').sub, deps.today());
    log('triage dismissed', { sub: c.get('user').sub, itemId: id, ok });
    return c.redirect(`/triage?done=${ok ? 'dismissed' : 'already'}`, 303);
  });

  // ---------- Карантин ----------
  app.get('/quarantine', async (c) => {
    const done = c.req.query('done');
    const message = done
      ? (
          {
            released: 'Письмо применено: сведения записаны.',
            accepted: 'Письмо принято к применению: сведения записываются, проверьте дела через минуту.',
            rejected: 'Письмо отклонено.',
            registered: 'Отправитель зарегистрирован, письмо применено: сведения записаны.',
          } as Record<string, string>
        )[done]
      : undefined;
    return render(c, 'quarantine', 'Карантин', pages.quarantinePage(await data.listQuarantine(), message));
  });

  const quarantined = async (c: Context<Env>) => data.getQuarantine(c.req.param('id') ?? '');

  app.get('/quarantine/:id', async (c) => {
    const q = await quarantined(c);
    if (!q) return c.html(plain(pageCtx(c), 'Письма нет', 'Это письмо уже разобрано или его нет.'), 404);
    const text = await sanitisedText(await data.rawMail(q));
    log('quarantine read', { sub: c.get('user').sub, sesMessageId: q.sesMessageId });
    return render(
      c,
      'quarantine',
      'Письмо в карантине',
      pages.quarantineMailPage(q, text, await data.listWorksites(), csrfTokenOf(c.get('session'))),
    );
  });

  const applyQuarantined = async (c: Context<Env>, register: boolean) => {
    const q = await quarantined(c);
    if (!q) return c.redirect('/quarantine', 303);
    const form = await c.req.parseBody();
    const worksiteId = typeof form.worksite === 'string' ? form.worksite : '';
    const worksite = worksiteId ? await data.getWorksite(worksiteId) : undefined;
    const again = async (error: string) =>
      render(
        c,
        'quarantine',
        'Письмо в карантине',
        pages.quarantineMailPage(
          q,
          await sanitisedText(await data.rawMail(q)),
          await data.listWorksites(),
          csrfTokenOf(c.get('session')),
          error,
        ),
        400,
      );
    if (!worksite) return again('Выберите объект, от имени которого пришло письмо');
    if (register) {
      if (!q.from) return again('У письма нет адреса отправителя');
      if (!worksite.administrators.map((a) => a.toLowerCase()).includes(q.from.toLowerCase()))
        await data.putWorksite({
          ...worksite,
          administrators: [...worksite.administrators, q.from.toLowerCase()],
        });
    }
    const outcome = await releaseMail(data, q, worksite);
    await data.closeQuarantine(q, 'released', c.get('user').sub, new Date().toISOString());
    const recorded = await sendAndWait(outcome.events);
    log('quarantine released', {
      sub: c.get('user').sub,
      sesMessageId: q.sesMessageId,
      events: outcome.events.length,
      triage: outcome.triage,
      recorded,
      register,
    });
    return c.redirect(
      `/quarantine?done=${!recorded ? 'accepted' : register ? 'registered' : 'released'}`,
      303,
    );
  };
  app.post('/quarantine/:id/release', (c) => applyQuarantined(c, false));
  app.post('/quarantine/:id/register', (c) => applyQuarantined(c, true));
  app.post('/quarantine/:id/reject', async (c) => {
    const q = await quarantined(c);
    if (q) await data.closeQuarantine(q, 'rejected', c.get('user').sub, new Date().toISOString());
    log('quarantine rejected', { sub: c.get('user').sub, sesMessageId: q?.sesMessageId });
    return c.redirect('/quarantine?done=rejected', 303);
  });
}

function triageEvent(
  item: { itemId: string; text: string; worksiteId?: string; guess?: NoticeItem },
  caseId: string,
  date: string,
  hours: number | undefined,
  outcome: OutcomeCode,
  eventId: string,
): CaseEventMessage {
  const resolved: NoticeItem = {
    kind: hours ? 'hours' : 'absence',
    person: { name: item.guess?.person.name ?? null, caseId },
    date,
    hours: hours ?? null,
    outcome: hours ? null : outcome,
    reasonText: item.guess?.reasonText ?? null,
    confidence: 1,
    source: item.text,
  };
  return caseEventOf(resolved, { eventId, worksiteId: item.worksiteId, source: 'officer' })!;
}
