/**
 * Server-rendered HTML, escaped by construction: the `html` tag escapes every value it interpolates, so a
 * page cannot forget to. Only two things pass through untouched: fragments that are already safe (the
 * result of another `html` template) and text marked with `raw` — an explicit, greppable claim that the
 * text is trusted markup. Arrays are rendered item by item and joined without a separator; null,
 * undefined and false render nothing, so `${condition && html`…`}` reads naturally.
 */

/** A fragment of markup that is safe to put in a page as it is. Made only by `html` and `raw`. */
class SafeHtmlFragment {
  readonly #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  /** The markup, e.g. for response.send — which must be given a string, never the fragment itself. */
  toString(): string {
    return this.#text;
  }
}

export type SafeHtml = SafeHtmlFragment;

/** What a template may interpolate. `true` is left out on purpose: it would print "true", never what was meant. */
export type HtmlValue = SafeHtml | string | number | bigint | null | undefined | false | readonly HtmlValue[];

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtmlFragment) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let text = strings[0] ?? '';
  for (const [index, value] of values.entries()) text += render(value) + (strings[index + 1] ?? '');
  return new SafeHtmlFragment(text);
}

/** Trusted markup, passed through unescaped: only for text this program wrote itself, never for data. */
export function raw(markup: string): SafeHtml {
  return new SafeHtmlFragment(markup);
}

/** The items with a separator between them (`${items}` alone joins them with nothing), all escaped as in `html`. */
export function joinHtml(items: readonly HtmlValue[], separator: HtmlValue): SafeHtml {
  return new SafeHtmlFragment(items.map(render).join(render(separator)));
}
