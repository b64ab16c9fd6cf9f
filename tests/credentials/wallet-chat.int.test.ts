import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialsWallet } from '../../adapters/assistant/credentials-wallet.js';
import { createCredentialService } from '../../adapters/credentials/credential-service.js';
import { silentLogger } from '../../adapters/logging.js';
import { loadConfiguration } from '../../adapters/configuration.js';
import { isWalletRequest } from '../../src/credentials/wallet-extension.js';
import { readWalletToken } from '../../src/credentials/wallet-link.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import type { Turn } from '../../src/dialogue/turn.js';
import { startAssistantHarness, type AssistantHarness } from '../support/assistant-harness.js';

/** The wallet in the chat, through the real assistant: "vis kursbevisene mine" in nb, nn and en. */

const secret = 'wallet chat secret, thirty-two characters or more';
const configuration = loadConfiguration({
  VEILEDER_CREDENTIAL_SECRET: secret,
  VEILEDER_PUBLIC_URL: 'https://veileder.example.no',
  DATABASE_URL: 'postgresql://unused@127.0.0.1/unused',
});
let wallet: DialogueExtension | undefined;
const delegate: DialogueExtension = { name: 'credentials_wallet', answer: (context) => wallet!.answer!(context) };

let harness: AssistantHarness;
beforeAll(async () => {
  harness = await startAssistantHarness({ extensions: [delegate] });
  [wallet] = await createCredentialsWallet({
    database: harness.database,
    configuration,
    log: silentLogger,
  });
});
afterAll(() => harness?.close());

const turn = (userId: string, input: Partial<Turn>) =>
  harness.assistant.handleTurn({ channel: 'web', userId, ...input });

describe('the credentials wallet in the chat', () => {
  it('recognises the request in three languages and leaves course questions alone', () => {
    for (const text of [
      'vis kursbevisene mine',
      'Vis meg kursbevisene mine!',
      'vis kursbevisa mine',
      'kursbevisa mine',
      'show my credentials',
      'Show me my badges',
      'mine kursbevis',
      'where are my certificates?',
    ]) {
      expect(isWalletRequest(text), text).toBe(true);
    }
    for (const text of [
      'gir kurset kursbevis?',
      'jeg vil ta et kurs som gir sertifikat',
      'what is a verifiable credential',
      'jeg er sykepleier og vil lære om demens',
    ]) {
      expect(isWalletRequest(text), text).toBe(false);
    }
  });

  it('says there are none yet, then lists an issued credential with a working signed wallet link', async () => {
    const empty = await turn('wallet-learner', { text: 'vis kursbevisene mine' });
    expect(empty.text).toContain('Du har ingen kursbevis ennå');
    expect(empty.suggestions).toEqual([]);

    const { rows } = await harness.database.pool.query<{ learner_id: string }>(
      "SELECT learner_id FROM channel_identity WHERE external_id = 'wallet-learner'",
    );
    const learnerId = rows[0]!.learner_id;
    const service = createCredentialService({
      pool: harness.database.pool,
      issuer: { publicUrl: 'https://veileder.example.no', name: 'Læringsportalen' },
      secret: { material: Buffer.from(secret) },
    });
    await service.issue({
      learnerId,
      recipient: { name: 'Siri' },
      achievement: {
        name: 'Arbeid på vei',
        description: 'Arbeidsvarsling, kurs 1.',
        criteriaNarrative: 'Fullført.',
        achievementType: 'Course',
        skills: [],
      },
      evidence: [],
      source: 'adviser',
    });

    const listed = await turn('wallet-learner', { text: 'vis kursbevisene mine', sessionId: empty.sessionId });
    expect(listed.text).toContain('Du har 1 kursbevis');
    expect(listed.text).toContain('• Arbeid på vei');
    const url = /https:\/\/veileder\.example\.no\/wallet\/(\S+)/.exec(listed.text)!;
    expect(
      readWalletToken({ secret: { material: Buffer.from(secret) }, token: url[1]!, now: new Date() }),
    ).toMatchObject({ learnerId });

    const english = await turn('wallet-learner', { text: 'show my credentials', sessionId: empty.sessionId });
    expect(english.text).toMatch(/You have 1 credential\(s\)|Du har 1 kursbevis/);
  });

  it('checks a credential pasted into the chat, and adds one that no learner has yet to the wallet', async () => {
    const service = createCredentialService({
      pool: harness.database.pool,
      issuer: { publicUrl: 'https://veileder.example.no', name: 'Læringsportalen' },
      secret: { material: Buffer.from(secret) },
    });
    const unattached = await service.issue({
      learnerId: null,
      recipient: { name: 'Jonas' },
      achievement: {
        name: 'Truckførerkurs',
        description: 'T1–T4.',
        criteriaNarrative: 'Bestått.',
        achievementType: 'License',
        skills: [],
      },
      evidence: [],
      source: 'provider',
    });
    const opened = await turn('paste-learner', { text: 'hei' });
    const added = await turn('paste-learner', { text: unattached.jwt, sessionId: opened.sessionId });
    expect(added.text).toContain('Truckførerkurs');
    expect(added.text).toMatch(/lommeboka di|in your wallet/);
    expect((await service.store.findById(unattached.id))?.learnerId).not.toBeNull();
    const listed = await turn('paste-learner', { text: 'vis kursbevisene mine', sessionId: opened.sessionId });
    expect(listed.text).toContain('• Truckførerkurs');

    const greeted = await turn('other-learner', { text: 'hei, jeg er snekker' });
    const someoneElse = await turn('other-learner', { text: unattached.jwt, sessionId: greeted.sessionId });
    // A pasted token is the whole message, so the language detector may read it as any of nb, nn or en.
    expect(someoneElse.text).toMatch(/Kursbeviset er ekte|The credential is genuine/);
    expect(someoneElse.text).not.toMatch(/lommeboka di|in your wallet/);
    const [header, payload, signature] = unattached.jwt.split('.') as [string, string, string];
    const tampered = `${header}.${Buffer.from(Buffer.from(payload, 'base64url').toString().replace('Jonas', 'Jonny')).toString('base64url')}.${signature}`;
    const forged = await turn('other-learner', { text: tampered, sessionId: greeted.sessionId });
    expect(forged.text).toMatch(/Signaturen stemmer ikk(e|je)|The signature does not match/);
  });
});
