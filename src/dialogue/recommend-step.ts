import { randomUUID } from 'node:crypto';
import type { Language, Profile } from '../profile/profile.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';
import type { Recommender, ScoredOffering } from '../retrieval/recommender.js';
import type { ModelUsage } from '../model/chat-model.js';
import { noUsage } from '../model/chat-model.js';
import type { ReplyComposer } from './compose-with-model.js';
import type { ConversationStore, RatingSummary, StoredRecommendation } from './conversation-store.js';
import type { DialogueState } from './dialogue-state.js';
import { evidenceFor, relaxations, type Relaxation } from './evidence.js';
import { listText, presentOffering, suggestionText } from './present-offering.js';
import type { ReplyAction, Suggestion } from './turn.js';

/**
 * Retrieve, present and remember one suggestion set. The recommender chooses and orders; only offerings with
 * evidence that they are about what the learner wants are shown (evidence.ts). When none has, the reply says
 * so — what was not found, or which requirement shut the fitting ones out — rather than offering guesses. The
 * composer (a model, when configured) may only word the intro and the reasons, and only what survives grounding.
 */

const suggestionsPerReply = 5;
/** How far down the list an offering in a wished place may be lifted from. */
const placeWindow = 30;
/** An offering in a wished place leads when its score is at least this share of the best one's: as relevant, give or take. */
const wishedPlaceScoreShare = 0.5;

