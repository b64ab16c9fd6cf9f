import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { waitUntil } from './fake-bot-connector.js';

/**
 * A local Slack Web API (the bot's `slackApiUrl`) plus a response_url receiver for slash commands. It answers
 * the methods Veileder calls the way Slack does and records every call with its arguments.
 */
export type SlackCall = { method: string; arguments: Record<string, any> };

export type FakeSlackApi = {
  apiUrl: string;
  /** A response_url to put in slash command payloads; what is posted there is recorded as method "response_url". */
  responseUrl: string;
  calls: SlackCall[];
  waitFor(predicate: (calls: SlackCall[]) => boolean, timeoutMs?: number): Promise<SlackCall[]>;
  close(): Promise<void>;
};

export const fakeSlackIds = { team: 'T0VEILEDER', botUser: 'U0VEILEDER', bot: 'B0VEILEDER' };

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const app = express();
  app.use(express.urlencoded({ extended: false }), express.json());
  let timestamp = 1_700_000_000;
  app.post('/api/:method', (request, response) => {
    const method = String(request.params['method']);
    // The Web API client sends form fields; nested ones (blocks, view) arrive as JSON strings.
    const argumentsGiven = Object.fromEntries(Object.entries(request.body ?? {}).map(([key, value]) => [key, typeof value === 'string' && /^[[{]/.test(value) ? JSON.parse(value) : value]));
    calls.push({ method, arguments: argumentsGiven });
    if (method === 'auth.test') return response.json({ ok: true, url: 'https://veileder-test.slack.com/', team: 'Veileder Test', team_id: fakeSlackIds.team, user_id: fakeSlackIds.botUser, bot_id: fakeSlackIds.bot });
    if (method === 'chat.postMessage') return response.json({ ok: true, channel: argumentsGiven['channel'], ts: `${++timestamp}.000100` });
    if (method === 'views.publish') return response.json({ ok: true, view: { id: 'V1' } });
    response.json({ ok: false, error: 'unknown_method' });
  });
  app.post('/response/:id', (request, response) => {
    calls.push({ method: 'response_url', arguments: request.body });
    response.send('ok');
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: `${base}/response/1`,
    calls,
    waitFor: (predicate, timeoutMs = 10_000) => waitUntil(() => predicate(calls), timeoutMs).then(() => calls),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
