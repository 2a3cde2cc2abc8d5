import { type WhatifContext, type WhatifRun, whatifRun } from '../whatif/whatif.js';

/** One task: the half-open range of runs [from, to). */
export type WhatifTask = [from: number, to: number];

/**
 * The what-if runs of one task, reporting each run done through `progress`. The same function on the main
 * thread and in `whatifWorker.js`, so a run's record does not depend on where it ran.
 */
export function whatifTask(
  ready: WhatifContext,
  [from, to]: WhatifTask,
  progress: (done: number) => void,
): WhatifRun[] {
  const records: WhatifRun[] = [];
  for (let run = from; run < to; run++) {
    records.push(whatifRun(ready, run));
    progress(1);
  }
  return records;
}
