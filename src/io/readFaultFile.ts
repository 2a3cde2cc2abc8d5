import { readFile } from 'node:fs/promises';
import { decodeText } from '../scenario/decodeText.js';
import type { Plan } from '../scenario/plan.js';
import { type FaultFileResult, parseFaultFile } from '../whatif/parseFaultFile.js';
import { describeReadError } from './describeReadError.js';

/**
 * Reads a fault file and checks it against the plan (the IO edge of {@link parseFaultFile}). A file that
 * cannot be read is one problem; the rest are the parser's.
 *
 * @param path where to read; `file` is how problems and results name it (the user's spelling)
 */
export async function readFaultFile(path: string, file: string, plan: Plan): Promise<FaultFileResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const found = describeReadError(error, `no file at ${path}`);
    return {
      ok: false,
      problems: [
        { file, line: null, column: null, path: '', expected: 'a readable fault file (YAML or JSON)', found },
      ],
    };
  }
  const decoded = decodeText(bytes, file);
  if (!decoded.ok) return { ok: false, problems: decoded.problems };
  return parseFaultFile(decoded.text, file, plan);
}
