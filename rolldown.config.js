/**
 * The `rehearse` CLI as a handful of files: `tsc` compiles src/ to dist/src/ (the library), and this bundles
 * the CLI from that output, with its dependencies, into dist/cli/, and each worker script into one file of
 * dist/workers/. Node then loads a few files per command (and one per worker thread) instead of some 500
 * modules, which is most of what a short command, or a worker's start, costs. Each command's dynamic
 * `import()` stays a chunk of its own, loaded only when that command runs.
 */
export default [
  {
    input: { rehearse: 'dist/src/cli/main.js' },
    platform: 'node',
    output: { dir: 'dist/cli', format: 'esm', chunkFileNames: '[name]-[hash].js', cleanDir: true },
  },
  // One build per worker, so that each is a single file; the first clears dist/workers/.
  ...['riskWorker', 'whatifWorker'].map((name, i) => ({
    input: { [name]: `dist/src/io/${name}.js` },
    platform: 'node',
    output: { dir: 'dist/workers', format: 'esm', cleanDir: i === 0 },
  })),
];
