import type { CredentialFacts } from './credential-fields.js';

/** What checking a credential's proof found, before validity dates, status and trust are looked at. */
export type ProofOutcome =
  | { kind: 'malformed'; detail: string; facts?: CredentialFacts }
  | { kind: 'unsupported_proof'; detail: string; facts: CredentialFacts }
  | { kind: 'unresolvable'; detail: string; facts: CredentialFacts }
  | { kind: 'unknown_key'; facts: CredentialFacts }
  | { kind: 'invalid_signature'; facts: CredentialFacts }
  /** `bound` false: the signature holds for a key that came with the credential and is not the issuer's published key. */
  | { kind: 'verified'; facts: CredentialFacts; bound: boolean; format: 'vc-jwt' | 'data-integrity' };
