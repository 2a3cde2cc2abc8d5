/** A label matcher of a selector: `code=~"5.."`. */
export interface LabelMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/**
 * The syntax tree of the subset of PromQL the recogniser reads: numbers, selectors with matchers and an
 * optional range (kept as written, `5m`), function calls, aggregations with `by`/`without`, and the
 * arithmetic operators. Parentheses leave no node.
 */
export type PromqlNode =
  | { kind: 'number'; value: number }
  | { kind: 'selector'; metric: string; matchers: LabelMatcher[]; range: string | null }
  | { kind: 'call'; name: string; args: PromqlNode[] }
  | {
      kind: 'aggregate';
      op: string;
      grouping: { mode: 'by' | 'without'; labels: string[] } | null;
      expr: PromqlNode;
    }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: PromqlNode; right: PromqlNode };
