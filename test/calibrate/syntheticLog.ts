import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { formatRequestLogInterval, phaseRequestLog, REQUEST_LOG_COLUMNS } from '../../src/engine/index.js';
import type { Plan } from '../../src/scenario/plan.js';
import { tempDir } from '../support/tempDir.js';

/**
 * Writes the request log of one phase of the plan at `seed`, exactly as `rehearse traffic --phase`
 * writes it, into a fresh temporary CSV, and returns its path.
 */
export async function writeSyntheticLog(plan: Plan, seed: number, phaseIndex = 0): Promise<string> {
  const path = join(tempDir(), `traffic-${seed}.csv`);
  const out = createWriteStream(path);
  out.write(`${REQUEST_LOG_COLUMNS.join(',')}\n`);
  const segmentIds = plan.segments.map((segment) => segment.id);
  for (const interval of phaseRequestLog(plan, phaseIndex, seed)) {
    const { text } = formatRequestLogInterval(interval, segmentIds, 'csv', Number.POSITIVE_INFINITY);
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}
