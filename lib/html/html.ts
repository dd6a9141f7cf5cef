// HTML built as text, for the parts of public pages that repeat hundreds of times (a busy page's
// past incidents, a large page's components): React spends ~10 µs on every element it renders and
// serializes, a template a fraction of that. Every value put into a template is escaped unless it
// is already `Html`, so text from staff or an import can never become markup.

/** Markup that is safe to put into a page as it is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = string | number | Html | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as it must appear in an element's content or in a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function append(out: string, value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return out;
  if (value instanceof Html) return out + value.value;
  if (Array.isArray(value)) {
    let joined = out;
    for (const item of value as readonly HtmlValue[]) joined = append(joined, item);
    return joined;
  }
  return out + escapeHtml(String(value));
}

/**
 * A template of markup: `html\`<a href="${url}">${name}</a>\``. Strings and numbers are escaped,
 * `Html` is kept, arrays are joined, and null, undefined and false leave nothing. Attribute values
 * must be quoted with `"` in the template. Escaping keeps a value inside its attribute, not
 * harmless in it: a URL (`href`, `src`), `style` or `on…` attribute must get a value the code made
 * or checked, never text from staff as it is.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out = append(out, values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Markup made by code that already made it safe, such as the markdown renderer. */
export function trustedHtml(markup: string): Html {
  return new Html(markup);
}
