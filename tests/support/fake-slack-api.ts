import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { waitUntil } from './fake-bot-connector.js';

/**
 * A local Slack Web API (the bot's `slackApiUrl`) plus a response_url receiver for slash commands. It answers
 * the methods Veileder calls the way Slack does and records every call with its arguments and the token it
 * carried. Workspaces added with `addWorkspace` can be installed through `oauth.v2.access` (an authorization
 * code exchanged for that workspace's bot token); their tokens answer `auth.test` for their own team, and a
 * token `revoke`d (as Slack does at uninstall) is refused from then on. Any other token is the one-workspace
 * app's, team T0VEILEDER.
 */
export type SlackCall = { method: string; arguments: Record<string, any>; token: string | undefined };

export type FakeWorkspace = {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  botId: string;
  installer: string;
};

export type FakeSlackApi = {
  apiUrl: string;
  /** Slack's consent screen (GET), standing in for https://slack.com/oauth/v2/authorize. */
  authorizeUrl: string;
  /** A response_url to put in slash command payloads; what is posted there is recorded as method "response_url". */
  responseUrl: string;
  calls: SlackCall[];
  waitFor(predicate: (calls: SlackCall[]) => boolean, timeoutMs?: number): Promise<SlackCall[]>;
  /**
   * chat.postMessage calls matching `predicate` are recorded (Slack has the message) but answered only at
   * `release()` — the window where the sender may die before it learns the message went out.
   */
  holdPosts(predicate: (call: SlackCall) => boolean): void;
  /** A workspace whose admin, on Slack's consent screen, is handed `code` (the redirect's `?code=`). */
  addWorkspace(workspace: FakeWorkspace & { code: string }): void;
  /** Slack stops accepting this token (uninstalled, or revoked). */
  revoke(token: string): void;
  /** The app's client credentials oauth.v2.access accepts. */
  client: { id: string; secret: string };
  heldPosts(): number;
  release(): void;
  close(): Promise<void>;
};

export const fakeSlackIds = { team: 'T0VEILEDER', botUser: 'U0VEILEDER', bot: 'B0VEILEDER' };

/**
 * Slack refuses a whole message whose blocks break its limits (answering `invalid_blocks`): more than 50
 * blocks, or a section text over 3,000 characters. The refusal is recorded too, so a test sees what was tried.
 */
