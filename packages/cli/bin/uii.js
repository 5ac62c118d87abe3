#!/usr/bin/env node
// The CLI is TypeScript run through tsx (no build step); see docs/adr/0001-layout.md.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
