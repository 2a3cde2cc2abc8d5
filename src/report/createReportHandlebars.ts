import Handlebars from 'handlebars';
import { REPORT_HELPERS } from './reportHelpers.js';

/** A template and the partials it may use (`{{> name}}`), as text. */
export interface TemplateSource {
  template: string;
  partials: Readonly<Record<string, string>>;
}

/**
 * An isolated Handlebars environment (`Handlebars.create()`) with the report helpers and the given
 * partials, so reports never depend on, or leak into, the global Handlebars instance. Add helpers of a
 * richer report (charts) with `registerHelper` on the returned environment.
 */
export function createReportHandlebars(partials: Readonly<Record<string, string>>): typeof Handlebars {
  const environment = Handlebars.create();
  environment.registerHelper(REPORT_HELPERS);
  environment.registerPartial(partials);
  return environment;
}