function blockErrors(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  const errors = blocks.length > 50 ? [`must provide an array with no more than 50 items [json-pointer:/blocks]`] : [];
  blocks.forEach((block, index) => {
    const text = block?.type === 'section' ? block.text?.text : undefined;
    if (typeof text === 'string' && text.length > 3000)
      errors.push(`must be less than 3001 characters [json-pointer:/blocks/${index}/text/text]`);
  });
  return errors;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const client = { id: '1111.2222', secret: 'fake-slack-client-secret' };
  const codes = new Map<string, FakeWorkspace>();
  const byToken = new Map<string, FakeWorkspace>();
  const revoked = new Set<string>();
  const app = express();
  app.use(express.urlencoded({ extended: false, limit: '1mb' }), express.json({ limit: '1mb' }));
  let timestamp = 1_700_000_000;
  let holding: ((call: SlackCall) => boolean) | undefined;
  let held: (() => void)[] = [];
  // Messages as Slack keeps them, per channel, for conversations.history.
  const history = new Map<string, { ts: string; text: unknown; metadata?: unknown }[]>();
  app.post('/api/:method', (request, response) => {
    const method = String(request.params.method);
    // The Web API client sends form fields; nested ones (blocks, view) arrive as JSON strings.
    const argumentsGiven = Object.fromEntries(
      Object.entries(request.body ?? {}).map(([key, value]) => [
        key,
        typeof value === 'string' && /^[[{]/.test(value) ? JSON.parse(value) : value,
      ]),
    );
    const token =
      /^Bearer (.+)$/.exec(request.get('authorization') ?? '')?.[1] ??
      (typeof argumentsGiven.token === 'string' ? argumentsGiven.token : undefined);
    calls.push({ method, arguments: argumentsGiven, token });
    if (method === 'oauth.v2.access') {
      // The client authenticates with HTTP Basic or with client_id and client_secret in the form.
      const basic = /^Basic (.+)$/.exec(request.get('authorization') ?? '')?.[1];
      const [id, secret] = basic
        ? Buffer.from(basic, 'base64').toString('utf8').split(':')
        : [argumentsGiven.client_id, argumentsGiven.client_secret];
      if (id !== client.id || secret !== client.secret) return response.json({ ok: false, error: 'invalid_client_id' });
      const workspace = codes.get(String(argumentsGiven.code));
      if (!workspace) return response.json({ ok: false, error: 'invalid_code' });
      codes.delete(String(argumentsGiven.code));
      return response.json({
        ok: true,
        app_id: 'A0VEILEDER',
        authed_user: { id: workspace.installer },
        scope: 'app_mentions:read,chat:write,commands,im:history,im:read,im:write',
        token_type: 'bot',
        access_token: workspace.botToken,
        bot_user_id: workspace.botUserId,
        team: { id: workspace.teamId, name: workspace.teamName },
        enterprise: null,
        is_enterprise_install: false,
      });
    }
    if (token && revoked.has(token)) return response.json({ ok: false, error: 'token_revoked' });
    const workspace = token ? byToken.get(token) : undefined;
    const invalid = blockErrors(argumentsGiven.blocks);
    if (invalid.length > 0) return response.json({ ok: false, error: 'invalid_blocks', errors: invalid });
    if (method === 'auth.test' && workspace)
      return response.json({
        ok: true,
        url: `https://${workspace.teamId.toLowerCase()}.slack.com/`,
        team: workspace.teamName,
        team_id: workspace.teamId,
        user_id: workspace.botUserId,
        bot_id: workspace.botId,
      });
    if (method === 'auth.test')
      return response.json({
        ok: true,
        url: 'https://veileder-test.slack.com/',
        team: 'Veileder Test',
        team_id: fakeSlackIds.team,
        user_id: fakeSlackIds.botUser,
        bot_id: fakeSlackIds.bot,
      });
    if (method === 'chat.postMessage') {
      const channel = String(argumentsGiven.channel);
      const ts = `${++timestamp}.000100`;
      history.set(channel, [
        {
          ts,
          text: argumentsGiven.text,
          ...(argumentsGiven.metadata ? { metadata: argumentsGiven.metadata } : {}),
        },
        ...(history.get(channel) ?? []),
      ]);
      const answer = () => response.json({ ok: true, channel, ts });
      if (holding?.({ method, arguments: argumentsGiven, token })) held.push(answer);
      else answer();
      return;
    }
    if (method === 'conversations.open')
      return response.json({ ok: true, channel: { id: `D${String(argumentsGiven.users)}` } });
    if (method === 'conversations.history') {
      const messages = history.get(String(argumentsGiven.channel)) ?? [];
      const withMetadata =
        argumentsGiven.include_all_metadata === 'true' || argumentsGiven.include_all_metadata === true;
      return response.json({
        ok: true,
        messages: messages.map((message) => (withMetadata ? message : { ts: message.ts, text: message.text })),
        has_more: false,
      });
    }
    if (method === 'views.publish') return response.json({ ok: true, view: { id: 'V1' } });
    response.json({ ok: false, error: 'unknown_method' });
  });
  // Slack's consent screen, where a browser test lands after "Add to Slack" (the authorize URL's host swapped for ours).
  app.get('/oauth/v2/authorize', (request, response) => {
    calls.push({ method: 'oauth/v2/authorize', arguments: { ...request.query }, token: undefined });
    response
      .type('html')
      .send(
        `<!doctype html><title>Slack</title><h1>Veileder ber om tilgang</h1><p id="scopes">${String(request.query.scope ?? '').replace(/[<>&"]/g, '')}</p>`,
      );
  });
  app.post('/response/:id', (request, response) => {
    calls.push({ method: 'response_url', arguments: request.body, token: undefined });
    if (blockErrors(request.body?.blocks).length > 0) return void response.status(400).send('invalid_blocks');
    response.send('ok');
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    authorizeUrl: `${base}/oauth/v2/authorize`,
    responseUrl: `${base}/response/1`,
    calls,
    waitFor: (predicate, timeoutMs = 10_000) => waitUntil(() => predicate(calls), timeoutMs).then(() => calls),
    holdPosts: (predicate) => (holding = predicate),
    addWorkspace({ code, ...workspace }) {
      codes.set(code, workspace);
      byToken.set(workspace.botToken, workspace);
    },
    revoke: (token) => void revoked.add(token),
    client,
    heldPosts: () => held.length,
    release() {
      holding = undefined;
      const answers = held;
      held = [];
      for (const answer of answers) answer();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
