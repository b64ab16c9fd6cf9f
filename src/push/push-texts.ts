import type { Language } from '../profile/profile.js';

/**
 * What the push feature says, in Bokmål, Nynorsk and English. Kept beside the feature (not in
 * prompts/replies) because only it uses them; the type makes the three languages carry the same keys.
 */
type Texts = {
  offer: string;
  offerYes: string;
  offerNo: string;
  declined: string;
  followedProfile: string;
  followedTopic: (topic: string) => string;
  alreadyFollowing: string;
  nothingToFollow: string;
  listNone: string;
  listHeading: string;
  listProfile: string;
  listTopic: (topic: string) => string;
  listRhythm: (rhythm: string, quiet: string) => string;
  stoppedAll: string;
  stoppedTopic: (topic: string) => string;
  rhythmSet: (rhythm: string) => string;
  rhythmOff: string;
  quietSet: (quiet: string) => string;
  rhythmNames: { weekly: string; monthly: string; off: string };
  digestLead: (count: number) => string;
  why: string;
  unsubscribe: string;
  unsubscribeLink: string;
  monthly: string;
  weekly: string;
  unsubscribedPage: string;
  unsubscribedPageTitle: string;
  invalidLinkPage: string;
};

const nb: Texts = {
  offer:
    'Vil du at jeg sier fra når det kommer nye kurs som passer deg? Du får høyst én oversikt i uka, og kan stoppe når du vil.',
  offerYes: 'Ja, varsle meg',
  offerNo: 'Nei takk',
  declined: 'Greit, jeg spør ikke igjen. Skriv «varsle meg om nye kurs» om du ombestemmer deg.',
  followedProfile:
    'Nå følger du med på nye kurs som passer profilen din. Du får høyst én oversikt i uka (ikke mellom 22 og 07). Skriv «mine varsler» for å se eller endre det.',
  followedTopic: (topic) =>
    `Nå følger du med på nye kurs om «${topic}». Du får høyst én oversikt i uka (ikke mellom 22 og 07).`,
  alreadyFollowing: 'Du følger allerede med på dette.',
  nothingToFollow:
    'Fortell meg først litt om hva du vil lære, så vet jeg hva jeg skal se etter – eller skriv for eksempel «følg med på kurs i sveising».',
  listNone: 'Du følger ikke med på noe nå. Skriv «varsle meg om nye kurs» eller «følg med på kurs i sveising».',
  listHeading: 'Dette følger du med på:',
  listProfile: 'nye kurs som passer profilen din',
  listTopic: (topic) => `kurs om «${topic}»`,
  listRhythm: (rhythm, quiet) => `Oversikt: ${rhythm}. Stille timer: ${quiet}.`,
  stoppedAll: 'Ferdig – du får ingen flere varsler om nye kurs.',
  stoppedTopic: (topic) => `Du følger ikke lenger med på «${topic}».`,
  rhythmSet: (rhythm) => `Du får nå oversikten ${rhythm}.`,
  rhythmOff: 'Varslene er satt på pause. Skriv «varsle meg hver uke» for å slå dem på igjen.',
  quietSet: (quiet) => `Jeg sender ikke noe mellom ${quiet}.`,
  rhythmNames: { weekly: 'hver uke', monthly: 'hver måned', off: 'av' },
  digestLead: (count) => (count === 1 ? 'Et nytt kurs som passer deg:' : `${count} nye kurs som passer deg:`),
  why: 'Hvorfor',
  unsubscribe: 'Stopp varslene',
  unsubscribeLink: 'Stopp alle varsler',
  monthly: 'Varsle meg hver måned',
  weekly: 'Varsle meg hver uke',
  unsubscribedPage:
    'Du får ingen flere varsler om nye kurs fra Veileder. Du kan slå dem på igjen i samtalen når du vil.',
  unsubscribedPageTitle: 'Varslene er stoppet',
  invalidLinkPage: 'Lenken er ikke gyldig. Skriv «stopp varsler» til Veileder i stedet.',
};

