import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearnerMessenger } from '../../adapters/push/enqueue-learner-message.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** The push port other features use (organisations' assignments and reminders): one row per dedupe key, cascading with the learner. */

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

async function learner(): Promise<string> {
  const { rows } = await database.pool.query<{ id: string }>('INSERT INTO learner DEFAULT VALUES RETURNING id');
  return rows[0]!.id;
}

describe('enqueueLearnerMessage', () => {
  it('stores a message once per dedupe key and hands its id to the job runner', async () => {
    const learnerId = await learner();
    const started: string[] = [];
    const messenger = createLearnerMessenger({ pool: database.pool, onEnqueued: (id) => started.push(id) });
    const message = {
      learnerId,
      kind: 'assignment' as const,
      dedupeKey: `assignment:${learnerId}:1`,
      text: {
        nb: 'Arbeidsgiveren din foreslår et kurs',
        nn: 'Arbeidsgjevaren din føreslår eit kurs',
        en: 'Your employer suggests a course',
      },
      items: [
        {
          title: 'HMS for bygg',
          provider: 'Byggskolen',
          url: 'https://example.no/hms',
          reason: 'Obligatorisk for rollen din',
        },
      ],
      buttons: [{ label: 'Godta', extension: 'organisations', command: 'accept', data: { assignmentId: '1' } }],
    };
    const first = await messenger.enqueueLearnerMessage(message);
    const again = await messenger.enqueueLearnerMessage({ ...message, text: 'changed' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ messageId: first.messageId, created: false });
    expect(started).toEqual([first.messageId]);
    const { rows } = await database.pool.query('SELECT kind, state, payload FROM push_message WHERE learner_id = $1', [
      learnerId,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].state).toBe('pending');
    expect(rows[0].payload.text.en).toBe('Your employer suggests a course');
    expect(rows[0].payload.buttons[0].command).toBe('accept');
  });

  it('rejects a message without a dedupe key or text, and goes with the learner', async () => {
    const learnerId = await learner();
    const messenger = createLearnerMessenger({ pool: database.pool });
    await expect(
      messenger.enqueueLearnerMessage({ learnerId, kind: 'reminder', dedupeKey: '', text: 'x' }),
    ).rejects.toThrow();
    await expect(
      messenger.enqueueLearnerMessage({ learnerId, kind: 'reminder', dedupeKey: 'k', text: '' }),
    ).rejects.toThrow();
    await messenger.enqueueLearnerMessage({
      learnerId,
      kind: 'reminder',
      dedupeKey: `reminder:${learnerId}`,
      text: 'Påminnelse',
    });
    await database.pool.query('DELETE FROM learner WHERE id = $1', [learnerId]);
    const { rows } = await database.pool.query(
      'SELECT count(*)::int AS count FROM push_message WHERE learner_id = $1',
      [learnerId],
    );
    expect(rows[0].count).toBe(0);
  });
});
