import type { AuditItem } from '@uii/aws/audit-store';
import type { QuarantineRecord, TriageRecord } from '@uii/aws/mail-store';
import {
  ACTION_TYPES,
  type ActionField,
  actionFields,
  alertKindRu,
  audienceRu,
  type ClockChange,
  clockExplanation,
  countdownRu,
  daysRu,
  EVENT_RU,
  type EventType,
  eventSummaryRu,
  OUTCOMES,
  type Person,
  RULE_IDS,
  ruDate,
  ruMonth,
  SENTENCE_RU,
  SOURCE_RU,
  STATUS_RU,
  type Worksite,
} from '@uii/domain';
import { html } from 'hono/html';
import type { Proposal } from '../data';
import { type CaseFilter, type CaseRow, findingOrder } from '../model';
import { csrfField, errorSummary, type Html } from './layout';

const URGENCY_TAG: Record<string, string> = {
  overdue: 'red',
  today: 'amber',
  week: 'yellow',
  later: 'grey',
  met: 'green',
};
const urgencyClass = (u: string) => (u === 'none' || u === 'later' || u === 'met' ? '' : `due-${u}`);
const caseLink = (id: string, name?: string) =>
  html`<a href="/cases/${encodeURIComponent(id)}">${name || id}</a>`;

// ---------- Сегодня ----------
export interface TodayData {
  today: string;
  rows: CaseRow[];
  mailApplied: Array<{ caseId: string; name: string; summary: string; date: string }>;
  triage: number;
  quarantine: number;
  missingFeeds: Array<{ serviceId: string; name: string }>;
  /** A head of inspection also sees each officer's load. */
  byOfficer?: boolean;
}

/** Cases, overdue and due-this-week clocks per officer, for the head of inspection. */
function officerTable(rows: CaseRow[]): Html {
  const by = new Map<string, { cases: number; overdue: number; week: number }>();
  for (const r of rows) {
    const o = by.get(r.officerId ?? '—') ?? { cases: 0, overdue: 0, week: 0 };
    o.cases++;
    for (const d of r.clocks.deadlines) {
      if (d.status === 'met') continue;
      if ((d.daysLeft ?? 0) < 0) o.overdue++;
      else if ((d.daysLeft ?? 0) <= 7) o.week++;
    }
    by.set(r.officerId ?? '—', o);
  }
  return html`<h2 id="h-officers">По инспекторам</h2>
<table class="responsive" aria-labelledby="h-officers"><thead><tr><th scope="col">Инспектор</th><th scope="col" class="num">Дел</th><th scope="col" class="num">Просрочено</th><th scope="col" class="num">Срок на неделе</th></tr></thead><tbody>
${[...by.entries()]
  .sort((a, b) => b[1].overdue - a[1].overdue || a[0].localeCompare(b[0]))
  .map(
    ([id, o]) =>
      html`<tr data-officer="${id}"><td data-label="Инспектор"><a href="/cases?officer=${encodeURIComponent(id)}">${id}</a></td><td data-label="Дел" class="num">${o.cases}</td><td data-label="Просрочено" class="num">${o.overdue}</td><td data-label="Срок на неделе" class="num">${o.week}</td></tr>`,
  )}</tbody></table>`;
}

