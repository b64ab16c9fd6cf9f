import { isWebUrl } from '../../src/web-url.js';

/**
 * Writing data into an Adaptive Card TextBlock, which Teams and Web Chat read as Markdown: a title such as
 * `Ledelse [Logg inn her](https://evil.example/phish)` would otherwise become a link, and `*`, `_`, `~` or a
 * leading "1." restyle the card. Every text from feeds, the database or a model goes through
 * `escapeCardMarkdown`; a link is written only for an http(s) URL.
 */
export function escapeCardMarkdown(text: string): string {
  return text
    .replace(/[\\`*_~[\]<>]/g, '\\$&')
    .replace(
      /^(\s*)([-+]|\d+[.)])(?=\s|$)/gm,
      (_match, indent: string, marker: string) => `${indent}${marker.replace(/[-+.)]/, '\\$&')}`,
    );
}

/** `[label](url)`, or the label alone when the URL is not http(s); `(`, `)` and spaces would end the URL early. */
export function cardLink(label: string, url: string | null | undefined): string {
  if (!isWebUrl(url)) return escapeCardMarkdown(label);
  return `[${escapeCardMarkdown(label)}](${url.replace(/[()<>\s]/g, (character) => encodeURIComponent(character))})`;
}
