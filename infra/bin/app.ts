import { buildApp } from '../lib/app';

// `cdk synth` / `cdk deploy` (cdk.json "app"). cdk-nag runs on every synth; errors fail it.
const { app } = buildApp();
app.synth();
