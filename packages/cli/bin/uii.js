#!/usr/bin/env node
// The CLI is TypeScript run through tsx (no build step); see docs/adr/0001-layout.md.
import { register } from 'tsx/esm/api';

// Lambda runs Node 22; the SDK's Node 20 end-of-support notice is noise for CLI users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import('../src/main.ts');
