import type { TurnAction } from '../src/dialogue/turn.js';

/**
 * One learner's conversation, one turn of each kind: a first message (which already gets suggestions), a turn
 * with suggestions, "flere forslag", a rating and a question answered without suggestions. bench:turns sends
 * them over HTTP, bench:turn-cpu in process.
 */
export const turnKinds: readonly (readonly [string, { text?: string; action?: TurnAction }])[] = [
  ['first message', { text: 'Hei! Jeg er sykepleier og vil lære mer om ledelse' }],
  ['with suggestions', { text: 'Helst på nett, og gjerne gratis' }],
  ['flere forslag', { text: 'flere forslag' }],
  ['rating', { action: { type: 'rate', score: 5 } }],
  ['question', { text: 'Hvorfor nr 2?' }],
];
