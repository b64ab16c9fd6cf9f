import type { Reply, Turn } from '../../src/dialogue/turn.js';

/** What every channel adapter calls: the assistant's `handleTurn`, already composed with its dependencies. */
export type TurnHandler = (turn: Turn) => Promise<Reply>;
