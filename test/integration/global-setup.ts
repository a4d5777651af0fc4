import type { TestProject } from 'vitest/node';
import { type RunningDynamoDb, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';

let ddb: RunningDynamoDb | undefined;

/** Starts DynamoDB Local once for the integration project; each test file creates its own tables. */
export async function setup(project: TestProject): Promise<void> {
  ddb = await startDynamoDbLocal({ root: process.cwd() });
  project.provide('ddbEndpoint', ddb.endpoint);
}

export async function teardown(): Promise<void> {
  await ddb?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    ddbEndpoint: string;
  }
}
