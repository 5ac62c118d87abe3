import type { Context } from 'hono';
import type { WebDeps } from './app';
import type { WebUser } from './auth';
import type { WebData } from './data';
import type { Html, PageContext } from './views/layout';

export type Env = { Variables: { user: WebUser; session: string } };

/** What route modules share with the app: the stores, rendering, refusals and access checks. */
export interface RouteKit {
  deps: WebDeps;
  data: WebData;
  log: (message: string, fields: Record<string, unknown>) => void;
  render: (
    c: Context<Env>,
    nav: PageContext['nav'],
    title: string,
    body: Html,
    status?: number,
  ) => Promise<Response>;
  refuse: (c: Context<Env>) => Response | Promise<Response>;
  loadCase: (
    c: Context<Env>,
    id: string,
  ) => Promise<
    | { status: 404 }
    | { status: 403 }
    | { status: 200; stored: NonNullable<Awaited<ReturnType<WebData['cases']['getCase']>>> }
  >;
  pageCtx: (c: Context<Env>, nav?: PageContext['nav']) => PageContext;
}
