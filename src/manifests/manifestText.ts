import { stringify } from 'yaml';

/**
 * Manifest documents as one multi-document YAML text, `---` between documents, after a comment `header`
 * (lines without the `# `). Keys keep their order; strings are never folded, so a query stays one line.
 *
 * @example manifestText([{ kind: 'Rollout' }, { kind: 'AnalysisTemplate' }], ['Written by rehearse export'])
 * // '# Written by rehearse export\nkind: Rollout\n---\nkind: AnalysisTemplate\n'
 */
export function manifestText(documents: readonly unknown[], header: readonly string[]): string {
  const comment = header.map((line) => `# ${line}\n`).join('');
  const body = documents.map((document) => stringify(document, { lineWidth: 0 })).join('---\n');
  return comment + body;
}
