import type { WorkspaceLanguage } from '../section.js';

/** The privacy page's words, Bokmål and English. */
const nb = {
  title: 'Personvern',
  intro:
    'Finn en person for å gi dem innsyn (eksport) eller slette alt som er lagret om dem. Hvert oppslag, hver eksport og hver sletting logges med personens interne id.',
  query: 'Kanal-id (Teams, Slack, web) eller person-id',
  find: 'Finn',
  noneFound: 'Fant ingen person med den id-en.',
  learner: 'Person-id',
  channels: 'Kanaler',
  created: 'Første kontakt',
  lastSeen: 'Sist sett',
  consent: 'Samtykke',
  consentStates: { given: 'gitt', declined: 'avslått', not_answered: 'ikke svart' } as Record<string, string>,
  conversations: 'Samtaler',
  ratings: 'Vurderinger',
  actions: 'Handlinger',
  exportJson: 'Eksporter (JSON)',
  delete: 'Slett alt',
  confirmDelete: 'Jeg har kontrollert at dette er riktig person',
  mustConfirm: 'Kryss av for at du har kontrollert personen før du sletter.',
  deleted: 'Personen og alt som var lagret om dem er slettet.',
  notFound: 'Fant ikke personen; kanskje er den allerede slettet.',
  retentionTitle: 'Lagringstid',
  retentionDays: (days: number) =>
    `Samtaler uten aktivitet slettes etter ${days} dager (VEILEDER_RETENTION_DAYS), sammen med personer uten samtykke som ikke har noe igjen.`,
  retentionKept: 'Samtaler lagres til personen ber om sletting (VEILEDER_RETENTION_DAYS=0).',
  lastPurge: 'Siste sletting etter lagringstid',
  never: 'ingen ennå',
  auditLink: 'Se revisjonsloggen',
};

export type PrivacyTexts = typeof nb;

const en: PrivacyTexts = {
  title: 'Privacy',
  intro:
    'Find a person to give them access to their data (export) or to delete everything stored about them. Every look-up, export and deletion is logged with the person’s internal id.',
  query: 'Channel id (Teams, Slack, web) or person id',
  find: 'Find',
  noneFound: 'No person with that id.',
  learner: 'Person id',
  channels: 'Channels',
  created: 'First contact',
  lastSeen: 'Last seen',
  consent: 'Consent',
  consentStates: { given: 'given', declined: 'declined', not_answered: 'not answered' },
  conversations: 'Conversations',
  ratings: 'Ratings',
  actions: 'Actions',
  exportJson: 'Export (JSON)',
  delete: 'Delete everything',
  confirmDelete: 'I have checked this is the right person',
  mustConfirm: 'Tick the box to confirm you checked the person before deleting.',
  deleted: 'The person and everything stored about them has been deleted.',
  notFound: 'The person was not found; they may already be deleted.',
  retentionTitle: 'Retention',
  retentionDays: (days: number) =>
    `Conversations without activity are deleted after ${days} days (VEILEDER_RETENTION_DAYS), together with people without consent who have nothing left.`,
  retentionKept: 'Conversations are kept until the person asks for deletion (VEILEDER_RETENTION_DAYS=0).',
  lastPurge: 'Last retention purge',
  never: 'none yet',
  auditLink: 'See the audit log',
};

export const privacyTexts = (language: WorkspaceLanguage): PrivacyTexts => (language === 'en' ? en : nb);
