/**
 * The Open Badges 3.0 credential Veileder issues, on the W3C Verifiable Credentials Data Model 2.0.
 * Field names follow the 1EdTech OB 3.0 data model (context 3.0.3) and VCDM 2.0; the contexts are constants
 * that are never fetched (verification works offline and nothing is loaded at run time).
 */

export const credentialsContextV2 = 'https://www.w3.org/ns/credentials/v2';
export const openBadgesContext = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

export const achievementTypes = ['Course', 'Certificate', 'License'] as const;
export type AchievementType = (typeof achievementTypes)[number];

type IssuerProfile = { id: string; type: ['Profile']; name: string; url?: string };

export type Alignment = {
  type: ['Alignment'];
  targetName: string;
  targetUrl: string;
  targetFramework: string;
  targetCode?: string;
  targetType: 'ceasn:Competency';
};

export type IdentityObject = {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'name' | 'emailAddress';
  hashed: boolean;
  salt?: string;
};

export type Evidence = {
  type: ['Evidence'];
  id?: string;
  name?: string;
  narrative?: string;
  description?: string;
  genre?: string;
};

type BitstringStatusListEntry = {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  statusListIndex: string;
  statusListCredential: string;
};

type Achievement = {
  id: string;
  type: ['Achievement'];
  name: string;
  description: string;
  criteria: { narrative: string };
  achievementType: AchievementType;
  alignment?: Alignment[];
  creditsAvailable?: number;
};

export type OpenBadgeCredential = {
  '@context': [typeof credentialsContextV2, typeof openBadgesContext];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  issuer: IssuerProfile;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: ['AchievementSubject'];
    identifier?: IdentityObject[];
    achievement: Achievement;
    activityEndDate?: string;
  };
  evidence?: Evidence[];
  credentialStatus: BitstringStatusListEntry;
};

/** An ESCO skill the achievement teaches, from the offering's concepts (taxonomy_concept, scheme esco_skill). */
export type EscoSkill = { uri: string; label: string; code?: string };

export function escoAlignment(skill: EscoSkill): Alignment {
  return {
    type: ['Alignment'],
    targetName: skill.label,
    targetUrl: skill.uri,
    targetFramework: 'ESCO',
    targetType: 'ceasn:Competency',
    ...(skill.code ? { targetCode: skill.code } : {}),
  };
}

/** VCDM dates are XML Schema dateTimes; whole seconds, so they equal the JWT's NumericDate claims exactly. */
export function toDateTime(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
