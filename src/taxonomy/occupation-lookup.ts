import type { TaxonomyConcept, TaxonomyDataset } from './concept.js';
import { inflectedForms, tokenize } from './occupation-terms.js';

/**
 * Finds STYRK-08 occupations named in free text ("jeg er sykepleier", "I work as a nurse"). Built once from
 * the taxonomy: Norwegian labels and NAV job titles of the 4-digit STYRK-08 groups, and the English labels
 * of the ESCO occupations linked to them. Matching is on whole words, longest phrase first, with the common
 * Norwegian and English noun endings (sykepleier / sykepleiere / sykepleieren / sykepleierne).
 * Compounds ("intensivsykepleier") are not split yet.
 *
 * Build it once per process and share it: its index of phrases and their inflections holds ~44 MB.
 */

type OccupationMatch = {
  /** STYRK-08 4-digit code. */
  code: string;
  /** The group's Norwegian name. */
  label: string;
  /** The words in the text that matched. */
  matchedText: string;
  /** The label or job title they matched. */
  term: string;
  language: 'nb' | 'en';
  /** Character offsets of the match in the text. */
  start: number;
  end: number;
  /** 0–1; lower for English terms, alternative labels and terms shared by several groups. */
  score: number;
};

export type OccupationLookup = {
  /** Best first; `limit` default 5, `minimumScore` default 0.1 (drops words shared by many groups). */
  find(text: string, options?: { limit?: number; minimumScore?: number }): OccupationMatch[];
  /** The best group alone, as the interview, the organisation set-up and job learning take it. */
  findOccupation(text: string): { code: string; label: string } | undefined;
};

type Candidate = { code: string; term: string; language: 'nb' | 'en'; weight: number; plural?: boolean };

const weights = { nbPreferred: 1, nbAlternative: 0.9, enPreferred: 0.8, enAlternative: 0.7, enHeadNoun: 0.5 };
const longestPhrase = 8;

export function createOccupationLookup(options: TaxonomyDataset): OccupationLookup {
  const groups = new Map(
    options.concepts
      .filter((concept) => concept.scheme === 'styrk08' && concept.level === 4 && concept.code !== '0000')
      .map((concept) => [concept.id, concept]),
  );
  const phrases = shared(phraseIndex(options, groups));

  const lookup: OccupationLookup = {
    find(text, findOptions = {}) {
      const tokens = tokenize(text);
      const best = new Map<string, OccupationMatch>();
      for (let start = 0; start < tokens.length; ) {
        let matchedLength = 0;
        for (let length = Math.min(longestPhrase, tokens.length - start); length >= 1 && !matchedLength; length -= 1) {
          const span = tokens.slice(start, start + length);
          const candidates = phrases.get(span.map((token) => token.text).join(' '));
          if (!candidates) continue;
          matchedLength = length;
          const first = span[0]!;
          const last = span.at(-1)!;
          const phraseBonus = Math.min(1, 0.85 + 0.05 * length);
          for (const candidate of candidates) {
            const score = Number((candidate.weight * phraseBonus).toFixed(3));
            const previous = best.get(candidate.code);
            if (previous && previous.score >= score) continue;
            best.set(candidate.code, {
              code: candidate.code,
              label: groups.get(`styrk08:${candidate.code}`)!.label,
              matchedText: text.slice(first.start, last.end),
              term: candidate.term,
              language: candidate.language,
              start: first.start,
              end: last.end,
              score,
            });
          }
        }
        start += matchedLength || 1;
      }
      return [...best.values()]
        .filter((match) => match.score >= (findOptions.minimumScore ?? 0.1))
        .sort((a, b) => b.score - a.score || a.start - b.start)
        .slice(0, findOptions.limit ?? 5);
    },
    findOccupation(text) {
      const [best] = lookup.find(text, { limit: 1 });
      return best ? { code: best.code, label: best.label } : undefined;
    },
  };
  return lookup;
}

/** "ward nurse" → nurse, "teacher of music" → teacher; undefined for a one-word label (already a term). */
function headNoun(label: string): string | undefined {
  const words = tokenize(label.split(/\s(?:for|of|in|at|with|responsible)\s/)[0] ?? '');
  return words.length > 1 ? words.at(-1)?.text : undefined;
}

/**
 * Every phrase (with its inflections) that names a group, and the groups it names. Built apart from the lookup,
 * so the lookup's closure does not keep this one-object-per-form map alive beside its shared copy.
 */
