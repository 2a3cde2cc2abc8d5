/**
 * The `rehearse` CLI as a handful of files: `tsc` compiles src/ to dist/src/ (the library), and this bundles
 * the CLI from that output, with its dependencies, into dist/cli/, and each worker script into one file of
 * dist/workers/. Node then loads a few files per command (and one per worker thread) instead of some 500
 * modules, which is most of what a short command, or a worker's start, costs. Each command's dynamic
 * `import()` stays a chunk of its own, loaded only when that command runs.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * yaml's ES module build (the one its package gives bundlers for browsers) instead of its CommonJS one:
 * the same parser, but as ES modules the bundle keeps only what the CLI uses (CommonJS cannot be
 * tree-shaken) and wraps none of them in a function to compile and call at load. It differs from the
 * CommonJS build in logging only: a warning goes to `console.warn` rather than `process.emitWarning`
 * (the scenario parser turns yaml's warnings into problems and logs none), and the LOG_TOKENS and
 * LOG_STREAM debug variables are not read.
 */
const yamlModules = join(
  dirname(createRequire(import.meta.url).resolve('yaml/package.json')),
  'browser/index.js',
);

export default [
  {
    input: { rehearse: 'dist/src/cli/main.js' },
    platform: 'node',
    resolve: { alias: { yaml: yamlModules } },
    output: { dir: 'dist/cli', format: 'esm', chunkFileNames: '[name]-[hash].js', cleanDir: true },
  },
  // One build per worker, so that each is a single file; the first clears dist/workers/.
  ...['riskWorker', 'whatifWorker'].map((name, i) => ({
    input: { [name]: `dist/src/io/${name}.js` },
    platform: 'node',
    output: { dir: 'dist/workers', format: 'esm', cleanDir: i === 0 },
  })),
];