export function todayPage(d: TodayData): Html {
  const open = d.rows.flatMap((r) =>
    r.clocks.deadlines.filter((x) => x.status !== 'met').map((x) => ({ row: r, d: x })),
  );
  const overdue = open.filter((x) => (x.d.daysLeft ?? 0) < 0);
  const dueToday = open.filter((x) => x.d.daysLeft === 0);
  const week = open.filter((x) => (x.d.daysLeft ?? 0) > 0 && (x.d.daysLeft ?? 0) <= 7);
  const sortDue = (a: { d: { due: string } }, b: { d: { due: string } }) => (a.d.due < b.d.due ? -1 : 1);
  const findings = d.rows
    .flatMap((r) => r.findings.map((f) => ({ ...f, row: r })))
    .filter((f) => f.date >= addDaysIso(d.today, -7))
    .sort(findingOrder);
  const clockList = (items: typeof open) =>
    items.length
      ? html`<ul>${items
          .sort(sortDue)
          .map(
            (x) =>
              html`<li>${caseLink(x.row.id, x.row.name)} (${x.row.id}): ${x.d.rule} ${clockExplanation(x.d).title.toLowerCase()} — ${ruDate(x.d.due)}, ${countdownRu(x.d)}</li>`,
          )}</ul>`
      : html`<p class="muted">нет</p>`;
  const card = (id: string, title: string, n: number, tone: string, body: Html) =>
    html`<section class="card ${tone}" aria-labelledby="${id}"><h2 id="${id}">${title} <span class="count">${n}</span></h2>${body}</section>`;
  return html`<h1>Сегодня, ${ruDate(d.today)}</h1>
<p class="lead">Всего дел: ${d.rows.length}. Каждая строка ведёт к делу.</p>
<div class="cards">
${card('h-overdue', 'Просрочено', overdue.length, 'red', clockList(overdue))}
${card('h-today', 'Срок сегодня', dueToday.length, 'amber', clockList(dueToday))}
${card('h-week', 'Срок на этой неделе', week.length, '', clockList(week))}
${card(
  'h-findings',
  'Новые замечания',
  findings.length,
  'amber',
  findings.length
    ? html`<ul>${findings.map((f) => html`<li>${caseLink(f.row.id, f.row.name)}: ${f.title} (${ruDate(f.date)})</li>`)}</ul>`
    : html`<p class="muted">нет</p>`,
)}
${card(
  'h-mail',
  'Сведения с объектов со вчерашнего дня',
  d.mailApplied.length,
  'green',
  d.mailApplied.length
    ? html`<ul>${d.mailApplied.map((m) => html`<li>${caseLink(m.caseId, m.name)}: ${m.summary}, ${ruDate(m.date)}</li>`)}</ul>`
    : html`<p class="muted">нет</p>`,
)}
${card(
  'h-triage',
  'Ждут разбора',
  d.triage,
  d.triage ? 'amber' : '',
  html`<p><a href="/triage">Разбор фрагментов писем</a></p>`,
)}
${card(
  'h-quarantine',
  'В карантине',
  d.quarantine,
  d.quarantine ? 'red' : '',
  html`<p><a href="/quarantine">Письма в карантине</a></p>`,
)}
${card(
  'h-feeds',
  'Нет ленты вакансий за месяц',
  d.missingFeeds.length,
  d.missingFeeds.length ? 'amber' : '',
  d.missingFeeds.length
    ? html`<ul>${d.missingFeeds.map((s) => html`<li><a href="/feeds">${s.name}</a></li>`)}</ul>`
    : html`<p class="muted">все ленты получены</p>`,
)}
</div>
${d.byOfficer ? officerTable(d.rows) : ''}`;
}

/** «23.11.2026 10:05 МСК»: Moscow keeps UTC+3 all year. */
export function moscowTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 3 * 3600_000).toISOString();
  return `${ruDate(t.slice(0, 10))} ${t.slice(11, 16)} МСК`;
}

