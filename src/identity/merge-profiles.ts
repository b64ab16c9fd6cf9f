import { profileSchema, type Profile } from '../profile/profile.js';

/**
 * Two profiles of one person (linked across channels) as one: what the primary profile says stands; the
 * other fills what it leaves out, and lists (goals, topics, places…) are joined without repeats. Generic
 * over the fields, so a field added to the Profile schema merges without a change here.
 */
export function mergeProfiles(options: { primary: Profile; secondary: Profile }): Profile {
  const merged: Record<string, unknown> = { ...options.secondary };
  for (const [key, value] of Object.entries(options.primary)) {
    const other = merged[key];
    if (Array.isArray(value) && Array.isArray(other)) merged[key] = unique([...value, ...other]);
    else if (value !== undefined && !(Array.isArray(value) && value.length === 0)) merged[key] = value;
  }
  return profileSchema.parse(merged);
}

function unique(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
