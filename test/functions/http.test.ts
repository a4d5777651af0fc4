import { describe, expect, it, vi } from 'vitest';
import { groupsOf, principalOf } from '../../functions/http/auth.ts';
import { HttpError } from '../../functions/http/errors.ts';
import { httpHandler, json } from '../../functions/http/http.ts';
import { answer, context, event, quiet, users } from './support.ts';

describe('principalOf', () => {
  it.each([
    ['[institution]', ['institution']],
    ['[bureau finance]', ['bureau', 'finance']],
    ['bureau,finance', ['bureau', 'finance']],
    ['["bureau"]', ['bureau']],
    ['finance', ['finance']],
    ['[]', []],
  ])('reads the groups claim %s', (claim, groups) => {
    expect(groupsOf(claim)).toEqual(groups);
  });

  it('reads an institution user', () => {
    expect(principalOf(event('post-claims', { claims: users.institution('INST-A') }) as never)).toEqual({
      role: 'institution',
      institutionId: 'INST-A',
      user: 'clerk-INST-A',
    });
  });

  it('falls back to sub for the user name', () => {
    expect(principalOf(event('post-claims', { claims: { sub: 'abc', 'cognito:groups': '[bureau]' } }) as never)).toEqual({
      role: 'bureau',
      user: 'abc',
    });
  });
});

describe('httpHandler', () => {
  it('logs an unexpected error and answers a generic 500 without its message', async () => {
    const q = quiet();
    const logged = vi.spyOn(q.logger, 'error');
    const handler = httpHandler(
      {
        'POST /claims': async () => {
          throw new Error('connect ECONNREFUSED 10.0.3.7:443 password=hunter2');
        },
      },
      q,
    );
    const res = answer(await handler(event('post-claims') as never, context));
    expect(res).toEqual({
      status: 500,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: { error: { code: 'INTERNAL_ERROR', message: 'An internal error occurred', messageZh: '系统内部错误' } },
    });
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it('hides the message of an HttpError with a 5xx status', async () => {
    const handler = httpHandler(
      {
        'POST /claims': async () => {
          throw new HttpError(502, 'UPSTREAM', 'table Claims-prod is gone', '内部');
        },
      },
      quiet(),
    );
    const res = answer(await handler(event('post-claims') as never, context));
    expect(res.status).toBe(502);
    expect(JSON.stringify(res.body)).not.toContain('Claims-prod');
  });

  it('answers 404 ROUTE_NOT_FOUND for a route the function does not serve', async () => {
    const handler = httpHandler({ 'GET /claims': async () => json(200, {}) }, quiet());
    const res = answer(await handler(event('post-claims') as never, context));
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('answers 415 for a body that is not JSON by its content type', async () => {
    const handler = httpHandler({ 'POST /claims': async () => json(200, {}) }, quiet());
    const res = answer(await handler(event('post-claims', { headers: { 'content-type': 'text/csv' } }) as never, context));
    expect(res.status).toBe(415);
  });
});
