/**
 * PUT /registry/agreements/{id} (bureau only): records which institution serves which person — a
 * service agreement (`kind: "care"`, 服务协议备案) or a hospital's admission filing (`kind:
 * "admission"`, 住院登记) — with its period and why it was recorded. Who recorded it and when come
 * from the token and the server clock; every version is kept. An institution submits claims only for
 * the persons these records say it serves (functions/submit-claims/served.ts).
 */
import { z } from 'zod';
import { DateString, nullable } from '../../domain/validation.ts';
import { AGREEMENT_KINDS, type Agreement, AgreementRefusedError, type AgreementStore } from '../adapters/agreements.ts';
import { postedAt } from '../clock.ts';
import { principalOf, requireRole } from '../http/auth.ts';
import { BoundedId, BoundedText, idProblem } from '../http/bounds.ts';
import { ConflictError, ValidationError } from '../http/errors.ts';
import { json, parseInput, type Route } from '../http/http.ts';
import type { JsonEvent } from '../http/middleware.ts';

export const AgreementBodySchema = z.object({
  agreementId: BoundedId.describe('备案编号 / the record’s number'),
  kind: z.enum(AGREEMENT_KINDS).describe('care 服务协议（护理、运营补贴）| admission 住院登记（住院结算）'),
  institutionId: BoundedId,
  personId: BoundedId,
  from: DateString,
  to: nullable(DateString).describe('含当日；不填为长期有效；早于 from 即撤销 / inclusive; absent while it runs; before from withdraws it'),
  reason: BoundedText().describe('备案或变更的理由 / why it is recorded or changed'),
});
export type AgreementBody = z.infer<typeof AgreementBodySchema>;
/** The body as a client sends it (`to` may be left out). */
export type AgreementInput = z.input<typeof AgreementBodySchema>;

export interface AgreementDeps {
  readonly agreements: Pick<AgreementStore, 'put'>;
  readonly now: () => Date;
}

/** The route, keyed as API Gateway names it. */
export function agreementRoutes(deps: AgreementDeps): Record<string, Route> {
  return {
    'PUT /registry/agreements/{id}': async (event: JsonEvent) => {
      const principal = principalOf(event);
      requireRole(principal, 'bureau');
      const id = event.pathParameters?.id ?? '';
      const bad = idProblem(id, 'id');
      if (bad) throw new ValidationError([bad]);
      const body = parseInput(AgreementBodySchema, event.jsonBody ?? {});
      if (body.agreementId !== id) {
        throw new ValidationError([
          {
            path: 'agreementId',
            code: 'ID_MISMATCH',
            message: `must equal the id in the path (${id})`,
            messageZh: `须与路径中的编号（${id}）一致`,
          },
        ]);
      }
      const agreement: Agreement = { ...body, ...(body.to === undefined ? {} : { to: body.to }) };
      try {
        return json(200, await deps.agreements.put(agreement, principal.user, postedAt(deps.now())));
      } catch (e) {
        if (!(e instanceof AgreementRefusedError)) throw e;
        if (e.reason === 'PARTIES_CHANGED') {
          throw new ConflictError(
            'AGREEMENT_PARTIES_FIXED',
            `Agreement ${id} was recorded for another institution or person; end it (to before from) and record a new one`,
            `备案 ${id} 已登记为其他机构或人员；请先终止（结束日期早于开始日期）再新建备案`,
          );
        }
        const path = e.reason === 'UNKNOWN_INSTITUTION' ? 'institutionId' : 'personId';
        throw new ValidationError([
          {
            path,
            code: e.reason,
            message: `is not in the registry (${body[path]})`,
            messageZh: `不在登记库中（${body[path]}）`,
          },
        ]);
      }
    },
  };
}
