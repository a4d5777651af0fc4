/**
 * Both stacks wired together, shared by bin/app.ts and the tests so they check the same app.
 */
import type { App, Environment } from 'aws-cdk-lib';
import { StatefulStack, type TokenIssuer } from './stateful-stack.ts';
import { type ConsoleSignIn, StatelessStack } from './stateless-stack.ts';

const CROSS_STACK_REFERENCES = '@aws-cdk/core:defaultCrossStackReferences';

export interface LtcClaimsOptions {
  readonly env: Environment;
  /** See {@link StatefulStackProps.externalIssuer}. */
  readonly externalIssuer?: TokenIssuer;
  /** The web console's sign-in; see {@link ConsoleSignIn}. */
  readonly console?: ConsoleSignIn;
}

/**
 * @example
 * const { stateful, stateless } = addLtcClaims(new App(), { env: { region: 'cn-north-1' } });
 */
export function addLtcClaims(app: App, options: LtcClaimsOptions): { stateful: StatefulStack; stateless: StatelessStack } {
  // Strong references: CloudFormation refuses to drop a stateful export the stateless stack still uses.
  if (app.node.tryGetContext(CROSS_STACK_REFERENCES) === undefined) app.node.setContext(CROSS_STACK_REFERENCES, 'strong');
  const stateful = new StatefulStack(app, 'LtcClaims-Stateful', {
    env: options.env,
    description: 'ltc-claims: table, FIFO queues, documents bucket, user pool (retained)',
    ...(options.externalIssuer ? { externalIssuer: options.externalIssuer } : {}),
  });
  const stateless = new StatelessStack(app, 'LtcClaims-Stateless', {
    env: options.env,
    description: 'ltc-claims: functions, HTTP API, web console, alarms',
    resources: stateful,
    ...(options.console ? { console: options.console } : {}),
  });
  return { stateful, stateless };
}