function addDaysIso(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

// ---------- Мои дела ----------
export function caseloadPage(a: {
  rows: CaseRow[];
  total: number;
  filter: CaseFilter;
  head: boolean;
  officers: string[];
}): Html {
  const f = a.filter;
  const sortLink = (key: NonNullable<CaseFilter['sort']>, label: string) => {
    const params = new URLSearchParams(
      Object.entries({ ...f, overdue: f.overdue ? '1' : '', sort: key }).filter(([, v]) => v) as [
        string,
        string,
      ][],
    );
    const current = (f.sort ?? 'days') === key;
    return html`<a href="/cases?${params.toString()}"${current ? html` aria-current="true"` : ''}>${label}${current ? ' ▲' : ''}</a>`;
  };
  const ariaSort = (key: string) => ((f.sort ?? 'days') === key ? 'ascending' : 'none');
  return html`<h1>${a.head ? 'Дела инспекции' : 'Мои дела'}</h1>
<form class="filters" method="get" action="/cases" role="search" aria-label="Поиск и отбор дел">
  <div class="field"><label for="q">ФИО или номер дела</label><input type="search" id="q" name="q" value="${f.q ?? ''}"></div>
  <div class="field"><label for="sentence">Наказание</label><select id="sentence" name="sentence">
    <option value="">все</option>
    ${Object.entries(SENTENCE_RU).map(([v, l]) => html`<option value="${v}"${f.sentence === v ? html` selected` : ''}>${l}</option>`)}
  </select></div>
  <div class="field"><label for="rule">Срок или замечание</label><select id="rule" name="rule">
    <option value="">все</option>
    ${RULE_IDS.map((r) => html`<option value="${r}"${f.rule === r ? html` selected` : ''}>${r}</option>`)}
  </select></div>
  ${
    a.head
      ? html`<div class="field"><label for="officer">Инспектор</label><select id="officer" name="officer"><option value="">все</option>
    ${a.officers.map((o) => html`<option value="${o}"${f.officer === o ? html` selected` : ''}>${o}</option>`)}</select></div>`
      : ''
  }
  <div class="field checkbox"><input type="checkbox" id="overdue" name="overdue" value="1"${f.overdue ? html` checked` : ''}><label for="overdue">только просроченные</label></div>
  <input type="hidden" name="sort" value="${f.sort ?? 'days'}">
  <button type="submit">Показать</button> <a href="/cases">Сбросить</a>
</form>
<p role="status">Показано ${a.rows.length} из ${a.total}</p>
${
  a.rows.length
    ? html`<table class="responsive" id="caseload">
<caption class="visually-hidden">Дела, по умолчанию по ближайшему сроку</caption>
<thead><tr><th scope="col" aria-sort="${ariaSort('name')}">${sortLink('name', 'ФИО')}</th><th scope="col" aria-sort="${ariaSort('id')}">${sortLink('id', 'Дело')}</th><th scope="col">Наказание</th><th scope="col" aria-sort="${ariaSort('days')}">${sortLink('days', 'Ближайший срок')}</th><th scope="col">Замечания</th>${a.head ? html`<th scope="col">Инспектор</th>` : ''}</tr></thead>
<tbody>${a.rows.map(
        (r) => html`<tr data-case="${r.id}">
<td data-label="ФИО">${caseLink(r.id, r.name || r.id)} ${r.isNew ? html`<span class="tag">новое дело</span>` : ''}</td>
<td data-label="Дело">${r.id}</td>
<td data-label="Наказание">${SENTENCE_RU[r.sentence]}</td>
<td data-label="Ближайший срок" class="${urgencyClass(r.urgency)}">${
          r.nearest
            ? html`${r.nearest.rule}: ${ruDate(r.nearest.due)}<br><span class="tag ${URGENCY_TAG[r.urgency] ?? 'grey'}" data-days="${r.daysLeft}">${countdownRu(r.nearest)}</span>`
            : html`<span class="muted">открытых сроков нет</span>`
        }</td>
<td data-label="Замечания">${r.findings.length ? r.findings.map((x) => html`<span class="tag amber" title="${x.title}">${x.rule}</span>`) : html`<span class="muted">нет</span>`}</td>
${a.head ? html`<td data-label="Инспектор">${r.officerId ?? '—'}</td>` : ''}
</tr>`,
      )}</tbody></table>`
    : html`<div class="empty" role="status"><h2>Нет результатов</h2><p>Ни одно дело не подходит под условия. Измените запрос или <a href="/cases">сбросьте отбор</a>.</p></div>`
}`;
}

// ---------- Дело ----------
export interface CasePageData {
  row: CaseRow;
  person?: Person;
  c: CaseRow['clocks'] extends unknown ? import('@uii/domain').Case : never;
  alerts: AuditItem[];
  proposals: Proposal[];
  saved?: { eventId: string; recorded: boolean; label: string; changes: ClockChange[]; referral?: boolean };
  form?: { type: string; values: Record<string, string>; errors: Record<string, string> };
  csrf: string;
  today: string;
}

export function casePage(d: CasePageData): Html {
  const { row, c, person } = d;
  const clocks = [...row.clocks.deadlines].sort(
    (a, b) => (a.status === 'met' ? 1 : 0) - (b.status === 'met' ? 1 : 0) || (a.due < b.due ? -1 : 1),
  );
  const type = d.form?.type ?? '';
  return html`<p><a href="/cases">← Мои дела</a></p>
<h1>${row.name || row.id} <span class="muted">· дело ${row.id}</span> ${row.isNew ? html`<span class="tag">новое дело</span>` : ''}</h1>
${
  d.saved
    ? html`<div class="notice${d.saved.recorded ? '' : ' info'}" role="status" id="saved">
<h2>${d.saved.recorded ? `Записано: ${d.saved.label}` : `Принято, обрабатывается: ${d.saved.label}`}</h2>
${
  d.saved.recorded
    ? d.saved.changes.length
      ? html`<p>Изменились сроки:</p><ul>${d.saved.changes.map((ch) => html`<li data-rule="${ch.rule}">${ch.text} (${ch.title.toLowerCase()})</li>`)}</ul>`
      : html`<p>Сроки не изменились.</p>`
    : html`<p>Событие поставлено в очередь; <a href="/cases/${encodeURIComponent(row.id)}?saved=${encodeURIComponent(d.saved.eventId)}">обновите страницу</a> через несколько секунд.</p>`
}${
  d.saved.recorded && d.saved.referral
    ? html`<p><a href="/cases/${encodeURIComponent(row.id)}/referral?event=${encodeURIComponent(d.saved.eventId)}">Бланк предписания для печати</a></p>`
    : ''
}</div>`
    : ''
}
<h2>Осуждённый и наказание</h2>
<dl class="summary">
<dt>ФИО</dt><dd>${row.name || html`<span class="muted">не указано</span>`}</dd>
${person?.caseNumber ? html`<dt>Номер дела в суде</dt><dd>${person.caseNumber}</dd>` : ''}
${person?.phone ? html`<dt>Телефон</dt><dd>${person.phone}</dd>` : ''}
${person?.address ? html`<dt>Адрес</dt><dd>${person.address}</dd>` : ''}
<dt>Наказание</dt><dd>${SENTENCE_RU[c.sentence]}${
    c.termMonths ? html`, срок ${c.termMonths} мес.` : ''
  }${c.deductionPercent ? html`, удержание ${c.deductionPercent}%` : ''}${c.hoursOrdered ? html`, ${c.hoursOrdered} ч` : ''}</dd>
<dt>Инспектор</dt><dd>${c.officerId ?? '—'}, инспекция ${c.inspectionId ?? '—'}</dd>
${c.birthDate ? html`<dt>Дата рождения</dt><dd>${ruDate(c.birthDate)}</dd>` : ''}
</dl>

<h2 id="clocks">Сроки</h2>
${
  clocks.length
    ? html`<table class="responsive"><thead><tr><th scope="col">Срок</th><th scope="col">До</th><th scope="col">Состояние</th><th scope="col">Статья</th><th scope="col">Что сделать</th></tr></thead><tbody>
${clocks.map((k) => {
  const x = clockExplanation(k);
  const u =
    k.status === 'met'
      ? 'met'
      : (k.daysLeft ?? 0) < 0
        ? 'overdue'
        : k.daysLeft === 0
          ? 'today'
          : (k.daysLeft ?? 99) <= 7
            ? 'week'
            : 'later';
  return html`<tr data-rule="${k.rule}" data-status="${k.status}">
<td data-label="Срок"><strong>${k.rule}</strong><br>${x.title}</td>
<td data-label="До">${ruDate(k.due)}</td>
<td data-label="Состояние"><span class="tag ${URGENCY_TAG[u]}">${STATUS_RU[k.status]}</span><br>${countdownRu(k)}</td>
<td data-label="Статья">${x.article}<details><summary>Текст нормы</summary><p>${x.requirement}</p></details></td>
<td data-label="Что сделать">${k.status === 'met' ? html`<span class="muted">—</span>` : html`Выполнит: ${x.metBy.join(' или ')} (${x.actor}).<br><span class="hint">Если пропустить: ${x.consequence}</span>`}</td>
</tr>`;
})}</tbody></table>`
    : html`<p class="empty">Сроков нет.</p>`
}

<h2>Замечания</h2>
${
  row.clocks.findings.length
    ? html`<ul>${[...row.clocks.findings].sort(findingOrder).map((f) => html`<li><span class="tag amber">${f.rule}</span> ${ruDate(f.date)}: ${f.message}</li>`)}</ul>`
    : html`<p class="muted">Замечаний нет.</p>`
}

<h2>Предложенные вакансии</h2>
${
  d.proposals.length
    ? html`<table class="responsive"><thead><tr><th scope="col">Вакансия</th><th scope="col">Почему</th><th scope="col">Действие</th></tr></thead><tbody>${d.proposals.map(
        (
          p,
        ) => html`<tr><td data-label="Вакансия"><strong>${p.title}</strong>${p.employer ? html`<br>${p.employer}` : ''}${p.address ? html`<br><span class="hint">${p.address}</span>` : ''}<br><span class="hint">№ ${p.vacancyId}</span></td>
<td data-label="Почему"><ul>${p.reasons.map((r) => html`<li>${r}</li>`)}</ul></td>
<td data-label="Действие"><form method="post" action="/cases/${encodeURIComponent(row.id)}/events">${csrfField(d.csrf)}
<input type="hidden" name="type" value="referral_issued"><input type="hidden" name="vacancyId" value="${p.vacancyId}"><input type="hidden" name="date" value="${d.today}">
<button type="submit">Выдать предписание</button></form></td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">Нет предложений.</p>`
}

<h2 id="record">Записать действие</h2>
${errorSummary(d.form?.errors ?? {}, Object.fromEntries(Object.keys(d.form?.errors ?? {}).map((k) => [k, `f-${k}`])))}
<form method="post" action="/cases/${encodeURIComponent(row.id)}/events" novalidate>
${csrfField(d.csrf)}
<div class="field${d.form?.errors.type ? ' has-error' : ''}"><label for="f-type">Действие</label>
${d.form?.errors.type ? html`<span class="error-message" id="e-type">${d.form.errors.type}</span>` : ''}
<select id="f-type" name="type">${ACTION_TYPES.map((a) => html`<option value="${a.type}"${type === a.type ? html` selected` : ''}>${a.label}</option>`)}</select>
<span class="hint">Поля ниже нужны не для каждого действия: лишние не учитываются.</span></div>
${allFields(type).map((f) => fieldHtml(f, d.form?.values[f.name] ?? (f.name === 'date' ? d.today : ''), d.form?.errors[f.name]))}
<button type="submit">Записать</button>
</form>

<h2>Хронология</h2>
${
  row.events.length
    ? html`<ol class="timeline" reversed>${[...row.events]
        .reverse()
        .map(
          (e) =>
            html`<li><time datetime="${e.event.date}">${ruDate(e.event.date)}</time>${eventSummaryRu(e.event)} <span class="hint">источник: ${SOURCE_RU[e.source ?? ''] ?? e.source ?? '—'}</span></li>`,
        )}</ol>`
    : html`<p class="muted">Событий пока нет.</p>`
}

<h2>Отправленные уведомления</h2>
${
  d.alerts.length
    ? html`<table class="responsive"><thead><tr><th scope="col">Когда</th><th scope="col">Что</th><th scope="col">Кому</th></tr></thead><tbody>${d.alerts.map(
        (a) =>
          html`<tr><td data-label="Когда">${a.sentAt ? moscowTime(a.sentAt) : 'не отправлено'}</td><td data-label="Что">${a.rule ?? ''} ${alertKindRu(a.kind, a.rule)}</td><td data-label="Кому">${audienceRu(a.audience)} (${a.recipientDomains.join(', ')})</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">Уведомлений по делу не отправлялось.</p>`
}`;
}

/** Every field any action may ask for, each once, in order (the form works without JavaScript). */
function allFields(selected: string): ActionField[] {
  const seen = new Map<string, ActionField>();
  const order = selected
    ? [selected as EventType, ...ACTION_TYPES.map((a) => a.type)]
    : ACTION_TYPES.map((a) => a.type);
  for (const t of order)
    for (const f of actionFields(t))
      if (!seen.has(f.name)) seen.set(f.name, { ...f, required: f.name === 'date' });
  return [...seen.values()];
}

const FIELD_USE: Record<string, string> = {
  status: 'для «Сведения о работе»',
  vacancyId: 'для вакансий и предписаний',
  hours: 'для «Отработанные часы»',
  consentToFour: 'для «Отработанные часы»',
  worksiteId: 'для «Отработанные часы»',
  outcome: 'для «Сведения о невыходе»',
  reasonText: 'для «Сведения о невыходе»',
  reportedOn: 'для смены места жительства или работы',
};

function fieldHtml(f: ActionField, value: string, error?: string): Html {
  const id = `f-${f.name}`;
  const hint = [f.hint, FIELD_USE[f.name]].filter(Boolean).join('; ');
  const describedBy = [hint ? `h-${f.name}` : '', error ? `e-${f.name}` : ''].filter(Boolean).join(' ');
  const aria = describedBy ? html` aria-describedby="${describedBy}"` : '';
  const invalid = error ? html` aria-invalid="true"` : '';
  if (f.kind === 'checkbox')
    return html`<div class="field checkbox"><input type="checkbox" id="${id}" name="${f.name}" value="1"${value ? html` checked` : ''}${aria}><label for="${id}">${f.label}</label>${hint ? html`<span class="hint" id="h-${f.name}">${hint}</span>` : ''}</div>`;
  const control =
    f.kind === 'select'
      ? html`<select id="${id}" name="${f.name}"${aria}${invalid}><option value="">—</option>${(f.options ?? []).map((o) => html`<option value="${o.value}"${value === o.value ? html` selected` : ''}>${o.label}</option>`)}</select>`
      : html`<input type="${f.kind === 'date' ? 'date' : 'text'}" id="${id}" name="${f.name}" value="${value}"${f.kind === 'number' ? html` inputmode="decimal"` : ''}${aria}${invalid}>`;
  return html`<div class="field${error ? ' has-error' : ''}"><label for="${id}">${f.label}</label>${hint ? html`<span class="hint" id="h-${f.name}">${hint}</span>` : ''}${error ? html`<span class="error-message" id="e-${f.name}">${error}</span>` : ''}${control}</div>`;
}

// ---------- Разбор ----------
export type Candidates = Map<string, Array<{ caseId: string; name: string }>>;

export function triagePage(
  items: TriageRecord[],
  csrf: string,
  message?: string,
  errors: Record<string, string> = {},
  candidates: Candidates = new Map(),
): Html {
  return html`<h1>Разбор</h1>
<p class="lead">Фрагменты писем с объектов, которые не удалось уверенно отнести к делу. Слева — текст письма, справа — что распознано.</p>
${message ? html`<div class="notice" role="status"><p>${message}</p></div>` : ''}
${errorSummary(errors)}
${
  items.length
    ? items.map((t) => triageItem(t, csrf, candidates.get(t.itemId) ?? []))
    : html`<div class="empty" role="status"><h2>Нет фрагментов для разбора</h2><p>Все письма разобраны.</p></div>`
}`;
}

function triageItem(
  t: TriageRecord,
  csrf: string,
  candidates: Array<{ caseId: string; name: string }>,
): Html {
  const g = t.guess;
  const id = t.itemId;
  const outcomeOptions = OUTCOMES.map(
    (o) =>
      html`<option value="${o.code}"${g?.outcome === o.code ? html` selected` : ''}>${o.name_ru}</option>`,
  );
  return html`<section class="card" aria-labelledby="t-${id}" data-triage="${id}">
<h2 id="t-${id}">Фрагмент ${id} <span class="hint">получен ${moscowTime(t.receivedAt)}${t.worksiteId ? `, объект ${t.worksiteId}` : ''}</span></h2>
<div class="pair">
<div><h3>Текст письма</h3><pre class="mail">${t.text}</pre></div>
<div><h3>Что распознано</h3>
${
  g
    ? html`<dl class="summary"><dt>Кто</dt><dd>${g.person.name ?? '—'}${g.person.caseId ? ` (дело ${g.person.caseId})` : ''}</dd>
<dt>Дата</dt><dd>${g.date ? ruDate(g.date) : 'не найдена'}</dd>
<dt>Что</dt><dd>${g.kind === 'hours' ? `часы: ${String(g.hours ?? '—').replace('.', ',')}` : g.outcome ? OUTCOMES.find((o) => o.code === g.outcome)?.name_ru : 'невыход'}</dd></dl>`
    : html`<p class="muted">Ничего не распознано.</p>`
}
<p><strong>Почему на разборе:</strong> ${t.why}</p></div>
</div>
<div class="actions">
<form method="post" action="/triage/${encodeURIComponent(id)}/resolve" aria-label="Отнести к делу">${csrfField(csrf)}
<h3>Отнести к делу</h3>
${
  candidates.length
    ? html`<fieldset class="field"><legend>О ком это</legend>${candidates.map(
        (c, i) =>
          html`<div class="checkbox"><input type="radio" id="cand-${id}-${i}" name="case" value="${c.caseId}"${g?.person.caseId === c.caseId ? html` checked` : ''}><label for="cand-${id}-${i}">${c.name} (дело ${c.caseId})</label></div>`,
      )}</fieldset>
<div class="field"><label for="case-${id}">Или другое дело</label><input type="text" id="case-${id}" name="caseOther"></div>`
    : html`<div class="field"><label for="case-${id}">Номер дела</label><input type="text" id="case-${id}" name="case" value="${g?.person.caseId ?? ''}"></div>`
}
<div class="field"><label for="date-${id}">Дата</label><input type="date" id="date-${id}" name="date" value="${g?.date ?? ''}"></div>
<div class="field"><label for="outcome-${id}">Итог</label><select id="outcome-${id}" name="outcome">${outcomeOptions}</select></div>
<div class="field"><label for="hours-${id}">Часов (если это часы)</label><input type="text" inputmode="decimal" id="hours-${id}" name="hours" value="${g?.kind === 'hours' && g.hours ? String(g.hours).replace('.', ',') : ''}"></div>
<button type="submit">Отнести к делу</button></form>
<form method="post" action="/triage/${encodeURIComponent(id)}/split" aria-label="Разбить период по дням">${csrfField(csrf)}
<h3>Период по дням</h3>
<div class="field"><label for="scase-${id}">Номер дела</label><input type="text" id="scase-${id}" name="case" value="${g?.person.caseId ?? ''}"></div>
<div class="field"><label for="from-${id}">С</label><input type="date" id="from-${id}" name="from" value="${g?.date ?? ''}"></div>
<div class="field"><label for="to-${id}">По</label><input type="date" id="to-${id}" name="to"></div>
<div class="field"><label for="soutcome-${id}">Итог каждого дня</label><select id="soutcome-${id}" name="outcome">${outcomeOptions}</select></div>
<button type="submit" class="secondary">Записать по дням</button></form>
<form method="post" action="/triage/${encodeURIComponent(id)}/dismiss" aria-label="Отклонить">${csrfField(csrf)}
<h3>Отклонить</h3>
<div class="field"><label for="reason-${id}">Причина</label><input type="text" id="reason-${id}" name="reason"></div>
<button type="submit" class="warning">Отклонить</button></form>
</div>
</section>`;
}

// ---------- Карантин ----------
const QUARANTINE_REASON_RU: Record<string, string> = {
  unregistered_sender: 'отправитель не зарегистрирован',
  not_authenticated: 'письмо не прошло проверку подлинности',
};

export function quarantinePage(items: QuarantineRecord[], message?: string): Html {
  return html`<h1>Карантин</h1>
<p class="lead">Письма, которые не применены автоматически. Прочтите письмо и решите: применить, отклонить или зарегистрировать отправителя.</p>
${message ? html`<div class="notice" role="status"><p>${message}</p></div>` : ''}
${
  items.length
    ? html`<table class="responsive"><thead><tr><th scope="col">Получено</th><th scope="col">От кого</th><th scope="col">Тема</th><th scope="col">Почему</th><th scope="col">Сведений</th></tr></thead><tbody>${items.map(
        (
          q,
        ) => html`<tr><td data-label="Получено">${moscowTime(q.receivedAt)}</td><td data-label="От кого">${q.from ?? '—'}</td>
<td data-label="Тема"><a href="/quarantine/${encodeURIComponent(q.sesMessageId)}">${q.subject || '(без темы)'}</a></td>
<td data-label="Почему">${q.reason === 'list_expired' ? q.why : (QUARANTINE_REASON_RU[q.reason] ?? q.reason)}</td><td data-label="Сведений" class="num">${q.itemsParsed}</td></tr>`,
      )}</tbody></table>`
    : html`<div class="empty" role="status"><h2>Карантин пуст</h2><p>Писем, ждущих решения, нет.</p></div>`
}`;
}

export function quarantineMailPage(
  q: QuarantineRecord,
  text: string,
  worksites: Worksite[],
  csrf: string,
  error?: string,
): Html {
  const base = `/quarantine/${encodeURIComponent(q.sesMessageId)}`;
  const options = worksites.map(
    (w) => html`<option value="${w.id}"${q.worksiteId === w.id ? html` selected` : ''}>${w.name}</option>`,
  );
  return html`<p><a href="/quarantine">← Карантин</a></p>
<h1>${q.subject || '(без темы)'}</h1>
${error ? errorSummary({ worksite: error }, { worksite: 'ws-release' }) : ''}
<dl class="summary"><dt>От кого</dt><dd>${q.from ?? '—'}</dd><dt>Получено</dt><dd>${moscowTime(q.receivedAt)}</dd>
<dt>Почему в карантине</dt><dd>${QUARANTINE_REASON_RU[q.reason] ?? q.reason}: ${q.why}</dd><dt>Сведений в письме</dt><dd>${q.itemsParsed}</dd></dl>
<h2>Текст письма</h2>
<p class="hint">Показан только текст: ссылки, картинки и вложения не открываются.</p>
<pre class="mail">${text}</pre>
<div class="actions">
<form method="post" action="${base}/release">${csrfField(csrf)}<h3>Применить письмо</h3>
<div class="field"><label for="ws-release">Объект</label><select id="ws-release" name="worksite"><option value="">—</option>${options}</select></div>
<button type="submit">Применить</button></form>
<form method="post" action="${base}/register">${csrfField(csrf)}<h3>Зарегистрировать отправителя</h3>
<div class="field"><label for="ws-register">Администратор объекта</label><select id="ws-register" name="worksite"><option value="">—</option>${options}</select>
<span class="hint">${q.from ?? ''} станет администратором объекта, письмо будет применено</span></div>
<button type="submit" class="secondary">Зарегистрировать и применить</button></form>
<form method="post" action="${base}/reject">${csrfField(csrf)}<h3>Отклонить</h3><p class="hint">Письмо не будет применено.</p>
<button type="submit" class="warning">Отклонить</button></form>
</div>`;
}

// ---------- Ленты вакансий ----------
export interface FeedCell {
  state: 'received' | 'partial' | 'missing';
  accepted?: number;
  rejected?: number;
}
export function feedsPage(
  services: Array<{ id: string; name: string; cells: Record<string, FeedCell> }>,
  months: string[],
): Html {
  const STATE: Record<FeedCell['state'], [string, string]> = {
    received: ['green', 'получена'],
    partial: ['yellow', 'частично'],
    missing: ['red', 'нет'],
  };
  return html`<h1>Ленты вакансий</h1>
<p class="lead">Центры занятости по месяцам: получена, частично (часть строк отклонена), нет.</p>
${
  services.length
    ? html`<table class="responsive"><thead><tr><th scope="col">Центр занятости</th>${months.map((m) => html`<th scope="col">${ruMonth(m)}</th>`)}</tr></thead><tbody>
${services.map(
  (s) =>
    html`<tr><th scope="row">${s.name}<br><span class="hint">${s.id}</span></th>${months.map((m) => {
      const cell = s.cells[m] ?? { state: 'missing' };
      const [tone, label] = STATE[cell.state];
      return html`<td data-label="${ruMonth(m)}"><span class="tag ${tone}">${label}</span>${cell.accepted !== undefined ? html`<br><span class="hint">${cell.accepted} принято${cell.rejected ? `, ${cell.rejected} отклонено` : ''}</span>` : ''}</td>`;
    })}</tr>`,
)}</tbody></table>`
    : html`<div class="empty" role="status"><h2>Нет центров занятости</h2></div>`
}`;
}

// ---------- Объекты ----------
export function worksitesPage(worksites: Worksite[], caseNames: Map<string, string>): Html {
  return html`<h1>Объекты</h1>
<p class="lead">Места отбывания наказания: кто вправе сообщать о невыходах и часах и кто закреплён.</p>
${
  worksites.length
    ? worksites.map(
        (w) => html`<section class="card" aria-labelledby="w-${w.id}"><h2 id="w-${w.id}">${w.name}</h2>
<dl class="summary"><dt>Код</dt><dd>${w.id}</dd><dt>Инспекция</dt><dd>${w.inspectionId}</dd>
<dt>Администраторы</dt><dd>${w.administrators.join(', ')}</dd>
${w.validTo ? html`<dt>Согласовано по</dt><dd>${ruDate(w.validTo)} (после — письма администраторов в карантин)</dd>` : ''}
<dt>Закреплены (${w.cases.length})</dt><dd>${w.cases.length ? html`<ul>${w.cases.map((c) => html`<li>${caseNames.has(c.caseId) ? caseLink(c.caseId, c.name) : c.name} (${c.caseId})</li>`)}</ul>` : 'никого'}</dd></dl></section>`,
      )
    : html`<div class="empty" role="status"><h2>Объектов нет</h2></div>`
}`;
}

export { daysRu, EVENT_RU };

export function signInPrompt(url: string): Html {
  return html`<h1>Вход</h1><p class="lead">УИИ-Связь — сроки, сведения с объектов и вакансии для инспекторов.</p>
<p><a class="button" href="${url}">Войти</a></p>`;
}

/** A printable referral (предписание) for a recorded referral_issued, to hand to the convict. */
export function referralDraft(a: {
  caseId: string;
  name: string;
  date: string;
  vacancyId?: string;
  proposal?: Proposal;
  inspectionId?: string;
  start: { article: string; text: string };
}): Html {
  return html`<p><a href="/cases/${encodeURIComponent(a.caseId)}">← Дело ${a.caseId}</a></p>
<h1>Предписание</h1>
<p class="hint">Черновик для печати: проверьте и подпишите.</p>
<dl class="summary">
<dt>Кому</dt><dd>${a.name || a.caseId} (дело ${a.caseId})</dd>
<dt>Дата выдачи</dt><dd>${ruDate(a.date)}</dd>
<dt>Работодатель</dt><dd>${a.proposal?.employer ?? '________________'}</dd>
<dt>Вакансия</dt><dd>${a.proposal?.title ?? ''}${a.vacancyId ? ` (№ ${a.vacancyId})` : ''}</dd>
${a.proposal?.address ? html`<dt>Адрес</dt><dd>${a.proposal.address}</dd>` : ''}
<dt>Инспекция</dt><dd>${a.inspectionId ?? ''}</dd>
</dl>
<p>Вам надлежит явиться к работодателю для трудоустройства и приступить к работе в течение пяти дней со дня получения настоящего предписания.</p>
<p class="hint">${a.start.article}: ${a.start.text}</p>
<p>Предписание получил(а): ____________________ «____» ____________ 20___ г.</p>`;
}