/** A line the learner could not tell from another (same title, provider and places: one per start date) is shown once. */
function distinct(results: ScoredOffering[]): ScoredOffering[] {
  const seen = new Set<string>();
  return results.filter((result) => {
    const key = `${result.offering.title.toLowerCase()}|${result.offering.provider.name}|${result.offering.cities.join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function introText(options: {
  count: number;
  paging: boolean;
  seenBefore: number[];
  language: Language;
  templates: ReplyTemplates;
}): string {
  const { count, paging, seenBefore, language, templates } = options;
  // A page may hold offerings an earlier list showed for what the learner said then: they are not "new".
  if (paging && seenBefore.length > 0)
    return templates.text(language, 'suggestions_intro_more_seen', {
      count,
      ranks: listText(seenBefore.map(String), language, templates),
    });
  if (count === 1)
    return templates.text(language, paging ? 'suggestions_intro_more_single' : 'suggestions_intro_single');
  return templates.text(language, paging ? 'suggestions_intro_more' : 'suggestions_intro', { count });
}

/** Offerings in a place the learner wished for first (the recommender names the place it fits among profileFit), if about as relevant as the best. */
function wishedPlaceFirst(results: ScoredOffering[]): ScoredOffering[] {
  const best = results[0]?.score ?? 0;
  const inPlace = (result: ScoredOffering) =>
    result.score >= best * wishedPlaceScoreShare &&
    result.reasons.profileFit.some((fit) => /^(city|municipality|county|region):/.test(fit));
  return [...results.filter(inPlace), ...results.filter((result) => !inPlace(result))];
}

export type RecommendStepResult = {
  suggestions: Suggestion[];
  text: string;
  recommendations: StoredRecommendation[];
  /** The id the reply's turn is stored under when it shows suggestions (the state's `shownTurnId`). */
  replyTurnId?: string;
  state: DialogueState;
  actions: ReplyAction[];
  usage: ModelUsage;
  /** What the composer's output lost in grounding (stored with the turn). */
  dropped: string[];
};

export async function recommendStep(options: {
  profile: Profile;
  state: DialogueState;
  language: Language;
  /** The text to search with: what the learner wants, or the title of an offering to find more like. */
  query: string;
  /** The learner's own words about what they want (never an offering's title): what evidence is judged against. */
  wantedText: string;
  /** Offerings not to show (turned down, or already shown by this search when the learner asks for more). */
  exclude: string[];
  /** "more": the next page of the same search, told as such. */
  paging: boolean;
  recommender: Recommender;
  store: ConversationStore;
  templates: ReplyTemplates;
  composer: ReplyComposer | undefined;
  knownProviders: string[];
  /** Lines to put before the suggestions ("Noted: ..."). */
  preface: string[];
}): Promise<RecommendStepResult> {
  const { profile, language, templates } = options;
  // Four times a reply's worth, so offerings without evidence can drop out and still leave a full list (a page
  // deep in a narrow subject loses most); with a place wished for, longer, so offerings there can lead (wishedPlaceFirst).
  const wished = (profile.wishes?.places.length ?? 0) > 0;
  const evidence = evidenceFor({ wantedText: options.wantedText, profile, recommender: options.recommender });
  const search = async (searchProfile: Profile) => {
    const fitting = evidence.fitting(
      await options.recommender.recommend({
        profile: searchProfile,
        message: options.query,
        limit: wished ? placeWindow : suggestionsPerReply * 4,
        excludeOfferingIds: options.exclude,
      }),
    );
    return wished ? wishedPlaceFirst(fitting) : fitting;
  };
  let found = await search(profile);
  const lines: string[] = [...options.preface];
  const untold = evidence.unknownWords.filter((word) => !options.state.toldUnknown.includes(word));
  if (untold.length > 0)
    lines.push(
      templates.text(language, 'suggestions_nothing_about', {
        topics: listText(
          untold.map((word) => `«${word}»`),
          language,
          templates,
        ),
      }),
    );
  const toldUnknown = [...new Set([...options.state.toldUnknown, ...untold])];
  let relaxed: Relaxation | undefined;
  const requirements = relaxations(profile);
  if (found.length === 0) {
    // Nothing on the subject under the learner's requirements: find which one shut the fitting offerings out.
    for (const relaxation of requirements) {
      const attempt = await search(relaxation.profile);
      if (attempt.length > 0) {
        found = attempt;
        relaxed = relaxation;
        break;
      }
    }
  }
  const shown: ScoredOffering[] = distinct(found).slice(0, suggestionsPerReply);
  if (shown.length === 0) {
    // "No more" only after something was shown; "relax a requirement" only when there is one to relax.
    // A first search whose subject no offering names has said so already ("Jeg fant ingen tilbud om «keramikk»").
    const shownBefore = options.paging || options.state.seenOfferingIds.length > 0;
    if (requirements.length > 0 && !options.paging) lines.push(templates.text(language, 'suggestions_none'));
    else if (shownBefore) lines.push(templates.text(language, 'suggestions_exhausted'));
    else if (untold.length === 0) lines.push(templates.text(language, 'suggestions_nothing_fits'));
    return {
      suggestions: [],
      text: lines.join('\n\n'),
      recommendations: [],
      state: { ...options.state, toldUnknown },
      actions: [{ label: templates.text(language, 'action_start_over'), action: { type: 'start_over' } }],
      usage: noUsage(),
      dropped: [],
    };
  }
  // Ranking read the ratings already; only a recommender that reads none leaves them to look up here.
  const unrated = shown.filter((scored) => scored.rating === undefined).map((scored) => scored.offering.id);
  const ratings = unrated.length > 0 ? await options.store.ratingSummaries(unrated) : new Map<string, RatingSummary>();
  const composed = options.composer
    ? await options.composer.compose({ profile, offerings: shown, language, knownProviders: options.knownProviders })
    : undefined;
  const suggestions = shown.map((scored) =>
    presentOffering({
      scored,
      language,
      templates,
      rating: scored.rating === undefined ? ratings.get(scored.offering.id) : (scored.rating ?? undefined),
      ...(composed?.reasons.has(scored.offering.id) ? { reason: composed.reasons.get(scored.offering.id)! } : {}),
    }),
  );
  const seenBefore = shown.flatMap((scored, index) =>
    options.state.seenOfferingIds.includes(scored.offering.id) ? [index + 1] : [],
  );
  const intro = relaxed
    ? templates.text(language, 'suggestions_relaxed', { constraint: relaxed.describe(templates, language) })
    : untold.length > 0
      ? templates.text(language, 'suggestions_nearest')
      : options.paging && seenBefore.length > 0
        ? introText({ count: suggestions.length, paging: true, seenBefore, language, templates })
        : (composed?.intro ??
          introText({ count: suggestions.length, paging: options.paging, seenBefore, language, templates }));
  const items = suggestions.map((suggestion, index) =>
    suggestionText({ suggestion, rank: index + 1, language, templates }),
  );
  const text = [...lines, intro, items.join('\n\n'), templates.text(language, 'follow_up_hint')].join('\n\n');
  // Ids are made here, so the state names the stored suggestions ("nr 2", ratings) without a second write.
  const replyTurnId = randomUUID();
  const recommendations: StoredRecommendation[] = shown.map((scored, index) => ({
    id: randomUUID(),
    offeringId: scored.offering.id,
    rank: index + 1,
    score: scored.score,
    reasons: scored.reasons,
  }));
  const state: DialogueState = {
    ...options.state,
    pending: null,
    shownTurnId: replyTurnId,
    shown: shown.map((scored, index) => ({
      rank: index + 1,
      offeringId: scored.offering.id,
      recommendationId: recommendations[index]!.id,
      title: scored.offering.title,
      reasons: scored.reasons,
      reason: suggestions[index]!.reason,
    })),
    seenOfferingIds: [...new Set([...options.state.seenOfferingIds, ...shown.map((scored) => scored.offering.id)])],
    searchShownIds: [
      ...new Set([
        ...(options.paging ? options.state.searchShownIds : []),
        ...shown.map((scored) => scored.offering.id),
      ]),
    ],
    suggestionSets: options.state.suggestionSets + 1,
    toldUnknown,
  };
  return {
    suggestions,
    text,
    recommendations,
    replyTurnId,
    state,
    actions: [
      { label: templates.text(language, 'action_useful'), action: { type: 'rate', score: 5 } },
      { label: templates.text(language, 'action_not_useful'), action: { type: 'rate', score: 1 } },
      {
        label: templates.text(language, 'action_why', { rank: 1 }),
        action: { type: 'why', offeringId: shown[0]!.offering.id },
      },
      {
        label: templates.text(language, 'action_more_like', { rank: 1 }),
        action: { type: 'more_like', offeringId: shown[0]!.offering.id },
      },
      { label: templates.text(language, 'action_start_over'), action: { type: 'start_over' } },
    ],
    usage: composed?.usage ?? noUsage(),
    dropped: composed ? [...composed.dropped, ...(composed.failure ? [`composer: ${composed.failure}`] : [])] : [],
  };
}
