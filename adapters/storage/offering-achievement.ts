import type pg from 'pg';
import type { OfferingAchievement, OfferingAchievements } from '../../src/credentials/completion-ports.js';

/**
 * What a credential for an offering says about the achievement: the offering's title and description, and
 * the ESCO skills linked to it (offering_concept → taxonomy_concept, scheme esco_skill, strongest first) as
 * alignments. At most ten skills, so a credential stays small enough for a QR code's share link page.
 */
async function readOfferingAchievement(pool: pg.Pool, offeringId: string): Promise<OfferingAchievement | null> {
  const { rows } = await pool.query<{
    id: string;
    provider_id: string;
    provider_name: string;
    title: string;
    description: string;
    url: string | null;
  }>(
    'SELECT offering.id, offering.provider_id, provider.name AS provider_name, offering.title, offering.description, offering.url FROM offering JOIN provider ON provider.id = offering.provider_id WHERE offering.id = $1',
    [offeringId],
  );
  const offering = rows[0];
  if (!offering) return null;
  const { rows: skills } = await pool.query<{ uri: string; label: string; code: string }>(
    `SELECT concept.uri, concept.label, concept.code FROM offering_concept link JOIN taxonomy_concept concept ON concept.id = link.concept_id
      WHERE link.offering_id = $1 AND concept.scheme = 'esco_skill' AND concept.uri IS NOT NULL ORDER BY link.weight DESC, concept.label LIMIT 10`,
    [offeringId],
  );
  return {
    offeringId: offering.id,
    providerId: offering.provider_id,
    providerName: offering.provider_name,
    title: offering.title,
    description: offering.description,
    url: offering.url,
    skills: skills.map((skill) => ({ uri: skill.uri, label: skill.label })),
  };
}

/** The catalogue as the completion use cases see it (src/credentials/completion-ports.ts). */
export function createOfferingAchievements(options: { pool: pg.Pool }): OfferingAchievements {
  return { read: (offeringId) => readOfferingAchievement(options.pool, offeringId) };
}
