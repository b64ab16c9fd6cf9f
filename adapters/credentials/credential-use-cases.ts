import type pg from 'pg';
import type { CredentialIssuing } from '../../src/credentials/completion-ports.js';
import type { IssuedCredential } from '../../src/credentials/issue-credential.js';
import { recordAdviserCompletion, type AdviserCompletion } from '../../src/credentials/record-adviser-completion.js';
import { recordProviderCompletion, type ProviderCompletion } from '../../src/credentials/record-provider-completion.js';
import { VeilederError } from '../../src/errors.js';
import { createLearnerDirectory } from '../storage/learner-directory.js';
import { createOfferingAchievements } from '../storage/offering-achievement.js';
import type { CredentialService } from './credential-service.js';

/** The credential use cases the web routes call, their ports filled in once (adapters/runtime.ts). */
export type CredentialUseCases = {
  recordProviderCompletion(input: { providerId: string; completion: ProviderCompletion }): Promise<IssuedCredential>;
  recordAdviserCompletion(input: { adviserId: string; completion: AdviserCompletion }): Promise<IssuedCredential>;
};

export function composeCredentialUseCases(options: {
  pool: pg.Pool;
  /** Absent = credentials are switched off: recording a completion says so. */
  credentials: CredentialService | undefined;
}): CredentialUseCases {
  const ports = {
    offerings: createOfferingAchievements({ pool: options.pool }),
    learners: createLearnerDirectory({ pool: options.pool }),
    issuing: credentialIssuing(options.credentials),
  };
  return {
    recordProviderCompletion: (input) => recordProviderCompletion({ ...input, ...ports }),
    recordAdviserCompletion: (input) => recordAdviserCompletion({ ...input, ...ports }),
  };
}

function credentialIssuing(credentials: CredentialService | undefined): CredentialIssuing {
  const service = (): CredentialService => {
    if (!credentials)
      throw new VeilederError({
        code: 'invalid_configuration',
        message: 'credentials are switched off',
        userMessage: 'Credentials are switched off on this server: set VEILEDER_CREDENTIAL_SECRET.',
      });
    return credentials;
  };
  return {
    achievementIdFor: (offeringId) => `${service().issuer.publicUrl}/api/offerings/${offeringId}#achievement`,
    issue: (input) => service().issue(input),
  };
}
