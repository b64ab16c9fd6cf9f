import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearnerMessenger } from '../../adapters/push/enqueue-learner-message.js';
import { createSubscriptionStore } from '../../adapters/push/subscription-store.js';
import type { Reply, Turn } from '../../src/dialogue/turn.js';
import { createPushExtension } from '../../src/push/push-extension.js';
import type { SubscriptionStore } from '../../src/push/subscription-store.js';
import { startAssistantHarness, type AssistantHarness } from '../support/assistant-harness.js';

/**
 * Following in the conversation, through the real assistant: the offer after suggestions comes once and never
 * after a "no" or once following; words and buttons in nb/nn/en follow, list, change and stop; a message
 * delivered to the web is shown at the next visit, once.
 */

let harness: AssistantHarness;
let store: SubscriptionStore | undefined;
// The extension needs the harness's own database, which exists only once the harness has started.
const lateStore = new Proxy({} as SubscriptionStore, {
  get:
    (_target, key) =>
    (...args: unknown[]) =>
      (store as any)[key](...args),
});

beforeAll(async () => {
  harness = await startAssistantHarness({ extensions: [createPushExtension({ store: lateStore })] });
  store = createSubscriptionStore({ pool: harness.database.pool });
}, 300_000);
afterAll(() => harness?.close());

const turn = (userId: string, input: Partial<Turn>) =>
  harness.assistant.handleTurn({ channel: 'web', userId, ...input });
const pushButton = (reply: Reply, command: string) =>
  reply.actions?.find(
    (entry) =>
      entry.action.type === 'extension' && entry.action.extension === 'push' && entry.action.command === command,
  );

async function suggestionsFor(userId: string, text: string): Promise<Reply> {
  const first = await turn(userId, { text: 'hei' });
  await turn(userId, { action: { type: 'consent', given: true }, sessionId: first.sessionId });
  const shown = await turn(userId, { text, sessionId: first.sessionId });
  return shown.suggestions.length > 0
    ? shown
    : turn(userId, { action: { type: 'show_now' }, sessionId: first.sessionId });
}

async function learnerId(userId: string): Promise<string> {
  return (
    await harness.database.pool.query<{ learner_id: string }>(
      `SELECT learner_id FROM channel_identity WHERE channel = 'web' AND external_id = $1`,
      [userId],
    )
  ).rows[0]!.learner_id;
}

