import { wordPattern } from '../catalogue/word-pattern.js';

/**
 * The phrases Bokmål, Nynorsk and English use for format, time, price and level wishes. General language,
 * not any one learner's words: each pattern is a way people say a thing, matched on lowercased text.
 */

/** Alternatives as whole words; \b would not see æ, ø and å as letters. */
const words = (alternatives: string): RegExp => wordPattern([alternatives], 'u');

export const onlinePattern = words(
  'self-?paced|i eget tempo|i eige tempo|på nett|over nett|nettbaser[\\p{L}\\p{N}]*|nettstudi[\\p{L}\\p{N}]*|nettkurs[\\p{L}\\p{N}]*|fjernundervisning|fjernstudi[\\p{L}\\p{N}]*|digital undervisning|online|e-?læring|e-?learning|remote|distance learning|via nett|nettet',
);
export const campusPattern = words(
  'på campus|campusbaser[\\p{L}\\p{N}]*|stedbaser[\\p{L}\\p{N}]*|on campus|in person|in-person|fysisk oppmøte',
);
export const partTimePattern = words(
  'deltid|på deltid|jobbe ved sid(?:en|a) av|jobbar ved sida av|arbeide ved sid(?:en|a) av|work alongside|working alongside|deltidsstudi[\\p{L}\\p{N}]*|ved sid(?:en|a) av (jobb[\\p{L}\\p{N}]*|arbeid[\\p{L}\\p{N}]*)|kombinere med jobb[\\p{L}\\p{N}]*|kveldsstudi[\\p{L}\\p{N}]*|kveldskurs|på kveldstid|samlingsbaser[\\p{L}\\p{N}]*|part-?time|part time|alongside (my |a )?(job|work)|while working|besides (my )?(job|work)|self-?paced|i eget tempo|i eige tempo|evenings?',
);
export const freePattern = words(
  'gratis|kostnadsfri[\\p{L}\\p{N}]*|uten kostnad|utan kostnad|free of charge|free(?! time)|no cost|at no cost|without paying|ikke koste[\\p{L}\\p{N}]*|ikkje koste[\\p{L}\\p{N}]*',
);
export const folkHighSchoolPattern = words(
  'folkehøgskol[\\p{L}\\p{N}]*|folkehøgskul[\\p{L}\\p{N}]*|folkehøyskol[\\p{L}\\p{N}]*|folk high schools?',
);
export const oneYearPattern = words(
  'årsstudi[\\p{L}\\p{N}]*|årseining[\\p{L}\\p{N}]*|årsenhet[\\p{L}\\p{N}]*|one-year programme|one year programme|one-year course',
);
export const bachelorPattern = words('bachelor[\\p{L}\\p{N}]*|bachelorgrad[\\p{L}\\p{N}]*|undergraduate');
export const masterPattern = words('master[\\p{L}\\p{N}]*|mastergrad[\\p{L}\\p{N}]*|postgraduate|graduate degree');
export const furtherEducationPattern = words(
  'videreutdanning[\\p{L}\\p{N}]*|vidareutdanning[\\p{L}\\p{N}]*|etterutdanning[\\p{L}\\p{N}]*|further education|continuing education|professional development',
);
export const shortCoursePattern = words(
  'kort kurs|korte kurs|kortkurs[\\p{L}\\p{N}]*|introduksjonskurs[\\p{L}\\p{N}]*|innføringskurs[\\p{L}\\p{N}]*|short course[\\p{L}\\p{N}]*|introductory course[\\p{L}\\p{N}]*|intro course[\\p{L}\\p{N}]*|beginner course[\\p{L}\\p{N}]*|mooc[\\p{L}\\p{N}]*',
);
export const basicsPattern = words(
  'grunnleggende|grunnleggjande|the basics|basics of|introductory|introduction to|innføring i|innføringskurs|for nybegynnere|for nybyrjarar|for beginners|beginner',
);
/** A career change towards a profession: the learner wants a qualifying degree, as a wish. */
export const becomePattern = words(
  'vil bli|ville bli|og bli|og verte|ønsker å bli|ønskjer å bli|håper å bli|håpar å bli|å jobbe som|jobbe på sjøen som|å arbeide som|to work as|want to be an?|would like to be an?|and become|drømmer om å bli|drøymer om å bli|vil verte|want to become|wants to become|would like to become|to become an?|dream of becoming',
);
/** Said before a wish to make it soft. */
export const softMarkerPattern = words(
  'helst|gjerne|foretrekker|foretrekkjer|prefer|i.d prefer|would prefer|would rather|fortrinnsvis|ideelt sett|for eksempel|til dømes|til dæmes|f\\.eks|e\\.g|such as|ideally|preferably|if possible|om mogleg|om mulig',
);
/** Said anywhere in a clause, it makes the wish in it a tentative one ("et kort kurs holder kanskje", "maybe a bachelor?"). */
export const hedgePattern = words('kanskje|kan hende|kanhende|maybe|perhaps|possibly|might|eventuelt|evt\\.?');
/**
 * The current job, or the business the learner runs: these words say who the learner is, not what they want to
 * learn ("jeg er interessert i …" says what). A hyphen between letters
 * belongs to the title ("IT-konsulent", "HR-rådgiver", "back-end developer"); any other dash ends it.
 */
export const currentRolePattern =
  /\b(?:jeg er|eg er|jeg jobber som|eg jobbar som|jobber som|jobbar som|arbeider som|arbeider i|jobber i|jobbar i|i am an?|i'm an?|i work as an?|i work in|i was an?|i am working as an?|i own an?|i run an?|jeg eier (?:en|et)|eg eig (?:ein|eit)|jeg driver (?:en|et|eget|egen)|eg driv (?:ein|eit|eige|eiga))\s+(?!(?:interessert|interessera|interested|opptatt|oppteken|nysgjerrig|curious|keen|glad i|fond of)\b)((?:[^.,;!?–—-]|(?<=\p{L})-(?=\p{L}))+?)(?=\s+(?:og|men|and|but|som|med|with|who|that|in|i|på|at|interested|interessert)\b|[.,;!?–—]|-(?!\p{L})|(?<!\p{L})-|$)/gu;
export const hoursPerWeekPattern =
  /(\d+(?:[.,]\d+)?)\s*(?:-|–|til|to)?\s*(?:\d+\s*)?(?:timer|timar|t|hours|hrs|h)\s*(?:i|per|pr\.?|a|an|each|om|every|\/)\s*(?:uka|uke|uken|veka|veke|week)\b/;
export const maxPricePattern =
  /(?:under|maks|maksimalt|max|maximum|opptil|inntil|up to|less than|below|no more than|ikkje meir enn|ikke mer enn)\s*(\d[\d\s.,]*)\s*(kr|kroner|nok|,-)/;
export const startWithinPattern =
  /(?:innen|innan|within|i løpet av|i løpet av dei neste|in the next)\s*(\d+)\s*(?:måneder|månader|mnd|months?)/;
/** What the learner wants to learn, in their words: the rest of the clause after these. */
export const topicPattern =
  /(?:lære|læra|learn|learning|studere|study|studying|innen|innanfor|within|utdanning i|interessert i|interested in|spesialisere meg i|specialise in|specialize in|jobbe med|jobbe i|arbeide med|work with|move into|kompetanse i|kurs i|courses? in)\s+(.+?)(?=[.?!;]|$)/giu;
export const negationPattern = /(?:ikke|ikkje|not|don't|do not|no|aldri|never)\s+(?:\S+\s+){0,3}$/u;
