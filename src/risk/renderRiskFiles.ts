import type { OutputFile } from '../io/writeFilesAtomically.js';
import { renderTemplate, type TemplateSource } from '../report/index.js';
import type { Risk } from './risk.js';
import { buildRiskView } from './riskView.js';
import { stringifyRisk } from './stringifyRisk.js';

/** The templates of a risk report: `risk.md.hbs` and `risk.html.hbs` with their partials. */
export interface RiskTemplates {
  markdown: TemplateSource;
  html: TemplateSource;
}

/**
 * Everything `rehearse risk` and `rehearse merge` write, from risk.json's content alone (pure):
 * `risk.json`, and `risk.md` / `risk.html` rendered from its view model.
 */
export function renderRiskFiles(risk: Risk, templates: RiskTemplates): OutputFile[] {
  const view = buildRiskView(risk);
  return [
    { name: 'risk.json', content: stringifyRisk(risk) },
    { name: 'risk.md', content: renderTemplate(templates.markdown, view, 'markdown') },
    { name: 'risk.html', content: renderTemplate(templates.html, view, 'html') },
  ];
}
