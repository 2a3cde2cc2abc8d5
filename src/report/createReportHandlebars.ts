import Handlebars from 'handlebars';
import { REPORT_HELPERS } from './reportHelpers.js';

/**
 * A template compiled ahead of time (`Handlebars.precompile`) with its partials, for one output format:
 * rendering it skips Handlebars' compiler, which costs a short command more than the rendering itself.
 */
export interface PrecompiledTemplate {
  format: 'html' | 'markdown';
  template: TemplateSpecification;
  partials: Readonly<Record<string, TemplateSpecification>>;
}

/**
 * A template and the partials it may use (`{{> name}}`), as text; `precompiled` is the same text
 * compiled ahead of time, when the build has it (see `precompiledTemplate` in src/io/).
 */
export interface TemplateSource {
  template: string;
  partials: Readonly<Record<string, string>>;
  precompiled?: PrecompiledTemplate;
}

/**
 * An isolated Handlebars environment (`Handlebars.create()`) with the report helpers and the given
 * partials (text, or precompiled), so reports never depend on, or leak into, the global Handlebars instance. Add helpers of a
 * richer report (charts) with `registerHelper` on the returned environment.
 */
export function createReportHandlebars(
  partials: Readonly<Record<string, string | TemplateSpecification>>,
): typeof Handlebars {
  const environment = Handlebars.create();
  environment.registerHelper(REPORT_HELPERS);
  for (const [name, partial] of Object.entries(partials)) {
    environment.registerPartial(name, typeof partial === 'string' ? partial : environment.template(partial));
  }
  return environment;
}
