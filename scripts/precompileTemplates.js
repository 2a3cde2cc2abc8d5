// Part of `npm run build`, after tsc: precompiles the package's Handlebars templates into dist/templates/
// (src/io/precompiledTemplate.ts says how they are used).
import { writePrecompiledTemplates } from '../dist/src/io/precompiledTemplate.js';

await writePrecompiledTemplates();
