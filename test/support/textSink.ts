import type { TextSink } from '../../src/cli/reportError.js';

/** A stdout or stderr for a command run in a test: everything written, in order, as one text. */
export function textSink(): TextSink & { readonly text: string } {
  const chunks: string[] = [];
  return {
    write: (chunk: string) => {
      chunks.push(chunk);
    },
    get text() {
      return chunks.join('');
    },
  };
}
