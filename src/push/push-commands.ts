import type { Rhythm } from './delivery-window.js';

/**
 * The learner's words for the push feature, in Bokmål, Nynorsk and English: follow the profile or a topic,
 * list, stop, change the rhythm or the quiet hours. Deliberately narrow — a sentence that merely mentions
 * courses is the interview's, not ours; only clear requests about notifications are taken here.
 */
export type PushCommand =
  | { type: 'follow_profile' }
  | { type: 'follow_topic'; topic: string }
  | { type: 'list' }
  | { type: 'stop_all' }
  | { type: 'stop_topic'; topic: string }
  | { type: 'rhythm'; rhythm: Rhythm }
  | { type: 'quiet'; startHour: number; endHour: number };

const notify = String.raw`(?:varsle?|varsl(?:e|a)\s+meg|gi\s+meg\s+beskjed|si\s+fr[aå]|notify|alert|tell)`;

const patterns: { pattern: RegExp; command: (match: RegExpExecArray) => PushCommand | undefined }[] = [
  // Quiet hours: "stille timer 22-07", "ikke varsle mellom 21 og 8", "quiet hours 22–7"
  {
    pattern:
      /(?:stille\s+tim(?:er|ar)|quiet\s+hours|ikke?\s+(?:varsle?|send)\w*\s+(?:meg\s+)?mellom|not\s+between|ikkje\s+mellom)\D{0,12}(\d{1,2})(?:[:.]00)?\s*(?:-|–|og|to|and|til)\s*(\d{1,2})/i,
    command: (match) => {
      const startHour = Number(match[1]);
      const endHour = Number(match[2]);
      return startHour <= 23 && endHour <= 23 ? { type: 'quiet', startHour, endHour } : undefined;
    },
  },
  // Stop: "stopp varsler", "slutt å varsle meg", "unsubscribe", "stop notifications", "ikke følg med på sveising"
  {
    pattern:
      /^(?:stopp|slutt\s+(?:å|med\s+å)\s+følg\w*(?:\s+med)?\s+på|ikkje\s+følg\s+med\s+på|ikke\s+følg\s+med\s+på|unfollow|stop\s+following)\s+(?:kurs\s+(?:i|om)\s+)?(.{2,80}?)[.!]?$/i,
    command: (match) =>
      /^(?:varsl|alle\s+varsl|notification|all\s+notif)/i.test(match[1]!)
        ? { type: 'stop_all' }
        : { type: 'stop_topic', topic: cleanTopic(match[1]!) },
  },
  {
    pattern:
      /\b(?:unsubscribe|avmeld|meld\s+meg\s+av|stop\s+(?:all\s+)?notifications|stop\s+notifying|slutt\s+(?:å|med\s+å)\s+varsle|ikke?\s+varsle?\s+meg\s+(?:mer|lenger)|ikkje\s+varsle\s+meg\s+(?:meir|lenger)|stopp\s+(?:alle\s+)?varsl\w*)\b/i,
    command: () => ({ type: 'stop_all' }),
  },
  // List: "mine varsler", "hva følger jeg", "my notifications", "what do I follow"
  {
    pattern:
      /\b(?:mine\s+varsl\w*|hva\s+følger\s+jeg|kva\s+følgjer\s+eg|my\s+notifications|my\s+subscriptions|what\s+do\s+i\s+follow)\b/i,
    command: () => ({ type: 'list' }),
  },
  // Rhythm, only when said about notifications ("5 timer hver uke" is the interview's): "varsle meg hver måned", "notify me weekly", "pause varsler"
  {
    pattern:
      /\b(?:varsl\w*|oversikt\w*|digest|notif\w*|notify\s+me|send\s+(?:meg|me))\b.*(?:\b(?:hver|kvar)\s+(?:måned|månad)\b|månedlig|månadleg|\bmonthly\b|\bevery\s+month\b)/i,
    command: () => ({ type: 'rhythm', rhythm: 'monthly' }),
  },
  {
    pattern:
      /\b(?:varsl\w*|oversikt\w*|digest|notif\w*|notify\s+me|send\s+(?:meg|me))\b.*(?:\b(?:hver|kvar)\s+(?:uke|veke)\b|ukentlig|vekentleg|\bweekly\b|\bevery\s+week\b)/i,
    command: () => ({ type: 'rhythm', rhythm: 'weekly' }),
  },
  {
    pattern: /\b(?:pause|sett\s+på\s+pause)\s+(?:varsl\w*|notifications)\b/i,
    command: () => ({ type: 'rhythm', rhythm: 'off' }),
  },
  // Follow a topic: "følg med på kurs i sveising", "varsle meg om kurs i sveising", "follow courses in welding"
  {
    pattern: new RegExp(
      String.raw`(?:følg(?:je)?\s+med\s+på|${notify}\s+(?:meg\s+|me\s+)?(?:om|about|when\s+there\s+are)|follow|keep\s+me\s+posted\s+on)\s+(?:nye\s+|new\s+)?(?:kurs|courses?|tilbud|offerings?|utdanning(?:er)?)\s+(?:i|om|innen|in|about|on)\s+(.{2,80}?)[.!?]?$`,
      'i',
    ),
    command: (match) => ({ type: 'follow_topic', topic: cleanTopic(match[1]!) }),
  },
  // Follow the profile: "varsle meg om nye kurs", "notify me about new courses", "notify me"
  {
    pattern: new RegExp(
      String.raw`^(?:ja,?\s+)?(?:${notify}\s+(?:meg|me)(?:\s+(?:om|about|when\s+there\s+are)\s+(?:nye\s+|new\s+)?(?:kurs|courses?|tilbud|offerings?))?|følg\s+med\s+for\s+meg)[.!]?$`,
      'i',
    ),
    command: () => ({ type: 'follow_profile' }),
  },
];

export function readPushCommand(text: string): PushCommand | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 200) return undefined;
  for (const { pattern, command } of patterns) {
    const match = pattern.exec(trimmed);
    if (match) {
      const found = command(match);
      if (found) return found;
    }
  }
  return undefined;
}

function cleanTopic(text: string): string {
  return text
    .replace(/["«»“”']/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
