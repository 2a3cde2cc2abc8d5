// Loaded with `node --import`: writes `module <url>` to stderr for every module the process loads, so a
// test can see what a command imported. Resolution hooks run on their own thread; writeSync reaches fd 2.
import { register } from 'node:module';

const hooks = `
import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  writeSync(2, 'module ' + resolved.url + '\\n');
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
