import { resolvePlace } from '../catalogue/places.js';
import type { Profile } from '../profile/profile.js';
import type { QuestionKind } from '../dialogue/dialogue-state.js';
import { emptyProfileUpdate, type ProfileUpdate } from './profile-update.js';

/**
 * Offline reading of what the first-message extractor (local-extractor.ts) leaves out: evenings, weekends,
 * how many weeks, full time, bare hours answering the time question, fagskole, "must give credits", and place
 * corrections ("ikke Bergen – Trondheim", "Trondheim, not Bergen", "not in Bergen"). General phrasing in
 * Bokmål, Nynorsk and English; places are checked against src/catalogue/places.ts, so "Python" is never one.
 */

export type LocalFactsOptions = {
  message: string;
  profile: Profile;
  pendingQuestion: QuestionKind | null;
};

const wordNumbers: Record<string, number> = {
  en: 1,
  ett: 1,
  ein: 1,
  eitt: 1,
  one: 1,
  to: 2,
  two: 2,
  tre: 3,
  three: 3,
  fire: 4,
  four: 4,
  fem: 5,
  five: 5,
  seks: 6,
  six: 6,
  sju: 7,
  syv: 7,
  seven: 7,
  åtte: 8,
  eight: 8,
  ni: 9,
  nine: 9,
  ti: 10,
  ten: 10,
  femten: 15,
  fifteen: 15,
  tjue: 20,
  twenty: 20,
};
const number = String.raw`(\d+(?:[.,]\d+)?|en|ett|ein|eitt|one|to|two|tre|three|fire|four|fem|five|seks|six|sju|syv|seven|åtte|eight|ni|nine|ti|ten|femten|fifteen|tjue|twenty)`;
const toNumber = (text: string) => wordNumbers[text] ?? Number(text.replace(',', '.'));

export function extractLocalFacts(options: LocalFactsOptions): ProfileUpdate {
  const text = options.message;
  const lower = text.toLowerCase();
  const update = emptyProfileUpdate();

  const hours = lower.match(
    new RegExp(
      `${number}\\s*(?:-\\s*\\d+\\s*)?(?:timer|timar|time|t|hours?|hrs?|h)\\b\\s*(?:i|per|pr\\.?|a|om|each|every|in the|på|kvar|hver)?\\s*(?:uka|uke|veka|veke|week|weeks)\\b`,
    ),
  );
  if (hours) update.hoursPerWeek = toNumber(hours[1]!);
  else if (options.pendingQuestion === 'time') {
    const bare = lower.match(new RegExp(`\\b${number}\\s*(?:timer|timar|hours?|t)\\b`));
    if (bare) update.hoursPerWeek = toNumber(bare[1]!);
  }
  if (/\b(kveld|kvelds|kvelden|kveldar|kvelder|kveldstid|evening|evenings|nights?)\b/.test(lower))
    update.evenings = true;
  if (/\b(helg|helgar|helger|helgene|helgane|weekend|weekends)\b/.test(lower)) update.weekends = true;
  if (/\b(heltid|fulltid|study full[- ]time|studere (på )?heltid|studere fulltid)\b/.test(lower))
    update.partTime = false;
  const weeks = lower.match(new RegExp(`${number}\\s*(uker|veker|weeks|måneder|månader|months)\\b`));
  if (weeks) update.weeks = Math.round(toNumber(weeks[1]!) * (/^(måneder|månader|months)$/.test(weeks[2]!) ? 4.3 : 1));
  // Fagskole is a kind of offering the first-message extractor has no pattern for.
  if (/\b(fagskole\w*|fagskule\w*|høyere yrkesfaglig|høgare yrkesfagleg|vocational college)/.test(lower))
    update.levels.push('vocational');
  if (
    /\b(akkrediter\w*|accredited|studiepoeng|credits|ects)\b/.test(lower) &&
    /\b(må|skal|must|only|bare|berre|kun)\b/.test(lower)
  )
    update.accreditedOnly = true;

  // Corrections: "ikke Bergen – Trondheim", "not Bergen but Trondheim", "Trondheim, ikke Bergen".
  const corrections = [
    ...[
      ...text.matchAll(
        /\b(?:ikke|ikkje|not|no)\s+(?:i\s+|in\s+)?([\p{Lu}][\p{L}-]+)\s*(?:[–—-]|,|men|but|;|\.|:)\s*(?:i\s+|in\s+|heller\s+)?([\p{Lu}][\p{L}-]+)/gu,
      ),
    ].map((match) => [match[1]!, match[2]!] as const),
    ...[...text.matchAll(/\b([\p{Lu}][\p{L}-]+)\s*,?\s*(?:ikke|ikkje|not)\s+(?:i\s+|in\s+)?([\p{Lu}][\p{L}-]+)/gu)].map(
      (match) => [match[2]!, match[1]!] as const,
    ),
  ];
  for (const [wrongName, rightName] of corrections) {
    const wrong = resolvePlace(wrongName);
    const right = resolvePlace(rightName);
    if (wrong && right) {
      update.removePlaces.push(wrong.name);
      update.places.push(right.name);
    }
  }
  // "not in Bergen" alone takes the place back.
  for (const match of text.matchAll(/\b(?:ikke|ikkje|not)\s+(?:i\s+|in\s+)?([\p{Lu}][\p{L}-]+)/gu)) {
    const place = resolvePlace(match[1]!)?.name;
    if (place && !update.removePlaces.includes(place)) update.removePlaces.push(place);
  }
  return update;
}

/** "Jeg jobber på et oppdrettsanlegg", "I work as an IT-consultant": a role the first-message extractor's patterns miss. */
export function fallbackRole(message: string): string | undefined {
  const match =
    /\b(?:jeg|eg|i)\s+(?:jobber|jobbar|arbeider|arbeidar|work)\s+((?:som|på|i|med|as an?|at|in|with)\s+[\p{L}\p{N}][\p{L}\p{N}-]*(?:\s+[\p{L}\p{N}][\p{L}\p{N}-]*){0,4}?)(?=\s+(?:og|men|and|but|fordi|because)\b|[.,;!?–—]|$)/iu.exec(
      message,
    );
  return match?.[1]?.replace(/^(som|as an?)\s+/i, '').trim();
}

/** "nysgjerrig på psykologi", "vil over i HR", "curious about design": a subject the first-message extractor's patterns miss. */
export function fallbackTopics(message: string): string[] {
  const pattern =
    /\b(?:nysgjerrig på|nysgjerrig på å lære om|fascinert av|opptatt av|glad i|vil over i|over til|skifte til|bytte til|curious about|fascinated by|passionate about|switch to|move into|get into)\s+([^.,;!?–—]+?)(?=\s+(?:men|but|og|and|fordi|because)\b|[.,;!?–—]|$)/giu;
  return [...message.matchAll(pattern)].map((match) => match[1]!.trim()).filter((topic) => topic.length > 1);
}
