import type { CredentialService } from '../../adapters/credentials/credential-service.js';
import type { Database } from '../../adapters/storage/database.js';

/**
 * A construction firm with two roles and five people, each linked to a learner, and credentials issued to
 * them through the real issuing path (CredentialService.issue): the HMS course (valid, revoked, expired),
 * a scaffolding course, and fall protection for a carpenter.
 */

export const hmsAchievementId = 'https://veileder.example.no/api/offerings/hms-bygg#achievement';
const scaffoldingAchievementId = 'https://veileder.example.no/api/offerings/stillas#achievement';
export const fallAchievementId = 'https://veileder.example.no/api/offerings/fallsikring#achievement';
const escoSafety = {
  uri: 'http://data.europa.eu/esco/skill/hms-0000-0000-0000-000000000001',
  label: 'følge helse-, miljø- og sikkerhetsrutiner',
};

export type SiteCheckWorld = {
  organisationId: string;
  carpenterRoleId: string;
  electricianRoleId: string;
  jwts: {
    olaHms: string;
    kariHmsRevoked: string;
    perHmsExpired: string;
    liseScaffolding: string;
    torHms: string;
    torFall: string;
  };
  ids: {
    olaHms: string;
    kariHmsRevoked: string;
    perHmsExpired: string;
    liseScaffolding: string;
    torHms: string;
    torFall: string;
  };
};

export async function seedSiteCheckWorld(options: {
  database: Database;
  credentials: CredentialService;
  ownerAdviserId: string | null;
  now: Date;
}): Promise<SiteCheckWorld> {
  const { pool } = options.database;
  const {
    rows: [organisation],
  } = await pool.query<{ id: string }>(
    "INSERT INTO organisation (name, organisation_number, owner_adviser_id) VALUES ('Fjordbygg AS', '974760673', $1) RETURNING id",
    [options.ownerAdviserId],
  );
  const role = async (title: string, code: string) =>
    (
      await pool.query<{ id: string }>(
        'INSERT INTO organisation_role (organisation_id, styrk_code, title) VALUES ($1, $2, $3) RETURNING id',
        [organisation!.id, code, title],
      )
    ).rows[0]!.id;
  const carpenterRoleId = await role('Tømrer', '7115');
  const electricianRoleId = await role('Elektriker', '7411');
  const person = async (name: string, roleId: string | null) => {
    const {
      rows: [learner],
    } = await pool.query<{ id: string }>('INSERT INTO learner (id) VALUES (gen_random_uuid()::text) RETURNING id');
    await pool.query(
      'INSERT INTO organisation_member (organisation_id, role_id, name, learner_id) VALUES ($1, $2, $3, $4)',
      [organisation!.id, roleId, name, learner!.id],
    );
    return learner!.id;
  };
  const ola = await person('Ola Nordmann', electricianRoleId);
  const kari = await person('Kari Hansen', electricianRoleId);
  const per = await person('Per Berg', carpenterRoleId);
  const lise = await person('Lise Dahl', carpenterRoleId);
  const tor = await person('Tor Lie', carpenterRoleId);

  const day = 86_400_000;
  const inAYear = new Date(options.now.getTime() + 365 * day);
  const issue = (
    learnerId: string,
    name: string,
    achievement: { id: string; name: string },
    validity: { from?: Date; until: Date },
  ) =>
    options.credentials.issue({
      learnerId,
      recipient: { name },
      achievement: {
        id: achievement.id,
        name: achievement.name,
        description: `${achievement.name}.`,
        criteriaNarrative: 'Bestått kurs.',
        achievementType: 'Course',
        skills: achievement.id === hmsAchievementId ? [escoSafety] : [],
      },
      validFrom: validity.from,
      validUntil: validity.until,
      evidence: [],
      source: 'adviser',
    });
  const hms = { id: hmsAchievementId, name: 'HMS-kurs for bygg og anlegg' };
  const olaHms = await issue(ola, 'Ola Nordmann', hms, { until: inAYear });
  const kariHmsRevoked = await issue(kari, 'Kari Hansen', hms, { until: inAYear });
  await options.credentials.revoke({ credentialId: kariHmsRevoked.id, reason: 'Kurset ble ikke fullført' });
  // Expired: valid for a year that ended 30 days ago.
  const perHmsExpired = await issue(per, 'Per Berg', hms, {
    from: new Date(options.now.getTime() - 395 * day),
    until: new Date(options.now.getTime() - 30 * day),
  });
  const liseScaffolding = await issue(
    lise,
    'Lise Dahl',
    { id: scaffoldingAchievementId, name: 'Stillaskurs' },
    { until: inAYear },
  );
  const torHms = await issue(tor, 'Tor Lie', hms, { until: inAYear });
  const torFall = await issue(tor, 'Tor Lie', { id: fallAchievementId, name: 'Fallsikring' }, { until: inAYear });
  return {
    organisationId: organisation!.id,
    carpenterRoleId,
    electricianRoleId,
    jwts: {
      olaHms: olaHms.jwt,
      kariHmsRevoked: kariHmsRevoked.jwt,
      perHmsExpired: perHmsExpired.jwt,
      liseScaffolding: liseScaffolding.jwt,
      torHms: torHms.jwt,
      torFall: torFall.jwt,
    },
    ids: {
      olaHms: olaHms.id,
      kariHmsRevoked: kariHmsRevoked.id,
      perHmsExpired: perHmsExpired.id,
      liseScaffolding: liseScaffolding.id,
      torHms: torHms.id,
      torFall: torFall.id,
    },
  };
}
