import type { StoredPlace } from '@uii/aws/places-store';
import {
  countdownRu,
  daysBetween,
  listExpiredReasonRu,
  type PlaceEvent,
  REFUSAL_REASONS,
  ruDate,
  SENTENCE_SHORT,
} from '@uii/domain';
import { html } from 'hono/html';
import { csrfField, errorSummary, type Html } from './layout';

/** A place as the pages show it: the stored place, its municipality's name, whether its list has ended. */
export interface PlaceRow {
  place: StoredPlace;
  municipality: string;
  expired: boolean;
}

export const PLACE_STATUSES = ['pending', 'remarks', 'consented', 'refused'] as const;
export type PlaceStatusFilter = (typeof PLACE_STATUSES)[number];

const STATUS: Record<PlaceStatusFilter, [string, string]> = {
  pending: ['yellow', 'на рассмотрении'],
  remarks: ['grey', 'замечания'],
  consented: ['green', 'согласовано'],
  refused: ['red', 'отказано'],
};

const statusTag = (r: PlaceRow) =>
  r.expired
    ? html`<span class="tag grey">перечень истёк</span>`
    : html`<span class="tag ${STATUS[r.place.status][0]}">${STATUS[r.place.status][1]}</span>`;

/** «до 17.11.2026 — осталось 3 дня» for a running clock; who must act. */
function dueText(p: StoredPlace, today: string): Html {
  if (!p.clock) return html`—`;
  const left = daysBetween(today, p.clock.due);
  const countdown = countdownRu({ status: left < 0 ? 'overdue' : 'open', daysLeft: left });
  const who = p.clock.actor === 'inspection' ? 'решение инспекции' : 'ответ органа МСУ';
  return html`до ${ruDate(p.clock.due)}<br><span class="hint">${who}: ${countdown}</span>`;
}

export function placesListPage(a: {
  rows: PlaceRow[];
  status?: PlaceStatusFilter;
  today: string;
  total: number;
}): Html {
  return html`<h1>Места отбывания наказания</h1>
<p class="lead">Места, предложенные органами местного самоуправления (УИК ст. 25 ч. 1, ст. 39 ч. 1): статус и срок решения.</p>
<form class="filters" method="get" action="/places" role="search" aria-label="Отбор мест">
  <div class="field"><label for="status">Статус</label><select id="status" name="status">
    <option value="">все</option>
    ${PLACE_STATUSES.map((s) => html`<option value="${s}"${a.status === s ? html` selected` : ''}>${STATUS[s][1]}</option>`)}
  </select></div>
  <button type="submit">Показать</button> <a href="/places">Сбросить</a>
</form>
<p role="status">Показано ${a.rows.length} из ${a.total}</p>
${
  a.rows.length
    ? html`<table class="responsive"><thead><tr><th scope="col">Место</th><th scope="col">Орган МСУ</th><th scope="col">Рабочих мест</th><th scope="col">Наказание</th><th scope="col">Статус</th><th scope="col">Срок</th><th scope="col">Решение</th></tr></thead><tbody>
${a.rows.map(
  (
    r,
  ) => html`<tr><th scope="row"><a href="/places/${encodeURIComponent(r.place.id)}">${r.place.organisation}</a><br><span class="hint">${r.place.address}</span></th>
<td data-label="Орган МСУ">${r.municipality}</td>
<td data-label="Рабочих мест" class="num">${r.place.status === 'consented' ? `${r.place.assigned ?? 0} из ${r.place.workplaces}` : r.place.workplaces}</td>
<td data-label="Наказание">${SENTENCE_SHORT[r.place.sentence]}</td>
<td data-label="Статус">${statusTag(r)}</td>
<td data-label="Срок">${dueText(r.place, a.today)}</td>
<td data-label="Решение">${r.place.decidedOn ? ruDate(r.place.decidedOn) : '—'}</td></tr>`,
)}</tbody></table>`
    : html`<div class="empty" role="status"><h2>Мест нет</h2><p>${a.status ? 'С этим статусом мест нет.' : 'Предложений от органов местного самоуправления пока не было.'}</p></div>`
}`;
}

