/**
 * Integration helpers: clients against DynamoDB Local, and a fresh table per test file created from
 * the synthesised CDK template (so the local schema cannot drift from the deployed one).
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { synthStatefulTemplate, tableDefinitions } from '../../infra/local/template.ts';

let counter = 0;

export function localClients() {
  const client = new DynamoDBClient({
    endpoint: inject('ddbEndpoint'),
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { client, doc };
}

/** Creates the template's claims table under a unique name and returns that name. */
export async function createClaimsTable(client: DynamoDBClient): Promise<string> {
  const [definition] = tableDefinitions(synthStatefulTemplate());
  if (!definition) throw new Error('the stateful template defines no table');
  const name = `claims-${process.pid}-${Date.now()}-${counter++}`;
  await client.send(new CreateTableCommand({ ...definition, TableName: name }));
  return name;
}
