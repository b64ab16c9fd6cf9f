import type { QuestionKind } from '../../src/dialogue/dialogue-state.js';
import type { Language } from '../../src/profile/profile.js';
import type { ProfileUpdate } from '../../src/understanding/profile-update.js';
import type { DialogueAct } from '../../src/understanding/understanding.js';

/**
 * Messages and what they mean, shared by every understanding implementation (local tests, the model
 * evaluation in evals/understanding.eval.ts). Written as learners write — not taken from the eval needs.
 */
export type UnderstandingFixture = {
  message: string;
  language: Language;
  pendingQuestion?: QuestionKind | null;
  shownCount?: number;
  act: DialogueAct['kind'];
  /** Fields of the act that must match (rank, score, refinement...). */
  actHas?: Record<string, unknown>;
  /** Fields of the update that must match; lists must contain these items. */
  updateHas?: Partial<ProfileUpdate>;
};

export const understandingFixtures: UnderstandingFixture[] = [
  {
    message: 'Jeg jobber som barnehagelærer og vil lære mer om spesialpedagogikk, helst på nett.',
    language: 'nb',
    act: 'inform',
    updateHas: { occupation: 'barnehagelærer' },
  },
  {
    message: 'Eg er tømrar og vil ta fagskule innan byggteknikk.',
    language: 'nn',
    act: 'inform',
    updateHas: { levels: ['vocational'] },
  },
  {
    message: 'I work as an accountant and want to learn data analysis, about 5 hours a week.',
    language: 'en',
    act: 'inform',
    updateHas: { hoursPerWeek: 5 },
  },
  {
    message: 'kvelder og helger, cirka 6 timer i uka',
    language: 'nb',
    pendingQuestion: 'time',
    act: 'inform',
    updateHas: { hoursPerWeek: 6, evenings: true, weekends: true },
  },
  { message: '4 timar', language: 'nn', pendingQuestion: 'time', act: 'inform', updateHas: { hoursPerWeek: 4 } },
  {
    message: 'renholder',
    language: 'nb',
    pendingQuestion: 'role',
    act: 'inform',
    updateHas: { occupation: 'renholder' },
  },
  {
    message: 'Jeg jobber i en barnehage og er nysgjerrig på musikk.',
    language: 'nb',
    act: 'inform',
    updateHas: { occupation: 'barnehage', topics: ['musikk'] },
  },
  {
    message: 'I own a small café and want to learn social media marketing.',
    language: 'en',
    act: 'inform',
    updateHas: { occupation: 'café' },
  },
  { message: 'Eg driv eit lite bakeri.', language: 'nn', act: 'inform', updateHas: { occupation: 'bakeri' } },
  { message: 'Jeg er interessert i historie.', language: 'nb', act: 'inform', updateHas: { occupation: undefined } },
  {
    message: 'I work at a hotel and want to move into marketing.',
    language: 'en',
    act: 'inform',
    updateHas: { occupation: 'hotel', topics: ['marketing'] },
  },
  { message: 'bare vis meg', language: 'nb', act: 'show_now' },
  { message: 'berre vis meg noko', language: 'nn', act: 'show_now' },
  { message: 'Just show me what you have', language: 'en', act: 'show_now' },
  {
    message: 'Finnes det noe billigere?',
    language: 'nb',
    shownCount: 5,
    act: 'refine',
    actHas: { refinement: 'cheaper' },
  },
  { message: 'Noko kortare?', language: 'nn', shownCount: 5, act: 'refine', actHas: { refinement: 'shorter' } },
  {
    message: 'only online please',
    language: 'en',
    shownCount: 5,
    act: 'refine',
    actHas: { refinement: 'online_only' },
  },
  { message: 'Har du noe nærmere?', language: 'nb', shownCount: 5, act: 'refine', actHas: { refinement: 'nearer' } },
  { message: 'mer som nr 2', language: 'nb', shownCount: 5, act: 'more_like', actHas: { rank: 2 } },
  // Conversation moves: more, none of these, refusals, corrections — in Bokmål, Nynorsk and English.
  { message: 'Flere forslag, takk', language: 'nb', shownCount: 5, act: 'more' },
  { message: 'har du fleire?', language: 'nn', shownCount: 5, act: 'more' },
  { message: 'any more?', language: 'en', shownCount: 5, act: 'more' },
  {
    message: 'Ingen av disse handler om regnskap',
    language: 'nb',
    shownCount: 5,
    act: 'none_fit',
    actHas: { about: 'regnskap' },
  },
  { message: 'ingen av desse passar', language: 'nn', shownCount: 5, act: 'none_fit', actHas: { about: null } },
  {
    message: 'none of these are about welding',
    language: 'en',
    shownCount: 5,
    act: 'none_fit',
    actHas: { about: 'welding' },
  },
  { message: 'noe med ledelse, men ikke økonomi', language: 'nb', act: 'inform', updateHas: { avoid: ['økonomi'] } },
  {
    message: 'ikkje eit heilt år på folkehøgskule',
    language: 'nn',
    act: 'inform',
    updateHas: { avoidLevels: ['folk_high_school'] },
  },
  {
    message: "actually, not online — I'd prefer classes in Bergen",
    language: 'en',
    act: 'inform',
    updateHas: { replaces: true, removeModes: ['online'] },
  },
  {
    message: 'nei forresten, det må bli på Vestlandet',
    language: 'nb',
    act: 'inform',
    updateHas: { replaces: true, places: ['Vestlandet'] },
  },
  // An opening "nei," takes back the previous message; it governs none of the words after it.
  {
    message: 'nei vent, et årsstudium i historie',
    language: 'nb',
    act: 'inform',
    updateHas: { retracts: true, replaces: true, avoid: [] },
  },
  {
    message: 'nei, folkehøgskule meinte eg!',
    language: 'nn',
    act: 'inform',
    updateHas: { retracts: true, replaces: true, avoid: [] },
  },
  {
    message: 'actually no, just the fundamentals',
    language: 'en',
    act: 'inform',
    updateHas: { retracts: true, searchText: 'fundamentals', avoid: [] },
  },
  { message: 'jeg har ikke fagbrev', language: 'nb', act: 'inform', updateHas: { avoid: [] } },
  { message: 'More like the third one', language: 'en', shownCount: 5, act: 'more_like', actHas: { rank: 3 } },
  { message: 'Hvorfor nr 1?', language: 'nb', shownCount: 5, act: 'why', actHas: { rank: 1 } },
  { message: 'why this one?', language: 'en', shownCount: 5, act: 'why', actHas: { rank: null } },
  { message: 'Kvifor nummer 4?', language: 'nn', shownCount: 5, act: 'why', actHas: { rank: 4 } },
  // A subject turned down is a fact about the learner (kept out of every later list), not a verdict on one suggestion.
  {
    message: 'Ikke interessert i økonomi',
    language: 'nb',
    shownCount: 5,
    act: 'inform',
    updateHas: { avoid: ['økonomi'] },
  },
  {
    message: 'ikkje noko med musikk, takk',
    language: 'nn',
    shownCount: 5,
    act: 'inform',
    updateHas: { avoid: ['musikk'] },
  },
  {
    message: 'not interested in that one',
    language: 'en',
    shownCount: 5,
    act: 'not_interested',
    actHas: { what: null },
  },
  {
    message: 'not interested in number 3',
    language: 'en',
    shownCount: 5,
    act: 'not_interested',
    actHas: { rank: 3, what: null },
  },
  { message: 'Begynn på nytt', language: 'nb', act: 'start_over' },
  { message: 'start over', language: 'en', act: 'start_over' },
  { message: 'hjelp', language: 'nb', act: 'help' },
  { message: 'nr 2 var bra, 5 av 5', language: 'nb', shownCount: 5, act: 'rate', actHas: { rank: 2, score: 5 } },
  { message: 'Den første var dårleg', language: 'nn', shownCount: 5, act: 'rate', actHas: { rank: 1, score: 2 } },
  {
    message: 'These suggestions were useful, 4/5',
    language: 'en',
    shownCount: 5,
    act: 'rate',
    actHas: { rank: null, score: 4 },
  },
  { message: 'Hva vet du om meg?', language: 'nb', act: 'what_do_you_know' },
  { message: 'Kva veit du om meg?', language: 'nn', act: 'what_do_you_know' },
  { message: 'What do you know about me?', language: 'en', act: 'what_do_you_know' },
  { message: 'Glem meg', language: 'nb', act: 'forget_me' },
  { message: 'gløym meg', language: 'nn', act: 'forget_me' },
  { message: 'Forget me', language: 'en', act: 'forget_me' },
  { message: 'Ja, husk meg', language: 'nb', act: 'consent', actHas: { given: true } },
  { message: 'Eg samtykkjer', language: 'nn', act: 'consent', actHas: { given: true } },
  { message: 'Yes, remember me', language: 'en', act: 'consent', actHas: { given: true } },
  { message: 'Jeg vil trekke tilbake samtykket', language: 'nb', act: 'consent', actHas: { given: false } },
  { message: 'Ikkje hugs meg', language: 'nn', act: 'consent', actHas: { given: false } },
  { message: "Please don't remember me", language: 'en', act: 'consent', actHas: { given: false } },
  { message: 'vet ikke', language: 'nb', pendingQuestion: 'time', act: 'dont_know' },
  { message: "I don't know", language: 'en', pendingQuestion: 'role', act: 'dont_know' },
  {
    message: 'ikke Bergen – Trondheim',
    language: 'nb',
    act: 'inform',
    updateHas: { removePlaces: ['Bergen'], places: ['Trondheim'] },
  },
  {
    message: 'Trondheim, not Bergen',
    language: 'en',
    act: 'inform',
    updateHas: { removePlaces: ['Bergen'], places: ['Trondheim'] },
  },
  { message: 'svar på nynorsk', language: 'nb', act: 'set_language', actHas: { language: 'nn' } },
];
