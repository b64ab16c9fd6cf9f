import { z } from 'zod';
import audiencesFile from '../../data/skills/audiences.json' with { type: 'json' };
import type { CatalogueOffering } from '../catalogue/offering.js';
import { findPhrase, parsePhrase, wordsOf, type Phrase } from './close-concepts.js';

/**
 * Whom an offering says it is for (data/skills/audiences.json). A title rarely shows it — "Infeksjonssykepleie
 * og smittevern" is nurses' further education, "Spesialpedagogikk 1" is for school teachers ("for deg som er
 * lærer i grunnskolen"), "Ledelse og militær logistikk" is for officers — so the title's discipline words and
 * the description's audience sentences are read. An offering that names known audiences, none of which holds
 * the role, is for someone else.
 */

const fileSchema = z.object({
  description: z.string(),
  audiences: z
    .array(
      z.object({
        name: z.string().min(1),
        styrk: z.array(z.string().regex(/^\d{1,4}$/)).min(1),
        words: z.array(z.string().min(1)).min(1),
        titleWords: z.array(z.string().min(1)),
      }),
    )
    .min(1),
});

type Audience = { name: string; styrk: string[]; words: Phrase[]; titleWords: Phrase[] };

const audiences: Audience[] = fileSchema.parse(audiencesFile).audiences.map((audience) => ({
  name: audience.name,
  styrk: audience.styrk,
  words: audience.words.map(parsePhrase),
  titleWords: audience.titleWords.map(parsePhrase),
}));

/**
 * Where a description says whom it is for, in Bokmål, Nynorsk and English: the rest of the sentence after the
 * marker. Admission requirements say it too ("Opptakskrav: bachelor i sykepleie").
 */
const audienceMarkers = [
  /\bfor deg som\b/giu,
  /\bmålgrupp(?:a|en|er)\b/giu,
  /\bretter seg (?:mot|til)\b/giu,
  /\bretta mot\b/giu,
  /\brettet mot\b/giu,
  /\ber (?:beregnet|berekna) (?:for|på)\b/giu,
  /\bopptakskrav\b/giu,
  /\bkrav (?:til|om) opptak\b/giu,
  /\b(?:valuable|designed|intended|aimed|meant|suited|tailored|developed)\s+(?:primarily\s+|especially\s+|specifically\s+|mainly\s+)?for\b/giu,
  /\b(?:this|the) (?:course|programme|program|study) is (?:\w+ )?(?:for|aimed at)\b/giu,
  /\b(?:studiet|kurset|utdanningen|utdanninga|emnet|programmet) er (?:et tilbud til|eit tilbod til|for)\b/giu,
  /\b(?:aims|aimed) to help\b/giu,
  /\btarget audience\b/giu,
  /\bwho should (?:take|enrol)\b/giu,
];

/** The parts of a description that say whom the offering is for. */
function audienceSentences(description: string): string[] {
  const sentences: string[] = [];
  for (const marker of audienceMarkers) {
    for (const match of description.matchAll(marker)) {
      const rest = description.slice(match.index + match[0].length);
      sentences.push(rest.split(/[.!?\n]/u, 1)[0] ?? '');
    }
  }
  return sentences;
}

/** What an offering says about whom it is for: the "for …" part of its title and its audience sentences. */
function audienceStatements(offering: Pick<CatalogueOffering, 'title' | 'description'>): string[] {
  const forPart = /\sfor\s(.+)$/iu.exec(offering.title)?.[1];
  return [...(forPart ? [forPart] : []), ...audienceSentences(offering.description)];
}

/** The known audiences an offering names: discipline words in its title, audience words in its audience statements. */
function audiencesOf(offering: Pick<CatalogueOffering, 'title' | 'description'>): Audience[] {
  const title = wordsOf(offering.title);
  const statements = audienceStatements(offering).map(wordsOf);
  return audiences.filter(
    (audience) =>
      audience.titleWords.some((phrase) => findPhrase(phrase, title)) ||
      statements.some((words) => audience.words.some((phrase) => findPhrase(phrase, words))),
  );
}

/**
 * Whether an offering is for someone other than the role: it names known audiences, none holds the role's
 * STYRK-08 code, and its audience statements do not name the role itself ("… retter seg mot
 * helsefagarbeidere, sykepleiere" is also for the care worker). Returns the audience it is for, or null.
 */
export function otherAudience(options: {
  offering: Pick<CatalogueOffering, 'title' | 'description'>;
  styrkCode: string;
  roleNames: Phrase[];
}): string | null {
  const named = audiencesOf(options.offering);
  if (!named.length) return null;
  if (named.some((audience) => audience.styrk.some((prefix) => options.styrkCode.startsWith(prefix)))) return null;
  const statements = audienceStatements(options.offering).map(wordsOf);
  if (statements.some((words) => options.roleNames.some((phrase) => findPhrase(phrase, words)))) return null;
  return named[0]?.name ?? null;
}
