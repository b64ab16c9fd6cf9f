import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnVeileder } from './support/spawn-veileder.js';

// README's first command on a fresh machine: `npm start` (= `veileder serve`) with no DATABASE_URL, which
// must create the embedded database, migrate, seed the taxonomy and the demo catalogue, and serve.
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'veileder-start-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

it('starts on a fresh data folder with the demo catalogue, stops on SIGTERM, and starts again without re-importing', async () => {
  const first = await spawnVeileder({ environment: { VEILEDER_DATA_DIR: dataDir } });
  try {
    expect(first.log()).toContain('Imported the taxonomy seed');
    expect(first.log()).toContain('Imported the demo catalogue');
    const body = (await (await fetch(`${first.url}/api/offerings?pageSize=5`)).json()) as {
      total: number;
      offerings: { title: string; sources: { source: string }[] }[];
    };
    expect(body.total).toBeGreaterThan(1000);
    expect(body.offerings).toHaveLength(5);
    expect(body.offerings[0]?.sources[0]?.source).toBeTruthy();
    expect(((await (await fetch(`${first.url}/health`)).json()) as { database: string }).database).toBe('embedded');
  } finally {
    expect(await first.stop()).toBe(0);
  }
  expect(first.log()).toContain('Stopped');

  const second = await spawnVeileder({ environment: { VEILEDER_DATA_DIR: dataDir } });
  try {
    expect(second.log()).not.toContain('Imported');
    const body = (await (await fetch(`${second.url}/api/offerings?pageSize=1`)).json()) as { total: number };
    expect(body.total).toBeGreaterThan(1000);
    // A conversation on the embedded database: its turns' statements are prepared once per connection there too.
    const chat = async (text: string, sessionId?: string) => {
      const response = await fetch(`${second.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, ...(sessionId ? { sessionId } : {}) }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { sessionId: string; reply: { suggestions: unknown[] } };
    };
    const opened = await chat('Jeg er sykepleier og vil lære mer om ledelse');
    for (const text of ['Helst på nett', 'flere forslag', 'Hvorfor nr 2?']) {
      const next = await chat(text, opened.sessionId);
      expect(next.sessionId).toBe(opened.sessionId);
    }
    expect(opened.reply.suggestions.length).toBeGreaterThan(0);
  } finally {
    expect(await second.stop()).toBe(0);
  }
}, 300_000); // two cold starts of the whole product; how long they take is for bench:startup, not this test
