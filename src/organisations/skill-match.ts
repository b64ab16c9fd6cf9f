import type { CatalogueOffering } from '../catalogue/offering.js';
import { analyse } from '../retrieval/text-analysis.js';

/**
 * Whether an offering teaches a skill rather than merely mentioning its words somewhere. ESCO skill labels
 * are short verb phrases ("follow health and safety procedures in construction"); their content words,
 * without the generic verbs many skills start with, must mostly be found (two thirds, rounded up: one of
 * one, two of two, two of three, three of four) close together — within a window of a few words in the
 * title, subjects, skills or description — since a description that says "supervised by our staff" is
 * not a course in supervising staff.
 */

const genericSkillWords = new Set(['use', 'apply', 'follow', 'perform', 'carry', 'out', 'ensure', 'undertake', 'conduct', 'keep', 'make', 'work', 'deal', 'handle'].flatMap((word) => analyse(word)));

/** Extra words allowed between the skill's words (e.g. "safety in construction" for "construction safety"). */
const windowSlack = 3;

export function skillContentTerms(label: string): string[] {
  const terms = [...new Set(analyse(label))];
  const specific = terms.filter((term) => !genericSkillWords.has(term));
  return specific.length ? specific : terms;
}

export function teachesSkill(options: { skillLabel: string; offering: Pick<CatalogueOffering, 'title' | 'description' | 'subjects' | 'skills'>; strict?: boolean }): boolean {
  const wanted = skillContentTerms(options.skillLabel);
  if (!wanted.length) return false;
  // Strict (for ESCO's alternative labels, looser than the preferred one): two words at least, all of them.
  if (options.strict && wanted.length < 2) return false;
  const needed = options.strict ? wanted.length : Math.ceil((wanted.length * 2) / 3);
  const { offering } = options;
  // Each field on its own, so a window never spans the end of the title and the start of the description.
  const fields = [offering.title, ...offering.subjects, ...offering.skills, ...offering.description.split(/[.!?;:\n]+/)];
  return fields.some((field) => hasCloseWindow({ terms: analyse(field), wanted: new Set(wanted), needed }));
}

/** A span of at most needed + slack words holding `needed` distinct wanted terms. */
function hasCloseWindow(options: { terms: string[]; wanted: Set<string>; needed: number }): boolean {
  const { terms, wanted, needed } = options;
  const width = needed + windowSlack;
  for (let start = 0; start < terms.length; start += 1) {
    if (!wanted.has(terms[start]!)) continue;
    const found = new Set<string>();
    for (let index = start; index < Math.min(terms.length, start + width); index += 1) {
      if (wanted.has(terms[index]!)) found.add(terms[index]!);
      if (found.size >= needed) return true;
    }
  }
  return false;
}