const EVENT_WHAT = (e: PlaceEvent): string =>
  e.type === 'proposed'
    ? `предложено (${e.channel === 'mail' ? 'письмом' : e.channel === 'upload' ? 'загрузкой файла' : e.channel === 'link' ? 'загрузкой по ссылке' : 'инспектором'}, ${e.proposalId})`
    : e.type === 'consent'
      ? `согласовано${e.text ? `: ${e.text}` : ''}`
      : e.type === 'refusal'
        ? `отказано: ${e.reasons.map((r) => REFUSAL_REASONS.find((x) => x.code === r)?.text_ru ?? r).join('; ')}${e.text ? ` — ${e.text}` : ''}`
        : `замечания: ${e.text}`;

export interface DecisionForm {
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
}

/** The «Направить осуждённого» form's values and the errors beside its fields (case, date). */
export interface AssignForm {
  values: { case?: string; date?: string };
  errors: Partial<Record<'case' | 'date', string>>;
}

/** Whether a convict can be sent here from the page: consented, list running, workplaces left. */
const canAssign = (r: PlaceRow) =>
  r.place.status === 'consented' && !r.expired && (r.place.assigned ?? 0) < r.place.workplaces;

function assignSection(a: { row: PlaceRow; today: string; csrf: string; form?: AssignForm }): Html {
  const p = a.row.place;
  // A refused attempt shows its form again, with the reason beside the field, whatever the place's state.
  if (!a.form) {
    if (p.status !== 'consented' || a.row.expired) return html``;
    if (!canAssign(a.row))
      return html`<section aria-labelledby="assign-h"><h2 id="assign-h">Направить осуждённого</h2>
<p>Свободных рабочих мест нет: занято ${p.assigned ?? 0} из ${p.workplaces}.</p></section>`;
  }
  const v = a.form?.values ?? {};
  const e = a.form?.errors ?? {};
  const left = Math.max(0, p.workplaces - (p.assigned ?? 0));
  return html`<section aria-labelledby="assign-h"><h2 id="assign-h">Направить осуждённого</h2>
<p>Свободно ${left} из ${p.workplaces}. Направление записывается, ответственному от организации уходит уведомление.</p>
<form method="post" action="/places/${encodeURIComponent(p.id)}/assign" novalidate>${csrfField(a.csrf)}
<div class="field${e.case ? ' has-error' : ''}"><label for="a-case">Номер дела</label>
<span class="hint" id="a-case-hint">Дело вашей инспекции, ${p.sentence === 'compulsory_labor' ? 'обязательные работы' : 'исправительные работы'}</span>
${e.case ? html`<span class="error-message" id="a-case-error">${e.case}</span>` : ''}
<input id="a-case" name="case" type="text" autocomplete="off" spellcheck="false" required value="${v.case ?? ''}" aria-describedby="a-case-hint${e.case ? ' a-case-error' : ''}"${e.case ? html` aria-invalid="true"` : ''}></div>
<div class="field${e.date ? ' has-error' : ''}"><label for="a-date">Дата направления</label>
${e.date ? html`<span class="error-message" id="a-date-error">${e.date}</span>` : ''}
<input id="a-date" name="date" type="date" required value="${v.date ?? a.today}" min="${p.validFrom}" max="${[a.today, p.validTo].sort()[0]}"${e.date ? html` aria-invalid="true" aria-describedby="a-date-error"` : ''}></div>
<button type="submit">Направить осуждённого</button>
</form></section>`;
}

