import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdviserStore, type AdviserRole } from '../../adapters/storage/adviser-store.js';
import type { Database } from '../../adapters/storage/database.js';
import { createAdviserRoutes } from '../../adapters/web/advisers/advisers-router.js';
import { hashPassword } from '../../adapters/web/advisers/passwords.js';
import type { RouteModule } from '../../adapters/web/routes/route-module.js';
import { createHttpApp, type CreateHttpAppOptions } from '../../adapters/web/server.js';
import { defaultAdviserSettings, type AdviserSettings } from '../../adapters/web/advisers/adviser-settings.js';

/**
 * The advisers' workspace on a real HTTP server, with a clock the test moves, and a tiny browser-like client
 * (a cookie jar, no redirects followed) to drive it the way a browser would.
 */

export type WorkspaceServer = { url: string; clock: { now: Date; advance(ms: number): void }; close(): Promise<void> };

export async function startWorkspace(options: {
  database: Database;
  settings?: Partial<AdviserSettings>;
  publicUrl?: string;
  routes?: RouteModule[];
  app?: Partial<CreateHttpAppOptions>;
}): Promise<WorkspaceServer> {
  const clock = {
    now: new Date('2026-11-30T09:00:00.000Z'),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const app = createHttpApp({
    database: options.database,
    routes: [...(options.routes ?? []), createAdviserRoutes({ now: () => clock.now })],
    advisers: { ...defaultAdviserSettings, ...options.settings },
    publicUrl: options.publicUrl,
    ...options.app,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clock,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function addAdviser(
  database: Database,
  account: { email: string; password: string; role?: AdviserRole; name?: string },
) {
  const created = await createAdviserStore({ pool: database.pool }).create({
    email: account.email,
    name: account.name ?? null,
    role: account.role ?? 'adviser',
    passwordHash: await hashPassword(account.password),
  });
  return created!;
}

export class WorkspaceClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  async request(
    path: string,
    init: {
      method?: string;
      form?: Record<string, string | string[]>;
      headers?: Record<string, string>;
      json?: unknown;
    } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(init.form))
        for (const item of [value].flat()) params.append(name, item);
      body = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(new URL(path, this.baseUrl), {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** The CSRF token of the page at `path` (its hidden `_csrf` field). */
  async csrfToken(path = '/advisers/sign-in'): Promise<string> {
    const html = await (await this.request(path)).text();
    const match = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!match) throw new Error(`no _csrf field on ${path}`);
    return match[1]!;
  }

  async signIn(email: string, password: string): Promise<Response> {
    const _csrf = await this.csrfToken('/advisers/sign-in');
    return this.request('/advisers/sign-in', { form: { email, password, _csrf } });
  }
}
