#!/usr/bin/env node
// Runs the TypeScript CLI directly: the project ships sources and runs them with tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../adapters/cli/main.ts');
