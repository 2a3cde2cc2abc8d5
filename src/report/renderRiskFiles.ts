import type { Risk } from '../risk/risk.js';
import { renderTemplate, type TemplateSource } from './index.js';
import type { OutputFile } from './outputFile.js';
import { renderRiskCharts } from './renderRiskCharts.js';
import { buildRiskView } from './riskView.js';
import { stringifyRisk } from './stringifyRisk.js';

/** The templates of a risk report: `risk.md.hbs` and `risk.html.hbs` with their partials. */
export interface RiskTemplates {
  markdown: TemplateSource;
  html: TemplateSource;
}

/**
 * Everything `rehearse risk` and `rehearse merge` write, from risk.json's content alone: `risk.json`,
 * and `risk.md` / `risk.html` rendered from its view model, with the outcomes chart in `risk.html`
 * (drawn from risk.json as recorded, so `rehearse report risk.json` gives the same bytes). Deterministic.
 */
export async function renderRiskFiles(risk: Risk, templates: RiskTemplates): Promise<OutputFile[]> {
  const json = stringifyRisk(risk);
  const view = buildRiskView(risk);
  const charts = await renderRiskCharts(JSON.parse(json) as Risk);
  return [
    { name: 'risk.json', content: json },
    { name: 'risk.md', content: renderTemplate(templates.markdown, view, 'markdown') },
    { name: 'risk.html', content: renderTemplate(templates.html, { ...view, charts }, 'html') },
  ];
}
