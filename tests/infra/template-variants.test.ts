import { describe, expect, it } from 'vitest';
import { readStageConfig } from '../../infra/stage-config.js';
import { TEMPLATE_VARIANTS } from '../../infra/template-variants.js';

describe('template variants linted by npm run lint:cfn', () => {
  it('are each stage with each API auth mode, every one a valid configuration', () => {
    expect(TEMPLATE_VARIANTS.map((variant) => variant.name)).toEqual([
      'dev-none',
      'dev-iam',
      'dev-jwt',
      'prod-none',
      'prod-iam',
      'prod-jwt',
    ]);
    for (const variant of TEMPLATE_VARIANTS) {
      const config = readStageConfig((key) => variant.context[key]);
      expect(`${config.stage}-${config.authorization.mode}`).toBe(variant.name);
    }
  });
});
