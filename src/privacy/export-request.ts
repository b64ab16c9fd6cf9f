/**
 * Recognises a learner asking for a copy of their data, in Bokmål, Nynorsk or English: "eksporter dataene
 * mine", "last ned dataa mine", "jeg vil ha innsyn", "export my data", "download my personal data".
 * Deliberately narrow — it must name both a verb of taking out and the learner's data — so that a learner
 * who wants to learn about data export (a course topic) is not answered with a download link.
 */

const takeOut = String.raw`(?:eksporter\w*|last\w*\s+ned|hent\w*\s+ut|f[åa]\s+(?:ut|en\s+kopi\s+av|ein\s+kopi\s+av)|kopi\s+av|export\w*|download\w*|get\s+(?:a\s+copy\s+of|my)|copy\s+of|send\s+(?:me\s+)?)`;
const myData = String.raw`(?:(?:alle\s+)?(?:dataene|dataa|dataane|data|opplysningene|opplysningane|personopplysningene|personopplysningane)\s+(?:mine|om\s+meg|du\s+har\s+om\s+meg)|mine\s+(?:data|opplysninger|opplysningar|personopplysninger|personopplysningar)|(?:all\s+)?(?:of\s+)?my\s+(?:personal\s+)?(?:data|information)|(?:the\s+)?(?:data|information)\s+(?:you\s+(?:have|hold|store)\s+)?(?:about|on)\s+me)`;

const patterns = [
  new RegExp(String.raw`\b${takeOut}\b.*\b${myData}`, 'i'),
  /\b(?:innsyn|subject\s+access\s+request)\b/i,
];

export function isExportRequest(text: string): boolean {
  const message = text.trim();
  if (message === '' || message.length > 300) return false;
  return patterns.some((pattern) => pattern.test(message));
}
