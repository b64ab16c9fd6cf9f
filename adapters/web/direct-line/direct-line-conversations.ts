import { randomBytes } from 'node:crypto';

/**
 * Direct Line conversations held in memory: each keeps its activities in order, and a client's watermark is
 * simply how many it has seen. Idle conversations are dropped after an hour; the assistant's own memory
 * (PostgreSQL) keeps what matters, so a dropped transcript only means a client starts a new conversation.
 */
export type DirectLineActivity = Record<string, unknown> & { type: string; id?: string };

type Conversation = { id: string; activities: DirectLineActivity[]; lastUsedAt: number };

export class DirectLineFullError extends Error {
  override readonly name = 'DirectLineFullError';
}

export type DirectLineConversations = {
  /** Throws DirectLineFullError when `maxConversations` are open (a flood must not exhaust memory). */
  create(): string;
  /** Makes sure a conversation a valid token names is there (it may have idled out or the server restarted). */
  open(conversationId: string): void;
  /** Stamps id, timestamp and conversation on the activity, appends it and returns its id. */
  append(conversationId: string, activity: DirectLineActivity): string;
  since(conversationId: string, watermark: number): { activities: DirectLineActivity[]; watermark: number };
};

export function createDirectLineConversations(options: { idleMinutes?: number; maxActivities?: number; maxConversations?: number; now?: () => number } = {}): DirectLineConversations {
  const idleMs = (options.idleMinutes ?? 60) * 60_000;
  const maxConversations = options.maxConversations ?? 20_000;
  const maxActivities = options.maxActivities ?? 1000;
  const now = options.now ?? Date.now;
  const conversations = new Map<string, Conversation>();

  function sweep() {
    const cutoff = now() - idleMs;
    for (const [id, conversation] of conversations) if (conversation.lastUsedAt < cutoff) conversations.delete(id);
  }

  function get(conversationId: string): Conversation | undefined {
    const conversation = conversations.get(conversationId);
    if (conversation) conversation.lastUsedAt = now();
    return conversation;
  }

  return {
    create() {
      sweep();
      if (conversations.size >= maxConversations) throw new DirectLineFullError(`${conversations.size} Direct Line conversations are open`);
      const id = randomBytes(12).toString('base64url');
      conversations.set(id, { id, activities: [], lastUsedAt: now() });
      return id;
    },
    open(conversationId) {
      if (!get(conversationId)) conversations.set(conversationId, { id: conversationId, activities: [], lastUsedAt: now() });
    },
    append(conversationId, activity) {
      const conversation = get(conversationId);
      if (!conversation) throw new Error(`Direct Line conversation ${conversationId} is gone`);
      if (conversation.activities.length >= maxActivities) throw new DirectLineFullError(`Direct Line conversation ${conversationId} has ${maxActivities} activities`);
      const id = `${conversationId}|${String(conversation.activities.length).padStart(7, '0')}`;
      conversation.activities.push({ ...activity, id, timestamp: new Date(now()).toISOString(), channelId: 'directline', conversation: { id: conversationId } });
      return id;
    },
    since(conversationId, watermark) {
      const activities = get(conversationId)?.activities ?? [];
      const from = Math.max(0, Math.min(watermark, activities.length));
      return { activities: activities.slice(from), watermark: activities.length };
    },
  };
}
