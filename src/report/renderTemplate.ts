import { createReportHandlebars, type TemplateSource } from './createReportHandlebars.js';
import { escapeMarkdown, mapStrings } from './escapeMarkdown.js';

/** How the output escapes the view's text: HTML (Handlebars' own escaping) or Markdown. */
export type OutputFormat = 'html' | 'markdown';

/**
 * Renders a view model with a template. Every string of the view is escaped for the output format:
 * for HTML by Handlebars (`{{x}}`; templates never use `{{{x}}}`), for Markdown by escaping the view's
 * strings with {@link escapeMarkdown} before rendering, so neither can forget a field. `strict` mode
 * makes a misspelt field a render error instead of an empty cell. A source's `precompiled` form, when it
 * is for this format, renders the same bytes without compiling. Templates cannot reach prototypes, and
 * the only helper that prints markup (`chart`) prints only charts the report rendered.
 *
 * @example renderTemplate({ template: '# {{name}}', partials: {} }, { name: 'a | b' }, 'markdown') // '# a \\| b'
 */
export function renderTemplate(source: TemplateSource, view: object, format: OutputFormat): string {
  const { precompiled } = source;
  const render =
    precompiled?.format === format
      ? createReportHandlebars(precompiled.partials).template(precompiled.template)
      : createReportHandlebars(source.partials).compile(source.template, TEMPLATE_OPTIONS[format]);
  return render(format === 'html' ? view : mapStrings(view, escapeMarkdown), NO_PROTOTYPES);
}

/**
 * How each format's templates are compiled, at run time or ahead of it: strict (a misspelt field is an
 * error), and for Markdown without Handlebars' HTML escaping (the view's strings are escaped instead).
 */
export const TEMPLATE_OPTIONS = {
  html: { strict: true },
  markdown: { strict: true, noEscape: true },
} as const satisfies Record<OutputFormat, CompileOptions>;

/**
 * Templates see the view's own fields only: `{{constructor}}`, `{{__proto__}}` and any other inherited
 * property or method print nothing (Handlebars' defaults since 4.6, stated here so they cannot drift).
 */
const NO_PROTOTYPES = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;
