import { createApp } from './create-app.js';

// `npx cdk synth|deploy [-c stage=prod]`: the CDK CLI runs this file (see cdk.json).
createApp().app.synth();
