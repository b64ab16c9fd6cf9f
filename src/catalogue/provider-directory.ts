import { z } from 'zod';
import providersFile from '../../data/providers.json' with { type: 'json' };
import { providerKinds } from './offering.js';

/**
 * Who offers learning and who accredited them, from data/providers.json. Accreditation is a fact from that
 * file, never inferred in code: a provider the file does not know is created as kind "unknown" with no
 * accreditation.
 */

const providerEntrySchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  kind: z.enum(providerKinds),
  ownership: z.enum(['public', 'private']).nullable(),
  country: z.string().nullable().optional(),
  accreditedBy: z.string().nullable(),
  accreditationSource: z.string().nullable(),
  approval: z.string().optional(),
  note: z.string().optional(),
});

export type ProviderEntry = z.infer<typeof providerEntrySchema>;

const providerDirectorySchema = z.object({ providers: z.array(providerEntrySchema) });

/** "NTNU – Norges teknisk-naturvitenskapelige universitet" → "ntnu norges teknisk naturvitenskapelige universitet". */
function normaliseProviderName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[‐-―\-_/(),.:;’'"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export type ProviderDirectory = {
  entries: ProviderEntry[];
  /** The directory entry for a name or alias, if any. */
  find(name: string): ProviderEntry | undefined;
  /** The key a provider is stored under: its directory name when known, otherwise the name itself, normalised. */
  keyOf(name: string): string;
};

function createProviderDirectory(input: unknown): ProviderDirectory {
  const { providers } = providerDirectorySchema.parse(input);
  const byName = new Map<string, ProviderEntry>();
  for (const entry of providers) {
    for (const name of [entry.name, ...entry.aliases]) {
      const key = normaliseProviderName(name);
      const existing = byName.get(key);
      if (existing && existing !== entry)
        throw new Error(`providers: "${name}" names both "${existing.name}" and "${entry.name}"`);
      byName.set(key, entry);
    }
  }
  const find = (name: string) => byName.get(normaliseProviderName(name));
  return {
    entries: providers,
    find,
    keyOf: (name) => normaliseProviderName(find(name)?.name ?? name),
  };
}

let defaultDirectory: ProviderDirectory | undefined;

/** The directory shipped in data/providers.json. */
export function defaultProviderDirectory(): ProviderDirectory {
  defaultDirectory ??= createProviderDirectory(providersFile);
  return defaultDirectory;
}
