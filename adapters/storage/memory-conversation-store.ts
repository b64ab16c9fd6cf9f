import { randomUUID } from 'node:crypto';
import { profileSchema, type Language, type Profile } from '../../src/profile/profile.js';
import type { BegunTurn, ConversationStore, RatingSummary } from '../../src/dialogue/conversation-store.js';
import type { Channel, TurnAction } from '../../src/dialogue/turn.js';

/**
 * The assistant's memory in the process: the same behaviour as the PostgreSQL store
 * (adapters/storage/conversation-store.ts; tests/support/conversation-store-contract.ts holds both to it),
 * kept in maps and gone when the process ends. For running the assistant without a database (a developer's
 * machine, dialogue tests). Adviser reviews live only in PostgreSQL, so here only the learner's own poor
 * ratings make an offering declined.
 */

type MemoryLearner = {
  id: string;
  consentAt: Date | null;
  consentDeclinedAt: Date | null;
  lastSeenAt: Date;
};

type MemoryConversation = {
  id: string;
  learnerId: string;
  channel: Channel;
  sessionKey: string | null;
  state: unknown;
  language: Language | null;
  lastTurnAt: Date;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
};

type MemoryTurn = {
  id: string;
  conversationId: string;
  role: 'user' | 'assistant';
  text: string;
  action: TurnAction | null;
  language: Language | null;
  understanding: unknown;
  createdAt: Date;
};

type MemoryRecommendation = {
  id: string;
  turnId: string;
  conversationId: string;
  offeringId: string;
  rank: number;
  score: number;
  reasons: unknown;
};

type MemoryRating = {
  id: string;
  learnerId: string;
  offeringId: string | null;
  recommendationId: string | null;
  turnId: string | null;
  score: number;
  text: string | null;
  createdAt: Date;
};

/** What the store holds, as the tables of the PostgreSQL store name it (for tests that look at what was kept). */
type MemoryConversationRecords = {
  learners: readonly MemoryLearner[];
  identities: readonly { learnerId: string; channel: Channel; externalId: string }[];
  profiles: readonly { learnerId: string; profile: Profile }[];
  conversations: readonly MemoryConversation[];
  turns: readonly MemoryTurn[];
  recommendations: readonly MemoryRecommendation[];
  ratings: readonly MemoryRating[];
};

export type MemoryConversationStore = ConversationStore & {
  /** A copy of everything held, oldest first. */
  records(): MemoryConversationRecords;
};