const nn: Texts = {
  offer:
    'Vil du at eg seier frå når det kjem nye kurs som passar deg? Du får høgst éi oversikt i veka, og kan stoppe når du vil.',
  offerYes: 'Ja, varsle meg',
  offerNo: 'Nei takk',
  declined: 'Greitt, eg spør ikkje igjen. Skriv «varsle meg om nye kurs» om du ombestemmer deg.',
  followedProfile:
    'No følgjer du med på nye kurs som passar profilen din. Du får høgst éi oversikt i veka (ikkje mellom 22 og 07). Skriv «mine varsel» for å sjå eller endre det.',
  followedTopic: (topic) =>
    `No følgjer du med på nye kurs om «${topic}». Du får høgst éi oversikt i veka (ikkje mellom 22 og 07).`,
  alreadyFollowing: 'Du følgjer alt med på dette.',
  nothingToFollow:
    'Fortel meg først litt om kva du vil lære, så veit eg kva eg skal sjå etter – eller skriv til dømes «følg med på kurs i sveising».',
  listNone: 'Du følgjer ikkje med på noko no. Skriv «varsle meg om nye kurs» eller «følg med på kurs i sveising».',
  listHeading: 'Dette følgjer du med på:',
  listProfile: 'nye kurs som passar profilen din',
  listTopic: (topic) => `kurs om «${topic}»`,
  listRhythm: (rhythm, quiet) => `Oversikt: ${rhythm}. Stille timar: ${quiet}.`,
  stoppedAll: 'Ferdig – du får ingen fleire varsel om nye kurs.',
  stoppedTopic: (topic) => `Du følgjer ikkje lenger med på «${topic}».`,
  rhythmSet: (rhythm) => `Du får no oversikta ${rhythm}.`,
  rhythmOff: 'Varsla er sett på pause. Skriv «varsle meg kvar veke» for å slå dei på igjen.',
  quietSet: (quiet) => `Eg sender ikkje noko mellom ${quiet}.`,
  rhythmNames: { weekly: 'kvar veke', monthly: 'kvar månad', off: 'av' },
  digestLead: (count) => (count === 1 ? 'Eit nytt kurs som passar deg:' : `${count} nye kurs som passar deg:`),
  why: 'Kvifor',
  unsubscribe: 'Stopp varsla',
  unsubscribeLink: 'Stopp alle varsel',
  monthly: 'Varsle meg kvar månad',
  weekly: 'Varsle meg kvar veke',
  unsubscribedPage:
    'Du får ingen fleire varsel om nye kurs frå Veileder. Du kan slå dei på igjen i samtalen når du vil.',
  unsubscribedPageTitle: 'Varsla er stoppa',
  invalidLinkPage: 'Lenkja er ikkje gyldig. Skriv «stopp varsel» til Veileder i staden.',
};

const en: Texts = {
  offer:
    'Would you like me to tell you when new courses that fit you appear? At most one digest a week, and you can stop any time.',
  offerYes: 'Yes, notify me',
  offerNo: 'No thanks',
  declined: 'All right, I won\'t ask again. Write "notify me about new courses" if you change your mind.',
  followedProfile:
    'You now follow new courses that fit your profile. At most one digest a week (never between 22 and 07). Write "my notifications" to see or change it.',
  followedTopic: (topic) =>
    `You now follow new courses about "${topic}". At most one digest a week (never between 22 and 07).`,
  alreadyFollowing: 'You already follow this.',
  nothingToFollow:
    'Tell me a little about what you want to learn first, so I know what to look for — or write, for example, "follow courses in welding".',
  listNone: 'You follow nothing right now. Write "notify me about new courses" or "follow courses in welding".',
  listHeading: 'You follow:',
  listProfile: 'new courses that fit your profile',
  listTopic: (topic) => `courses about "${topic}"`,
  listRhythm: (rhythm, quiet) => `Digest: ${rhythm}. Quiet hours: ${quiet}.`,
  stoppedAll: 'Done — no more notifications about new courses.',
  stoppedTopic: (topic) => `You no longer follow "${topic}".`,
  rhythmSet: (rhythm) => `You now get the digest ${rhythm}.`,
  rhythmOff: 'Notifications are paused. Write "notify me weekly" to switch them on again.',
  quietSet: (quiet) => `I will send nothing between ${quiet}.`,
  rhythmNames: { weekly: 'weekly', monthly: 'monthly', off: 'off' },
  digestLead: (count) => (count === 1 ? 'A new course that fits you:' : `${count} new courses that fit you:`),
  why: 'Why',
  unsubscribe: 'Stop notifications',
  unsubscribeLink: 'Stop all notifications',
  monthly: 'Notify me monthly',
  weekly: 'Notify me weekly',
  unsubscribedPage:
    'You will get no more notifications about new courses from Veileder. You can switch them on again in the conversation any time.',
  unsubscribedPageTitle: 'Notifications stopped',
  invalidLinkPage: 'This link is not valid. Write "stop notifications" to Veileder instead.',
};

export const pushTexts: Record<Language, Texts> = { nb, nn, en };

export const quietHoursText = (startHour: number, endHour: number) =>
  `${String(startHour).padStart(2, '0')}–${String(endHour).padStart(2, '0')}`;