describe('following in the conversation', () => {
  it('offers once after suggestions and never again after "no thanks"', async () => {
    const shown = await suggestionsFor('push-decline', 'Jeg er elektriker og vil lære om fornybar energi');
    expect(shown.suggestions.length).toBeGreaterThan(0);
    expect(shown.text).toContain('Vil du at jeg sier fra når det kommer nye kurs');
    const no = pushButton(shown, 'decline')!;
    const declined = await turn('push-decline', { action: no.action, sessionId: shown.sessionId });
    expect(declined.text).toContain('jeg spør ikke igjen');
    const more = await turn('push-decline', {
      text: 'vis meg flere kurs om fornybar energi',
      sessionId: shown.sessionId,
    });
    expect(more.text).not.toContain('Vil du at jeg sier fra');
    // A later conversation does not ask either: the "no" is the learner's, not the conversation's.
    const later = await turn('push-decline', {
      text: 'jeg vil heller lære om ledelse',
      sessionId: 'another-conversation',
    });
    const laterShown =
      later.suggestions.length > 0
        ? later
        : await turn('push-decline', { action: { type: 'show_now' }, sessionId: later.sessionId });
    expect(laterShown.text).not.toContain('Vil du at jeg sier fra');
  }, 120_000);

  it('follows the profile with the button, then lists, changes and stops in words', async () => {
    const shown = await suggestionsFor('push-follow', 'Jeg er sykepleier og vil lære mer om demens');
    const followed = await turn('push-follow', {
      action: pushButton(shown, 'follow')!.action,
      sessionId: shown.sessionId,
    });
    expect(followed.text).toContain('Nå følger du med på nye kurs som passer profilen din');
    const more = await turn('push-follow', { text: 'vis meg flere kurs om demens', sessionId: shown.sessionId });
    expect(more.text).not.toContain('Vil du at jeg sier fra');

    await turn('push-follow', { text: 'følg med på kurs i sveising', sessionId: shown.sessionId });
    await turn('push-follow', { text: 'varsle meg hver måned', sessionId: shown.sessionId });
    await turn('push-follow', { text: 'stille timer 21-08', sessionId: shown.sessionId });
    const listed = await turn('push-follow', { text: 'mine varsler', sessionId: shown.sessionId });
    expect(listed.text).toContain('nye kurs som passer profilen din');
    expect(listed.text).toContain('kurs om «sveising»');
    expect(listed.text).toContain('Oversikt: hver måned. Stille timer: 21–08.');

    const unfollowed = await turn('push-follow', { text: 'stopp sveising', sessionId: shown.sessionId });
    expect(unfollowed.text).toContain('Du følger ikke lenger med på «sveising»');
    // "stopp …" naming nothing followed is the interview's, not ours.
    const other = await turn('push-follow', { text: 'stopp kurs i Bergen', sessionId: shown.sessionId });
    expect(other.text).not.toContain('følger ikke');
    const stopped = await turn('push-follow', { text: 'stopp varsler', sessionId: shown.sessionId });
    expect(stopped.text).toContain('du får ingen flere varsler');
    const id = await learnerId('push-follow');
    const { rows } = await harness.database.pool.query(
      'SELECT (SELECT count(*)::int FROM push_subscription WHERE learner_id = $1) AS subscriptions, (SELECT unsubscribed_at FROM push_preference WHERE learner_id = $1) AS unsubscribed_at',
      [id],
    );
    expect(rows[0].subscriptions).toBe(0);
    expect(rows[0].unsubscribed_at).not.toBeNull();
  }, 120_000);

  it('speaks Nynorsk and English', async () => {
    const nn = await turn('push-nn', { text: 'Eg vil følgje med. Varsle meg om kurs i sveising' });
    expect(nn.text).toContain('No følgjer du med på nye kurs om «sveising»');
    const again = await turn('push-nn', { text: 'følg med på kurs i sveising', sessionId: nn.sessionId });
    expect(again.text).toContain('Du følgjer alt med på dette.');
    const en = await turn('push-en', { text: 'follow courses in welding', locale: 'en-GB' });
    expect(en.text).toContain('You now follow new courses about "welding"');
  }, 60_000);

  it('shows a message delivered to the web at the next visit, once', async () => {
    const first = await turn('push-web', { text: 'hei' });
    const id = await learnerId('push-web');
    const { messageId } = await createLearnerMessenger({ pool: harness.database.pool }).enqueueLearnerMessage({
      learnerId: id,
      kind: 'assignment',
      dedupeKey: `assignment:${id}`,
      text: {
        nb: 'Arbeidsgiveren din foreslår et kurs',
        nn: 'Arbeidsgjevaren din føreslår eit kurs',
        en: 'Your employer suggests a course',
      },
      items: [{ title: 'HMS for bygg', reason: 'Obligatorisk for rollen din' }],
    });
    await harness.database.pool.query(
      `UPDATE push_message SET state = 'sent', channel = 'web', sent_at = CURRENT_TIMESTAMP WHERE id = $1`,
      [messageId],
    );
    const visit = await turn('push-web', { text: 'hei igjen', sessionId: first.sessionId });
    expect(visit.text).toContain('Arbeidsgiveren din foreslår et kurs');
    expect(visit.text).toContain('HMS for bygg');
    const again = await turn('push-web', { text: 'takk', sessionId: first.sessionId });
    expect(again.text).not.toContain('HMS for bygg');
  }, 60_000);
});