export function createMemoryConversationStore(options: { now?: () => Date } = {}): MemoryConversationStore {
  // Strictly increasing, so "after the last reply" and "latest rating" never tie within one millisecond.
  let last = 0;
  const now = () => {
    const time = Math.max((options.now ?? (() => new Date()))().getTime(), last + 1);
    last = time;
    return new Date(time);
  };
  const learners = new Map<string, MemoryLearner>();
  const identities = new Map<string, { learnerId: string; channel: Channel; externalId: string }>();
  const profiles = new Map<string, unknown>();
  const conversations = new Map<string, MemoryConversation>();
  const turns = new Map<string, MemoryTurn>();
  const recommendations: MemoryRecommendation[] = [];
  let ratings: MemoryRating[] = [];

  const identityKey = (channel: Channel, externalId: string) => JSON.stringify([channel, externalId]);
  // What goes in comes back as PostgreSQL's json columns give it back: a copy, in JSON's terms.
  const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

  const declinedOfferings = (learnerId: string): string[] => {
    const latest = new Map<string, MemoryRating>();
    for (const rating of ratings) {
      if (rating.learnerId !== learnerId || rating.offeringId === null) continue;
      const earlier = latest.get(rating.offeringId);
      if (!earlier || earlier.createdAt <= rating.createdAt) latest.set(rating.offeringId, rating);
    }
    return [...latest.values()].filter((rating) => rating.score <= 2).map((rating) => rating.offeringId as string);
  };

  /** The latest message of the conversation after its last reply (one that never got answered). */
  const unansweredIn = (conversationId: string): string | null => {
    const said = [...turns.values()].filter((turn) => turn.conversationId === conversationId);
    const lastReply = Math.max(
      -Infinity,
      ...said.filter((turn) => turn.role === 'assistant').map((turn) => turn.createdAt.getTime()),
    );
    const waiting = said.filter(
      (turn) => turn.role === 'user' && turn.text !== '' && turn.createdAt.getTime() > lastReply,
    );
    return waiting.at(-1)?.text ?? null;
  };

  return {
    async beginTurn(input): Promise<BegunTurn> {
      const at = now();
      const key = identityKey(input.channel, input.userId);
      let learner = learners.get(identities.get(key)?.learnerId ?? '');
      const learnerExisted = learner !== undefined;
      if (!learner) {
        learner = { id: randomUUID(), consentAt: null, consentDeclinedAt: null, lastSeenAt: at };
        learners.set(learner.id, learner);
        identities.set(key, { learnerId: learner.id, channel: input.channel, externalId: input.userId });
      }
      learner.lastSeenAt = at;
      const learnerId = learner.id;

      // Same rule as the SQL store: a key continues its own conversation, or the keyless one it names by id.
      const sessionKey = input.sessionKey ?? null;
      const idleSince = at.getTime() - input.idleMinutes * 60_000;
      const open = [...conversations.values()]
        .filter(
          (conversation) =>
            conversation.learnerId === learnerId &&
            conversation.channel === input.channel &&
            (conversation.sessionKey === sessionKey ||
              (conversation.sessionKey === null && conversation.id === sessionKey)) &&
            conversation.lastTurnAt.getTime() > idleSince,
        )
        .sort((a, b) => b.lastTurnAt.getTime() - a.lastTurnAt.getTime());
      let conversation = open[0];
      const conversationIsNew = conversation === undefined;
      const unanswered = conversation ? unansweredIn(conversation.id) : null;
      let learnerIsReturning = false;
      if (!conversation) {
        learnerIsReturning =
          learnerExisted && [...conversations.values()].some((earlier) => earlier.learnerId === learnerId);
        conversation = {
          id: randomUUID(),
          learnerId,
          channel: input.channel,
          sessionKey,
          state: {},
          language: null,
          lastTurnAt: at,
          promptTokens: 0,
          completionTokens: 0,
          costUsd: 0,
        };
        conversations.set(conversation.id, conversation);
      }
      const userTurnId = randomUUID();
      turns.set(userTurnId, {
        id: userTurnId,
        conversationId: conversation.id,
        role: 'user',
        text: input.text,
        action: input.action ? asJson(input.action) : null,
        language: null,
        understanding: null,
        createdAt: at,
      });
      conversation.lastTurnAt = at;

      const parsedProfile = profiles.has(learnerId) ? profileSchema.safeParse(profiles.get(learnerId)) : undefined;
      return {
        learnerId,
        conversationId: conversation.id,
        userTurnId,
        conversationIsNew,
        learnerIsReturning,
        profile: parsedProfile?.success ? parsedProfile.data : null,
        consentGiven: learner.consentAt !== null,
        consentDeclined: learner.consentDeclinedAt !== null,
        declinedOfferingIds: declinedOfferings(learnerId),
        state: asJson(conversation.state),
        language: conversation.language,
        unanswered,
        // This store is not told how to see what waits for an extension: each looks for itself.
        waiting: {},
      };
    },

    async finishTurn(input) {
      const conversation = conversations.get(input.conversationId);
      if (!conversation) return;
      const at = now();
      const userTurn = turns.get(input.userTurnId);
      if (userTurn) userTurn.understanding = asJson(input.understanding);
      turns.set(input.replyTurnId, {
        id: input.replyTurnId,
        conversationId: conversation.id,
        role: 'assistant',
        text: input.reply.text,
        action: null,
        language: input.reply.language,
        understanding: null,
        createdAt: at,
      });
      for (const recommendation of input.recommendations)
        recommendations.push({
          ...asJson(recommendation),
          turnId: input.replyTurnId,
          conversationId: conversation.id,
        });
      if (input.profile) profiles.set(input.learnerId, asJson(input.profile));
      conversation.state = asJson(input.state);
      conversation.language = input.reply.language;
      conversation.lastTurnAt = at;
      conversation.promptTokens += input.usage.promptTokens;
      conversation.completionTokens += input.usage.completionTokens;
      conversation.costUsd += input.usage.costUsd;
    },

    // Rating an offering again replaces the learner's earlier rating of it: averages count people, not clicks.
    async addRating(input) {
      const offeringId = input.offeringId ?? null;
      if (offeringId !== null)
        ratings = ratings.filter((rating) => rating.learnerId !== input.learnerId || rating.offeringId !== offeringId);
      ratings.push({
        id: randomUUID(),
        learnerId: input.learnerId,
        offeringId,
        recommendationId: input.recommendationId ?? null,
        turnId: input.turnId ?? null,
        score: input.score,
        text: input.text ?? null,
        createdAt: now(),
      });
    },

    async ratingSummaries(offeringIds) {
      const summaries = new Map<string, RatingSummary>();
      for (const offeringId of new Set(offeringIds)) {
        const scores = ratings.filter((rating) => rating.offeringId === offeringId).map((rating) => rating.score);
        if (scores.length > 0)
          summaries.set(offeringId, {
            average: scores.reduce((sum, score) => sum + score, 0) / scores.length,
            count: scores.length,
          });
      }
      return summaries;
    },

    async setConsent(input) {
      const learner = learners.get(input.learnerId);
      if (!learner) return;
      learner.consentAt = input.given ? now() : null;
      learner.consentDeclinedAt = input.given ? null : now();
      if (!input.given) profiles.delete(input.learnerId);
    },

    async forgetLearner(learnerId) {
      learners.delete(learnerId);
      profiles.delete(learnerId);
      for (const [key, identity] of identities) if (identity.learnerId === learnerId) identities.delete(key);
      const gone = new Set(
        [...conversations.values()].filter((conversation) => conversation.learnerId === learnerId).map((c) => c.id),
      );
      for (const id of gone) conversations.delete(id);
      for (const [id, turn] of turns) if (gone.has(turn.conversationId)) turns.delete(id);
      recommendations.splice(
        0,
        recommendations.length,
        ...recommendations.filter((recommendation) => !gone.has(recommendation.conversationId)),
      );
      ratings = ratings.filter((rating) => rating.learnerId !== learnerId);
    },

    records() {
      const profileRows = [...profiles].flatMap(([learnerId, data]) => {
        const parsed = profileSchema.safeParse(data);
        return parsed.success ? [{ learnerId, profile: parsed.data }] : [];
      });
      return structuredClone({
        learners: [...learners.values()],
        identities: [...identities.values()],
        profiles: profileRows,
        conversations: [...conversations.values()],
        turns: [...turns.values()],
        recommendations,
        ratings,
      });
    },
  };
}
