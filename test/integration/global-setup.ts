import type { TestProject } from 'vitest/node';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.ts';

let stack: LocalStack | undefined;

/**
 * Starts the local stack once for the integration project: DynamoDB Local, fauxqs, the template's
 * table and queues, the handlers and the HTTP API. Failed messages come back after 1 s here, so a
 * poison message reaches its DLQ in seconds.
 */
export async function setup(project: TestProject): Promise<void> {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  stack = await startLocalStack({ root: process.cwd(), visibilityTimeoutSeconds: 1 });
  project.provide('ddbEndpoint', stack.endpoints.dynamodb);
  project.provide('localStack', {
    apiUrl: stack.apiUrl,
    tableName: stack.tableName,
    sqsEndpoint: stack.endpoints.sqs,
    queues: { ...stack.queues },
  });
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
    localStack: {
      apiUrl: string;
      tableName: string;
      sqsEndpoint: string;
      queues: { claims: string; subsidy: string; claimsDlq: string; subsidyDlq: string };
    };
  }
}
