import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RetrievalService } from '../../adapters/index/retrieval-service.js';
import { createJobLearning } from '../../adapters/assistant/job-learning.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import type { Turn } from '../../src/dialogue/turn.js';
import { startAssistantHarness, type AssistantHarness } from '../support/assistant-harness.js';
import { seedOrganisationWorld } from './organisation-fixture.js';

/**
 * "Hva bør jeg lære i jobben min?" through the real assistant, as a channel receives it: suggestion cards with
 * reasons (what web chat, Teams and Slack render), the same as numbered lines in the text, the gaps said
 * plainly, and the gaps kept as demand for the learner.
 */

let harness: AssistantHarness;
let world: { retrieval: RetrievalService; cleanUp(): Promise<void> };
let real: DialogueExtension | undefined;
const lazy: DialogueExtension = {
  name: 'job_learning',
  answer: async (context) => (await real?.answer?.(context)) ?? null,
};

beforeAll(async () => {
  harness = await startAssistantHarness({ extensions: [lazy] });
  world = await seedOrganisationWorld(harness.database);
  real = await createJobLearning({
    database: harness.database,
    recommender: world.retrieval.recommender,
    occupations: harness.occupations,
  });
});
afterAll(async () => {
  await world?.cleanUp();
  await harness?.close();
});

const turn = (input: Partial<Turn>) =>
  harness.assistant.handleTurn({ channel: 'teams', userId: 'snekker-1', ...input });

it('asks for the job, then answers with cards that say why, and the gaps plainly', async () => {
  const asked = await turn({ text: 'Hva bør jeg lære i jobben min?' });
  expect(asked.text).toContain('Hva jobber du som?');
  expect(asked.suggestions).toEqual([]);

  const answered = await turn({ text: 'tømrer', sessionId: asked.sessionId });
  const cards = answered.suggestions;
  expect(cards.length).toBeGreaterThan(0);
  // Every card is a whole suggestion (title, provider, price, link) with the evidence as its reason.
  for (const card of cards) {
    expect(card.title).not.toBe('');
    expect(card.price).not.toBe('');
    expect(card.reason).toMatch(
      /^(Lærer bort det jobben krever: «|Bygger på fagbrevet|Kurs eller sertifikat|Videreutdanning i faget)/,
    );
  }
  expect(cards.find((card) => card.reason.includes('«apply wood finishes»'))).toBeDefined();
  for (const [index, card] of cards.entries())
    expect(answered.text).toContain(`${index + 1}. ${card.title} – ${card.provider}`);
  expect(answered.text).toContain('Ingen tilbud i katalogen lærer bort');

  const { rows } = await harness.database.pool.query<{ skill_label: string; county: string | null }>(
    `SELECT g.skill_label, g.county FROM conversation_skill_gap g
       JOIN channel_identity c ON c.learner_id = g.learner_id WHERE c.external_id = 'snekker-1'`,
  );
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(answered.text).toContain(`«${row.skill_label}»`);
  expect(rows.every((row) => row.county === null)).toBe(true); // the learner named no place and has no organisation
});
