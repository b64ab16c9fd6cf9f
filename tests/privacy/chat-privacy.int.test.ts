import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataExport } from '../../adapters/assistant/data-export.js';
import { createHttpApp } from '../../adapters/web/server.js';
import { privacyRoutes } from '../../adapters/web/routes/privacy.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import type { Reply, Turn } from '../../src/dialogue/turn.js';
import { startAssistantHarness, type AssistantHarness } from '../support/assistant-harness.js';

/** Consent memory and the data export, through the real assistant and a real HTTP download. */

let harness: AssistantHarness;
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  // The export link names the HTTP server's address, known only once it listens on the harness's database:
  // the assistant gets a stand-in that calls the real extension made afterwards.
  let exportExtension: DialogueExtension | undefined;
  const dataExport: DialogueExtension = { name: 'data_export', answer: (context) => exportExtension!.answer!(context) };
  harness = await startAssistantHarness({ extensions: [dataExport] });
  const app = createHttpApp({ database: harness.database, routes: [privacyRoutes] });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  exportExtension = await createDataExport({ pool: harness.database.pool, baseUrl });
}, 120_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await harness?.close();
});

function learner(userId: string) {
  return {
    say: (text: string, sessionId: string): Promise<Reply> =>
      harness.assistant.handleTurn({ channel: 'web', userId, text, sessionId }),
    act: (action: NonNullable<Turn['action']>, sessionId: string): Promise<Reply> =>
      harness.assistant.handleTurn({ channel: 'web', userId, action, sessionId }),
  };
}

describe('consent is asked once, and a no is remembered', () => {
  it('does not ask again in later conversations after a no, until the learner raises it', async () => {
    const ola = learner('privacy-ola');
    const first = await ola.say('Jeg er elektriker og vil lære om ledelse.', 'ola-1');
    expect(first.suggestions.length).toBeGreaterThan(0);
    expect(first.text).toMatch(/Vil du at jeg husker profilen din/);
    expect(first.text).toMatch(/Personvern: [^\n]*Samtaler blir lagret til du ber meg slette dem\./);
    expect((await ola.act({ type: 'consent', given: false }, 'ola-1')).text).toMatch(/spør ikke om dette igjen/);
    const declined = await harness.database.pool.query(
      "SELECT l.consent_at, l.consent_declined_at FROM learner l JOIN channel_identity c ON c.learner_id = l.id WHERE c.external_id = 'privacy-ola'",
    );
    expect(declined.rows[0]).toEqual({ consent_at: null, consent_declined_at: expect.any(Date) });

    for (const session of ['ola-2', 'ola-3']) {
      const later = await ola.say('Hei, jeg vil lære om ledelse.', session);
      expect(later.suggestions.length).toBeGreaterThan(0);
      expect(later.text).not.toMatch(/husker profilen din/);
      expect(later.actions ?? []).not.toEqual(
        expect.arrayContaining([expect.objectContaining({ action: { type: 'consent', given: true } })]),
      );
    }
    // Raising it himself: a yes clears the remembered no.
    expect((await ola.say('Husk meg', 'ola-3')).text).toMatch(/husker det du forteller/);
    const given = await harness.database.pool.query(
      "SELECT l.consent_at IS NOT NULL AS given, l.consent_declined_at FROM learner l JOIN channel_identity c ON c.learner_id = l.id WHERE c.external_id = 'privacy-ola'",
    );
    expect(given.rows[0]).toEqual({ given: true, consent_declined_at: null });
  });

  it('asks again in each new conversation a learner who has not answered', async () => {
    const kari = learner('privacy-kari');
    // Asked after the first suggestions of each conversation (help first), never before.
    const hello = await kari.say('Hei', 'kari-1');
    expect(hello.text).toMatch(/Personvern:/);
    expect(hello.text).not.toMatch(/husker profilen din/);
    expect((await kari.say('Jeg vil lære om ledelse', 'kari-1')).text).toMatch(/Vil du at jeg husker profilen din/);
    expect((await kari.say('Hei igjen, jeg vil lære om ledelse', 'kari-2')).text).toMatch(
      /Vil du at jeg husker profilen din/,
    );
  });
});

describe('data export in chat', () => {
  it('answers "eksporter dataene mine" with a link to a JSON file of everything stored about the learner', async () => {
    const siri = learner('privacy-siri');
    await siri.say('Jeg er sykepleier og vil lære om demens. Bare vis meg.', 'siri-1');
    await siri.act({ type: 'consent', given: true }, 'siri-1');
    const reply = await siri.say('Eksporter dataene mine', 'siri-1');
    const url = /(http:\/\/127\.0\.0\.1:\d+\/api\/privacy\/export\/[\w-]{43})/.exec(reply.text)?.[1];
    expect(url, reply.text).toBeDefined();
    expect(reply.suggestions).toEqual([]);
    const download = await fetch(url!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(
      /^attachment; filename="veileder-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(download.headers.get('cache-control')).toBe('no-store');
    const exported = (await download.json()) as {
      learnerId: string;
      tables: Record<string, Record<string, unknown>[]>;
    };
    expect(exported.tables.channel_identity).toEqual([
      expect.objectContaining({ external_id: 'privacy-siri', channel: 'web' }),
    ]);
    expect(exported.tables.profile![0]!.data).toMatchObject({
      occupation: { text: expect.stringMatching(/sykepleier/) },
    });
    expect(exported.tables.turn!.some((turn) => turn.text === 'Eksporter dataene mine')).toBe(true);
    expect(exported.tables.recommendation!.length).toBeGreaterThan(0);
    expect(JSON.stringify(exported)).not.toContain('privacy-ola');

    // English and Nynorsk wordings are understood too; a course about data export is not an export request.
    expect((await learner('privacy-en').say('export my data', 'en-1')).text).toMatch(
      /download everything I have stored about you/,
    );
    expect((await learner('privacy-nn').say('last ned dataa mine', 'nn-1')).text).toMatch(/\/api\/privacy\/export\//);
    expect((await siri.say('Jeg vil ta et kurs i dataeksport', 'siri-1')).text).not.toMatch(/\/api\/privacy\/export\//);
  });

  it('refuses an unknown, malformed or forgotten link', async () => {
    expect((await fetch(`${baseUrl}/api/privacy/export/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/privacy/export/short`)).status).toBe(400);
    const gro = learner('privacy-gro');
    const url = /(http:\S+\/api\/privacy\/export\/[\w-]{43})/.exec(
      (await gro.say('last ned dataene mine', 'gro-1')).text,
    )![1]!;
    expect((await fetch(url)).status).toBe(200);
    await gro.say('glem meg', 'gro-1');
    expect((await fetch(url)).status).toBe(404);
  });
});
