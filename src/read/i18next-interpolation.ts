/**
 * i18next interpolation syntax of a source string: every `{{` closes with `}}` around a name
 * (`{{name}}`, `{{count, number}}`, `{{- html}}`). A broken one (`"Привет, {{name}!"`) would be
 * sent to the engine as text and shipped as text, so the source is refused with the place.
 */

/** The first problem of `text`'s interpolations, with its character offset; undefined when they are well formed. */
export function i18nextInterpolationProblem(text: string): { offset: number; problem: string } | undefined {
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    if (open < 0) return undefined;
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      return { offset: open, problem: `"{{" at offset ${open} is not closed by "}}" (${JSON.stringify(text.slice(open, open + 20))})` };
    }
    const name = text.slice(open + 2, close);
    if (name.trim() === '' || /[{}]/.test(name)) {
      return { offset: open, problem: `"{{${name}}}" at offset ${open} names no variable` };
    }
    from = close + 2;
  }
}
