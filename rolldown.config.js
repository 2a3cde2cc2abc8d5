/**
 * The `rehearse` CLI as a handful of files: `tsc` compiles src/ to dist/src/ (the library, the worker
 * scripts), and this bundles the CLI from that output, with its dependencies, into dist/cli/. Node then
 * loads a few files per command instead of some 500 modules, which is most of what a short command costs.
 * Each command's dynamic `import()` stays a chunk of its own, loaded only when that command runs.
 */
export default {
  input: { rehearse: 'dist/src/cli/main.js' },
  platform: 'node',
  output: { dir: 'dist/cli', format: 'esm', chunkFileNames: '[name]-[hash].js', cleanDir: true },
};
