import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../functions/api-docs/handler.ts';
import { openApiDocument } from '../../functions/api-docs/openapi.ts';
import { API_ROUTES, routeKey } from '../../functions/http/routes.ts';
import { answer, context, event, type Json, quiet } from './support.ts';

const doc = openApiDocument({ serverUrl: 'https://api.example.cn' }) as unknown as Json & { paths: Json; components: { schemas: Json } };
/** One operation; an empty object when the document lacks it (the route test names what is missing). */
const operation = (method: string, path: string): Json =>
  ((doc.paths[path] as Record<string, Json> | undefined)?.[method.toLowerCase()] as Json | undefined) ?? {};

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect([result.valid, validator.version]).toEqual([true, '3.1']);
  });

  it('the validator refuses a broken document, so the check above can fail', async () => {
    const broken = structuredClone(doc);
    (broken.paths as Json)['/claims'] = { post: { responses: 'none' } };
    expect((await new Validator().validate(broken as never)).valid).toBe(false);
  });

  it('names every route of the route table, with its method', () => {
    const missing = API_ROUTES.filter((r) => operation(r.method, r.path).responses === undefined).map(routeKey);
    expect(missing).toEqual([]);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops as Json).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(API_ROUTES.map(routeKey).sort());
  });

  it('answers every authenticated route’s errors with the error shape, codes and messages in both languages', () => {
    const error = doc.components.schemas.Error as { properties: { error: { properties: Json; required: string[] } } };
    expect(error.properties.error.required).toEqual(['code', 'message', 'messageZh']);
    for (const route of API_ROUTES.filter((r) => !r.public)) {
      const responses = operation(route.method, route.path).responses as Record<string, Json>;
      for (const status of ['401', '403']) {
        expect(responses[status], `${routeKey(route)} ${status}`).toMatchObject({
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        });
      }
      expect(operation(route.method, route.path).security).toEqual([{ bearer: [] }]);
    }
  });

  it('needs no token for the document itself', () => {
    expect(operation('GET', '/openapi.json').security).toEqual([]);
  });

  it('describes POST /claims with each claim kind and the batch, from the domain’s schemas', () => {
    const body = (operation('POST', '/claims').requestBody as Json).content as Record<string, { schema: { anyOf: Json[] } }>;
    const refs = JSON.stringify(body['application/json']?.schema);
    for (const kind of [
      'CareServiceClaim',
      'FamilyCareClaim',
      'MedicalSettlementClaim',
      'ConstructionSubsidyClaim',
      'OperatingSubsidyClaim',
    ]) {
      expect(refs).toContain(`#/components/schemas/${kind}`);
    }
    const care = doc.components.schemas.CareServiceClaim as { required: string[]; properties: Json };
    expect(care.required).toEqual(expect.arrayContaining(['kind', 'claimId', 'institutionId', 'personId', 'setting', 'period', 'lines']));
    expect(care.properties.setting).toEqual({ type: 'string', enum: ['institutional', 'home-visit', 'medical-care'] });
    const line = (care.properties.lines as { items: { properties: Json } }).items;
    expect(line.properties.visit).toMatchObject({ type: 'object', required: ['checkIn', 'checkOut'] });
    // §11.3: a family-care claim lists days instead of priced lines
    const family = doc.components.schemas.FamilyCareClaim as { required: string[]; properties: Json };
    expect(family.required).toEqual(expect.arrayContaining(['kind', 'claimId', 'institutionId', 'personId', 'setting', 'period', 'days']));
    expect(family.required).not.toContain('lines');
    expect(family.properties.setting).toEqual({ type: 'string', enum: ['family-care'] });
  });

  it('documents a person’s care plans (§11.2) in what the bureau sends and what the person routes answer', () => {
    const person = doc.components.schemas.Person as { properties: Record<string, Json> };
    const plan = (person.properties.carePlans as { items: { required: string[]; properties: Record<string, Json> } }).items;
    expect(plan.required).toEqual(['planId', 'institutionId', 'setting', 'from', 'services']);
    expect(plan.properties.setting?.enum).toContain('family-care');
    const view = doc.components.schemas.PersonView as { properties: { person: { properties: Record<string, Json> } } };
    expect(view.properties.person.properties.carePlans).toMatchObject({ type: 'array' });
    expect(String(operation('PUT', '/registry/persons/{id}').summary)).toContain('护理计划');
  });

  it('documents the listing filters as query parameters', () => {
    const names = (operation('GET', '/claims').parameters as Json[]).map((p) => [p.name, p.in]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['month', 'query'],
        ['kind', 'query'],
        ['status', 'query'],
        ['nextToken', 'query'],
      ]),
    );
  });

  it('offers the statement as JSON and as CSV', () => {
    const ok = (operation('GET', '/statements/{month}').responses as Record<string, { content: Json }>)['200'];
    expect(Object.keys(ok?.content ?? {})).toEqual(['application/json', 'text/csv']);
  });
});

describe('GET /openapi.json', () => {
  it('serves the document with the host it was asked on as its server', async () => {
    const e = event('list-claims', { routeKey: 'GET /openapi.json', headers: { 'x-forwarded-proto': 'https' } });
    delete (e.requestContext as Json).authorizer;
    const res = answer(await makeHandler(quiet())(e as never, context));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ openapi: '3.1.0', servers: [{ url: 'https://api.example.cn' }] });
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });
});
