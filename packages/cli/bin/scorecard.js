#!/usr/bin/env node
// The `scorecard` command: runs the TypeScript CLI through tsx so `npx scorecard …` works right after `npm install`.
require('tsx/cjs');
require('../src/main.ts');
