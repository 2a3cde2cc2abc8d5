import type { Problem } from './problems.js';
import { makePositionAt } from './sourceMap.js';

/** A text, or why the bytes are not one. */
export type DecodedText = { ok: true; text: string } | { ok: false; problems: Problem[] };

const EXPECTED = 'a UTF-8 text file';

/**
 * The text of a file's bytes: UTF-8, without a leading byte order mark. Binary data (invalid UTF-8 or a
 * NUL character) is one problem, located at the first bad byte's line.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const byte = bytes[offset];
    const found =
      byte === undefined
        ? 'binary data (the file ends inside a UTF-8 sequence)'
        : `binary data (byte 0x${byte.toString(16).padStart(2, '0')} is not UTF-8)`;
    return {
      ok: false,
      problems: [
        { file, line: countLines(bytes, offset), column: null, path: '', expected: EXPECTED, found },
      ],
    };
  }
  const problem = binaryProblem(text, file);
  return problem === null ? { ok: true, text } : { ok: false, problems: [problem] };
}

/** A problem when a decoded text holds a NUL character, which no text file has; null otherwise. */
export function binaryProblem(text: string, file: string): Problem | null {
  const nul = text.indexOf('\u0000');
  if (nul < 0) return null;
  const { line, column } = makePositionAt(text)(nul);
  return { file, line, column, path: '', expected: EXPECTED, found: 'binary data (a NUL byte)' };
}

/**
 * Offset of the first byte that makes the text invalid UTF-8. Decoding a prefix as a stream accepts a
 * sequence cut short at its end, so "this prefix is valid" is monotone and bisection finds the longest one.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  return low;
}

function countLines(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return line;
}