function phraseIndex(options: TaxonomyDataset, groups: Map<string, TaxonomyConcept>): Map<string, Candidate[]> {
  const index = new Map<string, Candidate[]>();
  const headCounts = new Map<string, Map<string, number>>();
  const add = (phrase: string, candidate: Candidate) => addTo(index, phrase, candidate);

  for (const group of groups.values()) {
    // STYRK-08 names are plurals ("Sykepleiere"); NAV titles and ESCO labels are singular.
    add(group.label, {
      code: group.code,
      term: group.label,
      language: 'nb',
      weight: weights.nbPreferred,
      plural: true,
    });
    for (const title of group.altLabels)
      add(title, { code: group.code, term: title, language: 'nb', weight: weights.nbAlternative });
  }
  const escoOccupations = new Map(
    options.concepts.filter((concept) => concept.scheme === 'esco_occupation').map((concept) => [concept.id, concept]),
  );
  for (const relation of options.relations) {
    const occupation = escoOccupations.get(relation.fromId);
    const group = groups.get(relation.toId);
    if (relation.kind !== 'broader' || !occupation || !group) continue;
    add(occupation.label, { code: group.code, term: occupation.label, language: 'en', weight: weights.enPreferred });
    for (const label of occupation.altLabels)
      add(label, { code: group.code, term: label, language: 'en', weight: weights.enAlternative });
    for (const head of new Set([occupation.label, ...occupation.altLabels].map(headNoun))) {
      if (!head) continue;
      const counts = headCounts.get(head) ?? new Map<string, number>();
      counts.set(group.code, (counts.get(group.code) ?? 0) + 1);
      headCounts.set(head, counts);
    }
  }
  // A term shared by several groups is evidence for each only in part.
  for (const list of index.values()) for (const entry of list) entry.weight /= list.length;
  // English names occupations "<kind> nurse", "<kind> engineer": the head noun alone ("I am a nurse") points
  // at the groups that use it, by the share of occupations that do (square root: a head shared by many groups, like
  // "manager", falls below the threshold, one shared by a few, like "nurse", does not) — unless it is a term itself.
  for (const [head, counts] of headCounts) {
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    if (total < 2) continue;
    const headIndex = new Map<string, Candidate[]>();
    for (const [code, count] of counts)
      addTo(headIndex, head, {
        code,
        term: head,
        language: 'en',
        weight: weights.enHeadNoun * Math.sqrt(count / total),
      });
    for (const [key, list] of headIndex) if (!index.has(key)) index.set(key, list);
  }
  return index;
}

/**
 * The index with one object per distinct candidate and one array per distinct list of them: every inflected
 * form of a phrase points at the same list, which cut the lookup from 42 to 14 MB of heap (the shipped taxonomy seed).
 */
function shared(index: Map<string, Candidate[]>): Map<string, readonly Candidate[]> {
  const candidates = new Map<string, Candidate>();
  const lists = new Map<string, readonly Candidate[]>();
  const phrases = new Map<string, readonly Candidate[]>();
  for (const [phrase, list] of index) {
    const keys = list.map((candidate) =>
      [candidate.code, candidate.term, candidate.language, candidate.weight].join('\u0000'),
    );
    const listKey = keys.join('\u0001');
    let sharedList = lists.get(listKey);
    if (!sharedList) {
      sharedList = Object.freeze(
        list.map((candidate, position) => {
          const key = keys[position]!;
          let sharedCandidate = candidates.get(key);
          if (!sharedCandidate) {
            const { code, term, language, weight } = candidate;
            sharedCandidate = Object.freeze({ code, term, language, weight });
            candidates.set(key, sharedCandidate);
          }
          return sharedCandidate;
        }),
      );
      lists.set(listKey, sharedList);
    }
    phrases.set(phrase, sharedList);
  }
  return phrases;
}

function addTo(index: Map<string, Candidate[]>, phrase: string, candidate: Candidate): void {
  const tokens = tokenize(phrase.replace(/\([^)]*\)/g, ' ')).map((token) => token.text);
  const last = tokens.at(-1);
  if (!last || tokens.length > longestPhrase || (tokens.length === 1 && last.length < 4)) return;
  for (const form of inflectedForms({ word: last, language: candidate.language, plural: candidate.plural })) {
    const key = [...tokens.slice(0, -1), form].join(' ');
    const list = index.get(key) ?? [];
    const existing = list.find((entry) => entry.code === candidate.code);
    const entry = {
      code: candidate.code,
      term: candidate.term,
      language: candidate.language,
      weight: candidate.weight,
    };
    if (!existing) list.push(entry);
    else if (existing.weight < entry.weight) Object.assign(existing, entry);
    index.set(key, list);
  }
}
