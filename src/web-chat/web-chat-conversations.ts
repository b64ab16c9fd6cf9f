/**
 * The port for the web chat's conversations as a polling client sees them (Bot Framework Direct Line, served
 * by adapters/web/direct-line; implemented in adapters/storage/direct-line-conversation-store.ts). They are
 * kept where every process reads them, so a client may poll any process; an activity's sequence in its
 * conversation is the client's watermark. The assistant's own memory keeps what matters, so a conversation
 * that idled out only means a client starts a new one.
 */
export type WebChatActivity = Record<string, unknown> & { type: string; id?: string };

export type WebChatConversations = {
  /** A new, empty conversation; first purges the idle ones. */
  create(): Promise<string>;
  /** Makes sure a conversation a valid token names is there (it may have idled out) and marks it used. */
  open(conversationId: string): Promise<void>;
  /**
   * Stores the activity and returns its id. `limited` activities (the client's) are refused once the
   * conversation holds its maximum count or bytes; the bot's replies are not, as each answers an accepted one.
   */
  append(
    conversationId: string,
    activity: WebChatActivity,
    options: { limited: boolean },
  ): Promise<{ kind: 'appended'; id: string } | { kind: 'refused' }>;
  /** The activities from `watermark` on, at most one page, with id, timestamp and conversation stamped on. */
  since(conversationId: string, watermark: number): Promise<{ activities: WebChatActivity[]; watermark: number }>;
};
