/**
 * The CDK app: `npm run synth` (no AWS credentials needed). Region from AWS_REGION, cn-north-1 by
 * default. In the China regions CloudFormation has no Cognito user pools, so deploy there with the
 * bureau's OpenID Connect issuer: `npx cdk deploy -c oidcIssuer=https://… -c oidcAudience=<client id>`.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addLtcClaims } from '../lib/ltc-claims-app.ts';

const app = new App();
const issuerUrl: unknown = app.node.tryGetContext('oidcIssuer');
const audience: unknown = app.node.tryGetContext('oidcAudience');
// The web console's OIDC client at that issuer (default: the first audience), and the Cognito hosted-UI domain prefix.
const consoleClientId: unknown = app.node.tryGetContext('oidcClientId');
const domainPrefix: unknown = app.node.tryGetContext('consoleDomainPrefix');

addLtcClaims(app, {
  env: { region: process.env.AWS_REGION ?? 'cn-north-1' },
  ...(typeof issuerUrl === 'string' && typeof audience === 'string'
    ? { externalIssuer: { issuerUrl, audience: audience.split(',').map((a) => a.trim()) } }
    : {}),
  console: {
    ...(typeof consoleClientId === 'string' ? { clientId: consoleClientId } : {}),
    ...(typeof domainPrefix === 'string' ? { domainPrefix } : {}),
  },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
