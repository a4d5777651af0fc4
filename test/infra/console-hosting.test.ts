/**
 * The deployed console: a private bucket encrypted with its own rotating KMS key and TLS only, read
 * by one function with GetObject and Decrypt only, served through public API routes, and a
 * config.json written at deploy time with the API URL and the identity settings.
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { addLtcClaims } from '../../infra/lib/ltc-claims-app.ts';

const synthWithConfig = (options: Parameters<typeof addLtcClaims>[1]) => {
  // Bundling (the Vite build) is checked by `npm run synth`; here it would only cost time.
  const app = new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } });
  const { stateless } = addLtcClaims(app, options);
  return { template: Template.fromStack(stateless), config: stateless.resolve(stateless.console.config) };
};
const synth = (options: Parameters<typeof addLtcClaims>[1]) => synthWithConfig(options).template;

type Resource = { Properties: Record<string, unknown> };
const only = (t: Template, type: string): Resource => {
  const all = Object.values(t.findResources(type)) as Resource[];
  expect(all).toHaveLength(1);
  return all[0] as Resource;
};

let template: Template;
beforeAll(() => {
  template = synth({ env: { region: 'cn-north-1' } });
});

describe('the console bucket', () => {
  it('is encrypted with a KMS key of its own that rotates', () => {
    const bucket = only(template, 'AWS::S3::Bucket');
    expect(bucket.Properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: true,
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^ConsoleKey/), 'Arn'] },
          },
        },
      ],
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: 'ltc-claims web console bundle' });
  });

  it('is not public in any way', () => {
    expect(only(template, 'AWS::S3::Bucket').Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const policy = JSON.stringify(only(template, 'AWS::S3::BucketPolicy').Properties.PolicyDocument);
    expect(policy).not.toMatch(/"Principal":"\*","Effect":"Allow"|"Effect":"Allow","Principal":\{"AWS":"\*"\}/);
  });

  it('refuses every request that is not TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('the console server', () => {
  it('may only read the bundle: GetObject on the bucket, Decrypt with its key', () => {
    const policy = Object.entries(template.findResources('AWS::IAM::Policy')).find(([id]) =>
      id.startsWith('ConsoleServerRoleDefaultPolicy'),
    );
    const statements = (policy?.[1].Properties.PolicyDocument.Statement ?? []) as { Action: string | string[]; Resource: unknown }[];
    const data = statements.filter((s) => ![s.Action].flat().every((a) => a.startsWith('logs:') || a.startsWith('xray:')));
    expect(data).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^ConsoleBucket/), 'Arn'] }, '/*']] },
      }),
      expect.objectContaining({ Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ConsoleKey/), 'Arn'] } }),
    ]);
  });

  it('serves GET /, /console and /console/{proxy+} without a token', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as Resource[];
    const consoleRoutes = routes.filter((r) => /^GET \/(console.*)?$/.test(String(r.Properties.RouteKey)));
    expect(consoleRoutes.map((r) => [r.Properties.RouteKey, r.Properties.AuthorizationType]).sort()).toEqual([
      ['GET /', 'NONE'],
      ['GET /console', 'NONE'],
      ['GET /console/{proxy+}', 'NONE'],
    ]);
    for (const r of consoleRoutes) expect(JSON.stringify(r.Properties.Target)).toMatch(/ServerIntegration/);
  });
});

describe('config.json', () => {
  const deployment = (t: Template) => only(t, 'Custom::CDKBucketDeployment').Properties;

  it('is written by the deployment beside the bundle, with the API URL and the Cognito sign-in', () => {
    const { config } = synthWithConfig({ env: { region: 'cn-north-1' } });
    expect(config).toMatchObject({
      apiUrl: { 'Fn::GetAtt': [expect.stringMatching(/^Api/), 'ApiEndpoint'] },
      auth: {
        mode: 'oidc',
        clientId: { Ref: expect.stringMatching(/^ConsoleClient/) },
        scopes: ['openid', 'email', 'profile'],
        authorizeEndpoint: expect.objectContaining({ 'Fn::Join': expect.anything() }),
        tokenEndpoint: expect.objectContaining({ 'Fn::Join': expect.anything() }),
      },
    });
    expect(JSON.stringify(config)).toContain('/oauth2/authorize');
    const d = deployment(template);
    expect(d.SourceObjectKeys).toHaveLength(2);
    // The values are deploy-time markers: nothing of the API or the pool is in the bundle itself.
    const markers = JSON.stringify(d.SourceMarkers);
    expect(markers).toMatch(/"Fn::GetAtt":\["Api[0-9A-F]+","ApiEndpoint"\]/);
    expect(markers).toMatch(/"Ref":"ConsoleClient[0-9A-F]+"/);
    expect(markers).toMatch(/ConsoleSignInDomain/);
    expect(d.Prune).toBe(true);
  });

  it('names a public PKCE client whose only redirect is the console', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      GenerateSecret: false,
      CallbackURLs: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Api'), 'ApiEndpoint'] }, '/console/']] }],
      SupportedIdentityProviders: ['COGNITO'],
    });
  });

  it('uses the external issuer and its client in aws-cn, with no Cognito resource', () => {
    const cn = synthWithConfig({
      env: { region: 'cn-north-1' },
      externalIssuer: { issuerUrl: 'https://idp.bureau.example.cn', audience: ['ltc-api'] },
      console: { clientId: 'ltc-console' },
    });
    expect(cn.config).toEqual({
      apiUrl: { 'Fn::GetAtt': [expect.stringMatching(/^Api/), 'ApiEndpoint'] },
      auth: { mode: 'oidc', issuer: 'https://idp.bureau.example.cn', clientId: 'ltc-console', scopes: ['openid', 'email', 'profile'] },
    });
    expect(Object.keys(cn.template.findResources('AWS::Cognito::UserPoolClient'))).toEqual([]);
    cn.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Issuer: 'https://idp.bureau.example.cn', Audience: ['ltc-api', 'ltc-console'] },
    });
  });
});
