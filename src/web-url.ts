/**
 * The one test for "may this link be shown": an absolute http: or https: URL with a host and no user name or
 * password. Everything a renderer turns into a link (an `href`, Slack's `<url|label>`, Teams' Action.OpenUrl)
 * comes from feeds or the database, so `javascript:` and `data:` must stop here; credentials are refused
 * because `https://nokut.no@evil.example/` reads as nokut.no to a person and goes to evil.example.
 * Import rejects other URLs (feed-offering.ts), and every renderer checks again, since the database may hold
 * rows imported before this check existed.
 */
export function isWebUrl(value: string | null | undefined): value is string {
  // The parser forgives a missing slash ("http:/x") and drops tabs and newlines ("java\nscript:"); a link we
  // pass on is read again by Slack, Teams and browsers, so it must already be in the plain form.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
  if (!value || !/^https?:\/\/[^/]/i.test(value) || /[\u0000-\u001f\u007f]/.test(value)) return false;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return false;
  }
  return (
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The URL when it may be shown as a link, else null (the offering is then shown without one). */
export const webUrlOrNull = (value: string | null | undefined): string | null => (isWebUrl(value) ? value : null);
