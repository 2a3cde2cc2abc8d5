#!/usr/bin/env node
import { main } from '../dist/cli/rehearse.js';

main(process.argv);
