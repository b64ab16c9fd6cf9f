import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

/**
 * A local stand-in for the Bot Framework Connector service: the bot sends its replies to the activity's
 * `serviceUrl`, so tests point that at this server and read what the bot sent.
 */
type SentActivity = { conversationId: string; replyToId: string | undefined; activity: Record<string, any> };

export type FakeBotConnector = {
  serviceUrl: string;
  sent: SentActivity[];
  /** Resolves once the sent activities satisfy `predicate` (polls; fails after `timeoutMs`). */
  waitFor(predicate: (sent: SentActivity[]) => boolean, timeoutMs?: number): Promise<SentActivity[]>;
  /**
   * Holds activities matching `predicate` unanswered and unrecorded — the Connector has not accepted them —
   * until `release()`; one whose sender went away meanwhile (its process was killed) is dropped, not recorded.
   * `held` counts the requests waiting.
   */
  hold(predicate: (activity: Record<string, any>) => boolean): void;
  held(): number;
  release(): void;
  close(): Promise<void>;
};

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const sent: SentActivity[] = [];
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  let counter = 0;
  let holding: ((activity: Record<string, any>) => boolean) | undefined;
  let waiting: { request: express.Request; response: express.Response }[] = [];
  const record = (request: express.Request, response: express.Response) => {
    if (holding?.(request.body)) {
      waiting.push({ request, response });
      return;
    }
    accept(request, response);
  };
  const accept = (request: express.Request, response: express.Response) => {
    if (response.destroyed || request.socket.destroyed) return;
    const conversationId = String(request.params.conversationId);
    const replyToId = request.params.activityId === undefined ? undefined : String(request.params.activityId);
    sent.push({ conversationId, replyToId, activity: request.body });
    response.json({ id: `sent-${++counter}` });
  };
  app.post('/v3/conversations/:conversationId/activities/:activityId', record);
  app.post('/v3/conversations/:conversationId/activities', record);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    sent,
    waitFor: (predicate, timeoutMs = 10_000) => waitUntil(() => predicate(sent), timeoutMs).then(() => sent),
    hold: (predicate) => (holding = predicate),
    held: () => waiting.filter((entry) => !entry.request.socket.destroyed).length,
    release() {
      holding = undefined;
      const released = waiting;
      waiting = [];
      for (const entry of released) accept(entry.request, entry.response);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
