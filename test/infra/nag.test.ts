import {
  App,
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  type PolicyValidationPluginReport,
  Validations,
} from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { addLtcClaims, type LtcClaimsOptions } from '../../infra/lib/ltc-claims-app.ts';

/** Runs AwsSolutions as `npm run synth` does (after synthesis, cross-stack references resolved) and keeps its findings. */
class RecordingChecks implements IPolicyValidationPlugin {
  readonly name = 'AwsSolutions';
  readonly findings: string[] = [];
  private readonly checks: AwsSolutionsChecks;

  constructor(app: App) {
    this.checks = new AwsSolutionsChecks(app);
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = this.checks.validate(context);
    for (const violation of report.violations) {
      for (const resource of violation.violatingResources) this.findings.push(`${violation.ruleName} at ${resource.constructPath}`);
    }
    return report;
  }
}

function synthWithNag(options: LtcClaimsOptions, mutate?: (app: App, stacks: ReturnType<typeof addLtcClaims>) => void) {
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
  const stacks = addLtcClaims(app, options);
  mutate?.(app, stacks);
  const checks = new RecordingChecks(app);
  Validations.of(app).addPlugins(checks);
  let failure: unknown;
  try {
    app.synth();
  } catch (error) {
    failure = error;
  }
  return { findings: checks.findings, failure };
}

describe('cdk-nag AwsSolutions', () => {
  it.each([
    ['aws-cn with a Cognito user pool', { env: { region: 'cn-north-1' } }],
    [
      'aws-cn with an external OIDC issuer',
      { env: { region: 'cn-northwest-1' }, externalIssuer: { issuerUrl: 'https://idp.example.cn', audience: ['ltc'] } },
    ],
    ['aws', { env: { region: 'ap-southeast-1' } }],
  ] as [string, LtcClaimsOptions][])('reports no unacknowledged finding for %s', (_, options) => {
    const { findings, failure } = synthWithNag(options);

    expect(findings).toEqual([]);
    expect(failure).toBeUndefined();
  });

  it('fails synthesis on a finding nobody acknowledged', () => {
    const { findings, failure } = synthWithNag({ env: { region: 'cn-north-1' } }, (_, { stateful }) => {
      new Queue(stateful, 'Unprotected');
    });

    expect(findings).toEqual(
      expect.arrayContaining([
        'AwsSolutions-SQS3 at LtcClaims-Stateful/Unprotected/Resource',
        'AwsSolutions-SQS4 at LtcClaims-Stateful/Unprotected/Resource',
      ]),
    );
    expect(String(failure)).toMatch(/AwsSolutions-SQS4/);
  });
});
