import type { QuestionKind } from '../src/dialogue/dialogue-state.js';

/**
 * A scripted learner for the interview eval. The need's text is split into 2–3 messages; the first is sent
 * as the opening, and each question is answered only with a part of the need that speaks to it — else
 * "vet ikke" / "don't know". The patterns say which kind of fact a part carries, in general phrasing.
 */

const factPatterns: Record<QuestionKind, RegExp> = {
  role: /\b(jeg er|eg er|i am|i'm|jobber|jobbar|arbeider|arbeidar|work as|work in|working as|har fagbrev|utdannet|utdanna)\b/i,
  goal: /\b(vil|ønsker|ønskjer|want|would like|lære|læra|learn|bli|verte|become|studere|study|interessert|interested|utdanning|kurs|course|friår)\b/i,
  time: /(\d+\s*(timer|timar|hours)|deltid|ved siden av|ved sida av|part[- ]time|kveld|evening|helg|weekend|full ?tid|heltid|alongside|while working|i eget tempo|self-paced)/i,
  constraints:
    /(\bnett|online|gratis|\bfree\b|campus|årsstudi|bachelor|master|folkehøgsk|folk high school|\bshort\b|\bkort|\bpris|price|billig|cheap|\b(i|på|in|near) \p{Lu}|Vestlandet|Nord-Norge|Østlandet|Sørlandet|Midt-Norge|Trøndelag)/iu,
};

/** What a question asks about, read from its words (a question may ask about time and format at once). */
const questionPatterns: Record<QuestionKind, RegExp> = {
  role: /\b(jobber|jobbar|work with|work as|bakgrunn|background)\b/i,
  goal: /\b(lære|learn|oppnå|achieve|lead to)\b/i,
  time: /\b(tid|time|timar|hours|deltid|part-time)\b/i,
  constraints: /\b(nett|online|sted|stad|place|pris|price|studiepoeng|credits|kort kurs|short course|grad|degree)\b/i,
};

function askedAbout(question: string): QuestionKind[] {
  return (Object.keys(questionPatterns) as QuestionKind[]).filter((kind) => questionPatterns[kind].test(question));
}

function factsIn(text: string): QuestionKind[] {
  return (Object.keys(factPatterns) as QuestionKind[]).filter((kind) => factPatterns[kind].test(text));
}

/** Sentences, grouped into at most three messages; one long sentence is cut at a clause boundary. */
function splitNeed(text: string): string[] {
  const sentences = text
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
  if (sentences.length >= 3) return [sentences[0]!, sentences[1]!, sentences.slice(2).join(' ')];
  if (sentences.length === 2) return sentences;
  const words = text.split(/\s+/);
  for (let index = 4; index < words.length - 3; index += 1) {
    if (
      /[,–—-]$/.test(words[index - 1]!) ||
      /^(og|men|and|but|helst|gjerne|ideally|preferably)$/i.test(words[index]!)
    ) {
      return [
        words
          .slice(0, index)
          .join(' ')
          .replace(/[,–—-]$/, ''),
        words.slice(index).join(' '),
      ];
    }
  }
  return [text];
}

export type ScriptedLearner = {
  opening: string;
  /** The answer to a question (its text), or the "don't know" phrase in the learner's language. */
  answer(question: string): { text: string; fromNeed: boolean };
  /** True when a sent message already carried this kind of fact (so asking it again asks what is known). */
  alreadySaid(question: QuestionKind): boolean;
};

export function scriptedLearner(options: { text: string; language: 'nb' | 'nn' | 'en' }): ScriptedLearner {
  const [opening, ...rest] = splitNeed(options.text);
  const unsent = [...rest];
  const sent = [opening!];
  const dontKnow = options.language === 'en' ? "don't know" : options.language === 'nn' ? 'veit ikkje' : 'vet ikke';
  return {
    opening: opening!,
    answer(question) {
      const kinds = askedAbout(question);
      const index = unsent.findIndex((part) => factsIn(part).some((kind) => kinds.includes(kind)));
      if (index === -1) return { text: dontKnow, fromNeed: false };
      const [part] = unsent.splice(index, 1);
      sent.push(part!);
      return { text: part!, fromNeed: true };
    },
    alreadySaid: (question) => sent.some((part) => factsIn(part).includes(question)),
  };
}
