import type { Language } from '../profile/profile.js';
import type { AssignmentStatus } from './organisation.js';
import { gapSentence } from '../skill-evidence/gap-sentence.js';

/** What the organisation set-up and assignment answers say in chat, in Bokmål, Nynorsk and English. */

const nb = {
  joined: (organisation: string, role: string | null) =>
    `Velkommen! Du er nå koblet til ${organisation}${role ? ` som ${role}` : ''}. Anbefalinger og påminnelser fra arbeidsgiveren din kommer her.`,
  inviteUnknown: 'Den koden kjenner jeg ikke, eller den er utløpt. Be HR om en ny.',
  inviteAlreadyMember: (organisation: string) => `Du er allerede koblet til ${organisation}.`,
  pendingHeading: 'Dette er anbefalt for deg:',
  askNameAndNumber:
    'Så fint! Hva heter bedriften, og hva er organisasjonsnummeret? Skriv for eksempel «Fjordbygg AS 974 760 673». (Skriv «avbryt» for å stoppe.)',
  askNumber: (name: string) => `Og hva er organisasjonsnummeret til ${name}? Ni siffer, for eksempel 974 760 673.`,
  badNumber: (text: string) =>
    `«${text}» er ikke et gyldig organisasjonsnummer (ni siffer med riktig kontrollsiffer). Prøv igjen?`,
  alreadyRegistered: (number: string) =>
    `Organisasjonsnummer ${number} er allerede registrert hos oss. Ta kontakt med den som registrerte det, eller skriv et annet nummer.`,
  askIndustry: 'Hvilken bransje er dere i? Skriv et ord som «bygg» eller en SN2007-kode som 41.200, eller «hopp over».',
  industryChoices: 'Hvilken passer best?',
  industryUnknown: (text: string) =>
    `Jeg fant ingen bransje for «${text}». Prøv et annet ord eller en SN2007-kode, eller skriv «hopp over».`,
  askRoles:
    'Hvilke roller har dere? Skriv dem med komma, gjerne med antall: «14 tømrere, 6 elektrikere, 2 anleggsledere».',
  rolesUnknown: 'Jeg kjente ikke igjen noen av rollene. Prøv yrkesnavn som «tømrer» eller «elektriker».',
  rolesSkipped: (words: string[]) => `Disse kjente jeg ikke igjen og hoppet over: ${words.join(', ')}.`,
  done: (name: string, roles: string[]) =>
    `Ferdig! ${name} er registrert med ${roles.length === 1 ? 'rollen' : 'rollene'} ${roles.join(', ')}. Skriv «kompetanseplan» for å se hva rollene bør lære og hvilke tilbud som dekker det.`,
  cancelled: 'Greit, jeg har avbrutt registreringen.',
  skip: 'Hopp over',
  cancel: 'Avbryt',
  noOrganisation: 'Du har ikke registrert noen bedrift ennå. Skriv «registrer bedriften min» for å starte.',
  planHeading: (name: string, covered: number, skills: number) =>
    `Kompetanseplan for ${name}: ${covered} av ${skills} viktige ferdigheter har minst ett tilbud.`,
  planRole: (title: string, covered: number, skills: number) => `${title}: ${covered} av ${skills} ferdigheter dekket`,
  planGaps: (gaps: string[]) => `  ${gapSentence({ labels: gaps, language: 'nb' })}`,
  planMore: 'Hele planen (med utskrift og CSV) finner du i arbeidsflaten for rådgivere.',
  statusThanks: {
    suggested: 'Notert.',
    accepted: 'Flott, notert at du tar det!',
    started: 'Godt i gang – notert at du har startet.',
    completed: 'Gratulerer – notert som fullført!',
    declined: 'Greit, notert at du ikke tar det.',
  } as Record<AssignmentStatus, string>,
  statusRefused: 'Den statusen kan ikke endres slik lenger.',
  unknownAssignment: 'Jeg finner ikke den anbefalingen.',
  mandatoryThanks: 'Takk – notert at du har fullført kurset.',
};

