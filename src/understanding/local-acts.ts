import { requestedLanguage } from '../language/detect.js';
import type { MessageParts } from './message-parts.js';
import type { DialogueAct } from './understanding.js';

/**
 * What the learner wants now, read offline from their words in Bokmål, Nynorsk or English: follow-ups on a
 * suggestion list, ratings in words, and the conversation commands. Patterns are general phrasing, tried
 * from the most specific act to the least; anything else is "inform" (the message tells about the learner).
 */

const ordinals: Record<string, number> = {
  første: 1,
  fyrste: 1,
  first: 1,
  andre: 2,
  second: 2,
  tredje: 3,
  third: 3,
  fjerde: 4,
  fourth: 4,
  femte: 5,
  fifth: 5,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  en: 1,
  ett: 1,
  ein: 1,
  eitt: 1,
  to: 2,
  tre: 3,
  fire: 4,
  fem: 5,
};

/** "nr 2", "nummer 2", "number 2", "#2", "no. 2", "den andre", "the second one", "det tredje kurset". */
function rankIn(text: string): number | null {
  const lower = text.toLowerCase();
  const numbered = lower.match(
    /(?:\bnr\.?|\bnummer|\bnumber|\bno\.|#|\bforslag|\bsuggestion|\boption|\balternativ)\s*(\d)\b/,
  );
  if (numbered) return Number(numbered[1]);
  const ordinal =
    lower.match(/\b(?:den|det|the)\s+(første|fyrste|first|andre|second|tredje|third|fjerde|fourth|femte|fifth)\b/) ??
    lower.match(
      /\b(første|fyrste|first|second|tredje|third|fjerde|fourth|femte|fifth)\s+(?:one|forslaget|kurset|alternativet|tilbodet|tilbudet)\b/,
    );
  if (ordinal) return ordinals[ordinal[1]!] ?? null;
  const last = /\b(den siste|det siste|the last one|siste forslaget)\b/.test(lower);
  return last ? -1 : null;
}

/** "5 av 5", "4/5", "3 out of 5", "fem av fem", "5 stjerner", "4 stars". */
function scoreIn(text: string): number | null {
  const lower = text.toLowerCase();
  const outOfFive = lower.match(
    /\b([1-5]|en|ein|ett|eitt|to|tre|fire|fem|one|two|three|four|five)\s*(?:av|of|out of|\/)\s*(?:5|fem|five)\b/,
  );
  if (outOfFive) return toNumber(outOfFive[1]!);
  const stars = lower.match(/\b([1-5])\s*(?:stjerner|stjerne|stars?|poeng|points?)\b/);
  if (stars) return Number(stars[1]);
  // "gir den 4", "I'd give it 4", "terningkast 5".
  const given = lower.match(
    /\b(?:gir (?:den|det|dei|dem|de|forslagene|forslaga)?|give (?:it|them)?|rate (?:it|them)?|terningkast)\s*([1-5])\b/,
  );
  return given ? Number(given[1]) : null;
}

const toNumber = (word: string) => (/^\d$/.test(word) ? Number(word) : (ordinals[word] ?? null));

/** A verdict in words, when no number is given: "var bra" → 4, "veldig bra" → 5, "dårlig" → 2, "ubrukelig" → 1. */
function verdictScore(text: string): number | null {
  const lower = text.toLowerCase();
  if (
    /\b(perfekt|perfect|excellent|fantastisk|kjempebra|veldig bra|svært bra|heilt topp|helt topp|great|super|amazing|very (good|useful)|veldig nyttig|svært nyttig)\b/.test(
      lower,
    )
  )
    return 5;
  if (/\b(ubrukelig|useless|elendig|terrible|awful|heilt feil|helt feil|totally wrong)\b/.test(lower)) return 1;
  if (
    /\b(dårlig|dårleg|bad|poor|not (useful|good|helpful)|ikke nyttig|ikkje nyttig|unyttig|ikke bra|ikkje bra)\b/.test(
      lower,
    )
  )
    return 2;
  if (/\b(greit|grei|ok|okay|middels|so-so|sånn passe)\b/.test(lower)) return 3;
  if (/\b(bra|godt|god|fint|fin|nyttig|good|useful|helpful|nice|likte|liked)\b/.test(lower)) return 4;
  return null;
}

export function detectAct(options: { message: string; shownCount: number; parts: MessageParts }): DialogueAct {
  const text = options.message.trim();
  const lower = text.toLowerCase();
  const rank = resolveRank(rankIn(lower), options.shownCount);

  if (
    /\b(forget me|forget everything about me|delete (me|my data|everything about me)|glem meg|gløym meg|glem alt om meg|gløym alt om meg|slett (meg|alt om meg|dataene mine|data om meg)|slett alt)\b/.test(
      lower,
    )
  )
    return { kind: 'forget_me' };
  if (
    /\b(withdraw (my )?consent|trekk (tilbake )?(mitt )?samtykke(t)?( mitt)?|trekk samtykket tilbake|trekkj?e? (attende|tilbake) samtykket|ikke husk meg|ikkje hugs meg|do not remember me|don't remember me)\b/.test(
      lower,
    )
  )
    return { kind: 'consent', given: false };
  if (/\b(i consent|i give consent|remember me|jeg samtykker|eg samtykkjer|husk meg|hugs meg)\b/.test(lower))
    return { kind: 'consent', given: true };
  if (
    /\b(what do you know about me|what have you (stored|saved|remembered)|what do you remember|hva vet du om meg|kva veit du om meg|hva husker du( om meg)?|kva hugsar du( om meg)?|hva har du lagret)\b/.test(
      lower,
    )
  )
    return { kind: 'what_do_you_know' };
  if (
    /\b(start over|start again|begin again|restart|begynn på nytt|begynne på nytt|start på nytt|byrj på nytt|byrje på nytt|ny start)\b/.test(
      lower,
    )
  )
    return { kind: 'start_over' };
  const language = requestedLanguage(lower);
  if (language) return { kind: 'set_language', language };
  if (
    /^(help|hjelp|\?|what can you do\??|hva kan du( gjøre)?\??|kva kan du( gjere)?\??|how does this work\??|hvordan fungerer dette\??)[.!]?$/.test(
      lower,
    )
  )
    return { kind: 'help' };

  const { parts } = options;
  if (parts.noneFit && options.shownCount > 0) return { kind: 'none_fit', about: parts.noneFit.about };
  // "more" alone pages on; "mer som nr 2" names a suggestion and is read below as more like it.
  if (parts.more && rank === null) return options.shownCount > 0 ? { kind: 'more' } : { kind: 'show_now' };

  const score = scoreIn(lower);
  const verdict = score ?? verdictScore(lower);
  const aboutSuggestions =
    rank !== null || /\b(forslag(ene|a)?|suggestions?|these|disse|desse|dei|listen|lista|the list)\b/.test(lower);
  if (options.shownCount > 0 && (score !== null || (verdict !== null && rank !== null))) {
    return { kind: 'rate', rank, score: verdict, text: text.length > 0 ? text : null };
  }
  if (options.shownCount > 0 && verdict !== null && aboutSuggestions && /\b(var|was|were|er|is|are)\b/.test(lower)) {
    return { kind: 'rate', rank: null, score: verdict, text };
  }

  if (/\b(hvorfor|kvifor|why)\b/.test(lower) && (options.shownCount > 0 || rank !== null)) return { kind: 'why', rank };
  if (/\b(mer|meir|more|flere|fleire|similar|lignende|liknande)\b.*\b(som|like|to)\b/.test(lower) && rank !== null)
    return { kind: 'more_like', rank };
  if (/\b(more like (this|that|it)|mer som (denne|dette)|meir som (denne|dette))\b/.test(lower))
    return { kind: 'more_like', rank };

  // A suggestion turned down ("ikke interessert i nr 2", "not that one"); a subject turned down is a fact (message-parts.ts).
  if (
    /\b(not interested|ikke interessert|ikkje interessert|vil ikke ha|vil ikkje ha|don'?t want|do not want|not for me|ikke for meg|ikkje for meg|not that one|ikke den|ikkje den)\b/.test(
      lower,
    ) &&
    (rank !== null || (parts.refusals.length === 0 && !parts.topical))
  ) {
    return { kind: 'not_interested', what: null, rank };
  }

  if (
    /\b(bare vis( meg)?|berre vis( meg)?|vis meg (nå|no|forslag|noe|noko|kurs)|vis (forslag|forslaga|forslagene)|just show( me)?|show me (now|something|suggestions|courses|what you have)|show suggestions|skip (the )?questions|hopp over (spørsmålene|spørsmåla)|gi meg forslag|give me suggestions)\b/.test(
      lower,
    )
  )
    return { kind: 'show_now' };

  if (
    /\b(billigere|billegare|rimeligere|rimelegare|cheaper|less expensive|lower price|lavere pris|lågare pris|for dyrt|too expensive)\b/.test(
      lower,
    )
  )
    return { kind: 'refine', refinement: 'cheaper' };
  if (/\b(kortere|kortare|shorter|mindre tid|less time|raskere|raskare|quicker)\b/.test(lower))
    return { kind: 'refine', refinement: 'shorter' };
  if (
    /\b(?:bare|berre|kun|only|just)\s+(?:på\s+)?(?:nett|nettet|online|nettbasert|digitalt?|remote)\b|\bonline only\b/.test(
      lower,
    )
  )
    return { kind: 'refine', refinement: 'online_only' };
  if (/\b(nærmere|nærare|nearer|closer|near me|nær meg|i nærheten)\b/.test(lower))
    return { kind: 'refine', refinement: 'nearer' };

  if (
    /^(vet ikke|veit ikkje|veit ikke|vet ikkje|aner ikke|aner ikkje|ingen anelse|usikker|ikke sikker|ikkje sikker|i don'?t know|don'?t know|dunno|not sure|no idea|pass|ingenting|nothing|nei|no)[.!]?$/.test(
      lower,
    )
  )
    return { kind: 'dont_know' };
  if (/^(hei|hallo|heisann|hi|hello|hey|god (morgen|dag|kveld)|good (morning|afternoon|evening))[!. ]*$/.test(lower))
    return { kind: 'greeting' };
  return { kind: 'inform' };
}

/** -1 (the last one) becomes the last rank; ranks outside the list become unnamed. */
function resolveRank(rank: number | null, shownCount: number): number | null {
  if (rank === -1) return shownCount > 0 ? shownCount : null;
  if (rank !== null && shownCount > 0 && rank > shownCount) return null;
  return rank;
}