export function placePage(a: {
  row: PlaceRow;
  events: PlaceEvent[];
  today: string;
  csrf: string;
  form?: DecisionForm;
  assign?: AssignForm;
  done?: string;
}): Html {
  const p = a.row.place;
  const open = p.status === 'pending' || p.status === 'remarks';
  const v = a.form?.values ?? {};
  const chosen = typeof v.decision === 'string' ? v.decision : '';
  const reasons = Array.isArray(v.reason) ? v.reason : typeof v.reason === 'string' ? [v.reason] : [];
  const text = typeof v.text === 'string' ? v.text : '';
  const errors = a.form?.errors ?? {};
  const radio = (value: string, label: string, hint?: string) =>
    html`<div class="checkbox"><input type="radio" id="d-${value}" name="decision" value="${value}"${chosen === value ? html` checked` : ''}${p.status === 'remarks' && value === 'consent' ? html` disabled` : ''}><label for="d-${value}">${label}</label>${hint ? html`<span class="hint">${hint}</span>` : ''}</div>`;
  return html`<p><a href="/places">← Места</a></p>
<h1>${p.organisation}</h1>
${a.done ? html`<div class="notice" role="status"><p>${a.done}</p></div>` : ''}
${errorSummary(errors, { decision: 'd-consent', reason: `r-${REFUSAL_REASONS[0].code}`, text: 'd-text' })}
${errorSummary(a.assign?.errors ?? {}, { case: 'a-case', date: 'a-date' })}
<p>${statusTag(a.row)}${a.row.expired ? html` <span class="hint">${listExpiredReasonRu(p.validTo)}: место не предлагается, письма ответственного — в карантин</span>` : ''}</p>
<dl class="summary">
<dt>Код места</dt><dd>${p.id}</dd>
<dt>Орган МСУ</dt><dd>${a.row.municipality} (${p.municipalityId})</dd>
<dt>ИНН</dt><dd>${p.inn}</dd>
<dt>Адрес</dt><dd>${p.address}</dd>
<dt>Наказание</dt><dd>${p.sentence === 'compulsory_labor' ? 'обязательные работы (ОР)' : 'исправительные работы (ИР)'}</dd>
<dt>Виды работ</dt><dd>${p.kindsOfWork.join(', ')}</dd>
<dt>Рабочих мест</dt><dd>${p.workplaces}${p.status === 'consented' ? `, занято ${p.assigned ?? 0}` : ''}</dd>
<dt>Условия</dt><dd>график: ${p.conditions.schedule}${p.conditions.hours ? `, ${p.conditions.hours}` : ''}; охрана труда: ${p.conditions.safety}</dd>
<dt>Ответственный</dt><dd>${p.administrator.name}, ${p.administrator.email}${p.administrator.phone ? `, ${p.administrator.phone}` : ''}</dd>
<dt>Действует</dt><dd>${ruDate(p.validFrom)} — ${ruDate(p.validTo)}</dd>
<dt>Поступило</dt><dd>${ruDate(p.receivedOn)}</dd>
<dt>Срок</dt><dd>${dueText(p, a.today)}</dd>
</dl>
${assignSection({ row: a.row, today: a.today, csrf: a.csrf, form: a.assign })}
<h2>История</h2>
<ol class="history">${a.events.map((e) => html`<li>${ruDate(e.date)} — ${e.by}: ${EVENT_WHAT(e)}</li>`)}</ol>
${
  open
    ? html`<section aria-labelledby="decide-h"><h2 id="decide-h">Решение</h2>
<form method="post" action="/places/${encodeURIComponent(p.id)}/decide">${csrfField(a.csrf)}
<fieldset class="field${errors.decision ? ' has-error' : ''}"><legend>Что решила инспекция</legend>
${errors.decision ? html`<span class="error-message">${errors.decision}</span>` : ''}
${radio('consent', 'Согласовать', p.status === 'remarks' ? 'после замечаний — только когда орган МСУ пришлёт место повторно' : undefined)}
${radio('refusal', 'Отказать (укажите причины)')}
${radio('remarks', 'Направить замечания (опишите их в пояснении)')}
</fieldset>
<fieldset class="field${errors.reason ? ' has-error' : ''}"><legend>Причины отказа</legend>
${errors.reason ? html`<span class="error-message">${errors.reason}</span>` : ''}
${REFUSAL_REASONS.map(
  (r) =>
    html`<div class="checkbox"><input type="checkbox" id="r-${r.code}" name="reason" value="${r.code}"${reasons.includes(r.code) ? html` checked` : ''}><label for="r-${r.code}">${r.text_ru}</label></div>`,
)}
</fieldset>
<div class="field${errors.text ? ' has-error' : ''}"><label for="d-text">Пояснение или замечания</label>
<span class="hint">Войдёт в письмо органу местного самоуправления.</span>
${errors.text ? html`<span class="error-message">${errors.text}</span>` : ''}
<textarea id="d-text" name="text" maxlength="2000">${text}</textarea></div>
<button type="submit">Записать решение и отправить письмо</button>
</form></section>`
    : ''
}`;
}