const nn: typeof nb = {
  joined: (organisation: string, role: string | null) =>
    `Velkomen! Du er no kopla til ${organisation}${role ? ` som ${role}` : ''}. Tilrådingar og påminningar frå arbeidsgjevaren din kjem her.`,
  inviteUnknown: 'Den koden kjenner eg ikkje, eller han har gått ut. Be HR om ein ny.',
  inviteAlreadyMember: (organisation: string) => `Du er alt kopla til ${organisation}.`,
  pendingHeading: 'Dette er tilrådd for deg:',
  askNameAndNumber:
    'Så fint! Kva heiter bedrifta, og kva er organisasjonsnummeret? Skriv til dømes «Fjordbygg AS 974 760 673». (Skriv «avbryt» for å stoppe.)',
  askNumber: (name: string) => `Og kva er organisasjonsnummeret til ${name}? Ni siffer, til dømes 974 760 673.`,
  badNumber: (text: string) =>
    `«${text}» er ikkje eit gyldig organisasjonsnummer (ni siffer med rett kontrollsiffer). Prøv igjen?`,
  alreadyRegistered: (number: string) =>
    `Organisasjonsnummer ${number} er alt registrert hos oss. Ta kontakt med den som registrerte det, eller skriv eit anna nummer.`,
  askIndustry: 'Kva bransje er de i? Skriv eit ord som «bygg» eller ein SN2007-kode som 41.200, eller «hopp over».',
  industryChoices: 'Kva passar best?',
  industryUnknown: (text: string) =>
    `Eg fann ingen bransje for «${text}». Prøv eit anna ord eller ein SN2007-kode, eller skriv «hopp over».`,
  askRoles: 'Kva roller har de? Skriv dei med komma, gjerne med tal: «14 tømrarar, 6 elektrikarar, 2 anleggsleiarar».',
  rolesUnknown: 'Eg kjende ikkje att nokon av rollene. Prøv yrkesnamn som «tømrar» eller «elektrikar».',
  rolesSkipped: (words: string[]) => `Desse kjende eg ikkje att og hoppa over: ${words.join(', ')}.`,
  done: (name: string, roles: string[]) =>
    `Ferdig! ${name} er registrert med ${roles.length === 1 ? 'rolla' : 'rollene'} ${roles.join(', ')}. Skriv «kompetanseplan» for å sjå kva rollene bør lære og kva tilbod som dekkjer det.`,
  cancelled: 'Greitt, eg har avbrote registreringa.',
  skip: 'Hopp over',
  cancel: 'Avbryt',
  noOrganisation: 'Du har ikkje registrert noka bedrift enno. Skriv «registrer bedrifta mi» for å starte.',
  planHeading: (name: string, covered: number, skills: number) =>
    `Kompetanseplan for ${name}: ${covered} av ${skills} viktige ferdigheiter har minst eitt tilbod.`,
  planRole: (title: string, covered: number, skills: number) => `${title}: ${covered} av ${skills} ferdigheiter dekte`,
  planGaps: (gaps: string[]) => `  ${gapSentence({ labels: gaps, language: 'nn' })}`,
  planMore: 'Heile planen (med utskrift og CSV) finn du i arbeidsflata for rådgjevarar.',
  statusThanks: {
    suggested: 'Notert.',
    accepted: 'Flott, notert at du tek det!',
    started: 'Godt i gang – notert at du har starta.',
    completed: 'Gratulerer – notert som fullført!',
    declined: 'Greitt, notert at du ikkje tek det.',
  },
  statusRefused: 'Den statusen kan ikkje endrast slik lenger.',
  unknownAssignment: 'Eg finn ikkje den tilrådinga.',
  mandatoryThanks: 'Takk – notert at du har fullført kurset.',
};

const en: typeof nb = {
  joined: (organisation: string, role: string | null) =>
    `Welcome! You are now linked to ${organisation}${role ? ` as ${role}` : ''}. Recommendations and reminders from your employer will come here.`,
  inviteUnknown: 'I do not know that code, or it has expired. Ask HR for a new one.',
  inviteAlreadyMember: (organisation: string) => `You are already linked to ${organisation}.`,
  pendingHeading: 'This is recommended for you:',
  askNameAndNumber:
    'Great! What is the company called, and what is its organisation number? For example “Fjordbygg AS 974 760 673”. (Say “cancel” to stop.)',
  askNumber: (name: string) => `And what is ${name}'s organisation number? Nine digits, for example 974 760 673.`,
  badNumber: (text: string) =>
    `“${text}” is not a valid organisation number (nine digits with the right check digit). Try again?`,
  alreadyRegistered: (number: string) =>
    `Organisation number ${number} is already registered with us. Ask the person who registered it, or give another number.`,
  askIndustry: 'What industry are you in? Write a word like “construction” or an SN2007 code like 41.200, or “skip”.',
  industryChoices: 'Which fits best?',
  industryUnknown: (text: string) =>
    `I found no industry for “${text}”. Try another word or an SN2007 code, or say “skip”.`,
  askRoles:
    'Which roles do you have? Separate them with commas, with headcounts if you like: “14 carpenters, 6 electricians, 2 site managers”.',
  rolesUnknown: 'I did not recognise any of the roles. Try job titles like “carpenter” or “electrician”.',
  rolesSkipped: (words: string[]) => `I did not recognise these and left them out: ${words.join(', ')}.`,
  done: (name: string, roles: string[]) =>
    `Done! ${name} is registered with the ${roles.length === 1 ? 'role' : 'roles'} ${roles.join(', ')}. Say “team plan” to see what the roles should learn and which offerings cover it.`,
  cancelled: 'All right, I stopped the registration.',
  skip: 'Skip',
  cancel: 'Cancel',
  noOrganisation: 'You have not registered a company yet. Say “set up my company” to start.',
  planHeading: (name: string, covered: number, skills: number) =>
    `Team plan for ${name}: ${covered} of ${skills} essential skills have at least one offering.`,
  planRole: (title: string, covered: number, skills: number) => `${title}: ${covered} of ${skills} skills covered`,
  planGaps: (gaps: string[]) => `  ${gapSentence({ labels: gaps, language: 'en' })}`,
  planMore: "The whole plan (printable, and as CSV) is in the advisers' workspace.",
  statusThanks: {
    suggested: 'Noted.',
    accepted: "Great, noted that you'll take it!",
    started: 'Good going – noted that you have started.',
    completed: 'Congratulations – noted as completed!',
    declined: "All right, noted that you won't take it.",
  },
  statusRefused: 'That status cannot be changed that way any more.',
  unknownAssignment: 'I cannot find that recommendation.',
  mandatoryThanks: 'Thank you – noted that you completed the course.',
};

export const organisationChatTexts: Record<Language, typeof nb> = { nb, nn, en };
