import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { WebUser } from '../auth';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageContext {
  user?: WebUser;
  csrf?: string;
  /** Where the page sits in the navigation (aria-current). */
  nav?: 'today' | 'cases' | 'triage' | 'quarantine' | 'feeds' | 'worksites' | 'places';
  counts?: { triage?: number; quarantine?: number };
  localLabel?: string;
}

const NAV: Array<[PageContext['nav'], string, string]> = [
  ['today', '/', 'Сегодня'],
  ['cases', '/cases', 'Мои дела'],
  ['triage', '/triage', 'Разбор'],
  ['quarantine', '/quarantine', 'Карантин'],
  ['feeds', '/feeds', 'Ленты вакансий'],
  ['worksites', '/worksites', 'Объекты'],
  ['places', '/places', 'Места'],
];

export const csrfField = (token: string | undefined) =>
  html`<input type="hidden" name="_csrf" value="${token ?? ''}">`;

export function layout(ctx: PageContext, title: string, body: Html): Html {
  const count = (key: PageContext['nav']) => {
    const n =
      key === 'triage' ? ctx.counts?.triage : key === 'quarantine' ? ctx.counts?.quarantine : undefined;
    return n ? html` <span class="tag grey" aria-label="${n} ждут">${n}</span>` : '';
  };
  const role = ctx.user?.role === 'head' ? 'начальник инспекции' : 'инспектор';
  return html`<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — УИИ-Связь</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<a class="skip" href="#main">Перейти к содержанию</a>
<header class="top">
  ${ctx.localLabel ? html`<div class="local-banner" role="note">${ctx.localLabel}</div>` : ''}
  <div class="bar">
    <a class="brand" href="/">УИИ-Связь</a>
    ${
      ctx.user
        ? html`<div class="who">${role}, ${ctx.user.officerId ?? ctx.user.email ?? ctx.user.sub} · инспекция ${ctx.user.inspectionId}
      <form class="inline" method="post" action="/sign-out">${csrfField(ctx.csrf)} <button class="link" type="submit">Выйти</button></form></div>`
        : ''
    }
  </div>
</header>
${
  ctx.user
    ? html`<nav class="main" aria-label="Разделы"><ul>${NAV.map(
        ([key, href, label]) =>
          html`<li><a href="${href}"${ctx.nav === key ? html` aria-current="page"` : ''}>${label}${count(key)}</a></li>`,
      )}</ul></nav>`
    : ''
}
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>`;
}

export function errorSummary(errors: Record<string, string>, ids: Record<string, string> = {}): Html {
  const entries = Object.entries(errors);
  if (!entries.length) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1">
<h2>Исправьте, пожалуйста</h2>
<ul>${entries.map(([field, msg]) => html`<li><a href="#${ids[field] ?? field}">${msg}</a></li>`)}</ul>
</div>`;
}

export const plain = (ctx: PageContext, title: string, message: string, status_ru?: string) =>
  layout(
    ctx,
    title,
    html`<h1>${title}</h1><p class="lead">${message}</p>${status_ru ? html`<p>${status_ru}</p>` : ''}<p><a href="/">На главную</a></p>`,
  );
