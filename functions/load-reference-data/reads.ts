/**
 * Reading reference data back, for the bureau's registry and policy pages: persons (bureau only: they
 * are health data), institutions (bureau and finance; an institution its own), policy versions (every
 * role: a policy is published, and an institution's clerk picks service codes from its catalog).
 * "Today" is the Asia/Shanghai date of the server clock.
 */
import { z } from 'zod';
import { addMonths, type Day, day, formatDay, parseInstant, shanghaiDay, ymd } from '../../domain/dates.ts';
import { parsePolicy } from '../../domain/policy/policy.ts';
import type { BenefitStart } from '../../domain/policy/schema.ts';
import { assessmentInForce, type InstitutionRecord, type PersonRecord, Registry } from '../../domain/registry.ts';
import type { ReferenceStore } from '../adapters/reference-store.ts';
import { institutionKey, personKey, type ReferenceVersions } from '../adapters/reference-versions.ts';
import { REFERENCE_KEY, type RegistryReader } from '../adapters/registry-reads.ts';
import { principalOf, requireInstitution, requireRole } from '../http/auth.ts';
import { BoundedId } from '../http/bounds.ts';
import { NotFoundError } from '../http/errors.ts';
import { decodeToken, encodeToken, json, parseInput, type Route } from '../http/http.ts';

export const RegistryQuerySchema = z.object({
  q: z.string().max(64).optional().describe('编号前缀 / id prefix'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  nextToken: z.string().optional(),
});

export interface ReadDeps {
  readonly registry: Pick<RegistryReader, 'persons' | 'person' | 'institutions' | 'institution' | 'policyVersions' | 'policy'>;
  readonly reference: Pick<ReferenceStore, 'policyBook'>;
  readonly versions: Pick<ReferenceVersions, 'history' | 'stamp'>;
  readonly now: () => Date;
}

const today = (now: Date): Day => shanghaiDay(parseInstant(now.toISOString()) as NonNullable<ReturnType<typeof parseInstant>>);

/** The routes, keyed as API Gateway names them. */
export function readRoutes(deps: ReadDeps): Record<string, Route> {
  /** How assessments count under the policy in force today: validity and when benefits start (§11.4). */
  const countingToday = async (d: Day): Promise<Counting> => {
    const ltc = (await deps.reference.policyBook()).at(d).document.ltc;
    return { validityMonths: ltc.validityMonths, benefitStart: ltc.benefitStart ?? 'assessment-day' };
  };

  return {
    'GET /registry/persons': async (event) => {
      requireRole(principalOf(event), 'bureau');
      const query = parseInput(RegistryQuerySchema, event.queryStringParameters ?? {});
      const startKey = decodeToken(query.nextToken, REFERENCE_KEY, { pk: 'REG#PERSON' });
      const page = await deps.registry.persons({
        limit: query.limit,
        ...(query.q ? { prefix: query.q } : {}),
        ...(startKey ? { startKey } : {}),
      });
      const d = today(deps.now());
      const counting = await countingToday(d);
      const nextToken = encodeToken(page.nextKey);
      return json(200, {
        items: page.items.map((p) => ({ ...p, gradeToday: timelineOf(p, d, counting).inForce?.grade ?? null })),
        ...(nextToken ? { nextToken } : {}),
      });
    },

    'GET /registry/persons/{id}': async (event) => {
      requireRole(principalOf(event), 'bureau');
      const id = parseInput(z.object({ id: BoundedId }), event.pathParameters ?? {}).id;
      const [person, stamp] = await Promise.all([deps.registry.person(id), deps.versions.stamp(personKey(id))]);
      if (!person) throw new NotFoundError('PERSON_NOT_FOUND', `No person ${id} in the registry`, `登记库中没有参保人 ${id}`);
      const d = today(deps.now());
      const counting = await countingToday(d);
      return json(200, {
        person,
        lastChange: stamp ?? null,
        today: formatDay(d),
        ...counting,
        ...timelineOf(person, d, counting),
      });
    },

    'GET /registry/institutions': async (event) => {
      requireRole(principalOf(event), 'bureau', 'finance');
      const query = parseInput(RegistryQuerySchema, event.queryStringParameters ?? {});
      const startKey = decodeToken(query.nextToken, REFERENCE_KEY, { pk: 'REG#INST' });
      const page = await deps.registry.institutions({
        limit: query.limit,
        ...(query.q ? { prefix: query.q } : {}),
        ...(startKey ? { startKey } : {}),
      });
      const nextToken = encodeToken(page.nextKey);
      return json(200, { items: page.items, ...(nextToken ? { nextToken } : {}) });
    },

    'GET /registry/institutions/{id}': async (event) => {
      const principal = principalOf(event);
      const id = parseInput(z.object({ id: BoundedId }), event.pathParameters ?? {}).id;
      requireInstitution(principal, id);
      const [institution, stamp] = await Promise.all([
        deps.registry.institution(id),
        // Who changed it and why is the bureau's business, not the institution's.
        principal.role === 'institution' ? undefined : deps.versions.stamp(institutionKey(id)),
      ]);
      if (!institution) throw new NotFoundError('INSTITUTION_NOT_FOUND', `No institution ${id} in the registry`, `登记库中没有机构 ${id}`);
      const d = today(deps.now());
      return json(200, {
        institution,
        ...(principal.role === 'institution' ? {} : { lastChange: stamp ?? null }),
        today: formatDay(d),
        designations: designationStates(institution, d),
      });
    },

    'GET /policies': async (event) => {
      principalOf(event);
      const d = today(deps.now());
      const stored = await deps.registry.policyVersions();
      const versions = stored.length > 0 ? stored : [{ policyId: 'demo-2026', effectiveFrom: '1970-01-01' }];
      // As PolicyBook.at picks: the last version (in key order) in force by today, else the first one.
      let inForce = 0;
      versions.forEach((v, i) => {
        if (day(v.effectiveFrom) <= d) inForce = i;
      });
      const items = versions.map((v, i) => ({ ...v, inForce: i === inForce, builtIn: stored.length === 0 }));
      return json(200, { today: formatDay(d), items });
    },

    'GET /policies/{policyId}': async (event) => {
      principalOf(event);
      const policyId = parseInput(z.object({ policyId: BoundedId }), event.pathParameters ?? {}).policyId;
      const versions = await deps.registry.policy(policyId);
      if (versions.length === 0 && policyId === 'demo-2026' && (await deps.registry.policyVersions()).length === 0) {
        return json(200, { policyId, versions: [{ effectiveFrom: '1970-01-01', document: parsePolicy() }] });
      }
      if (versions.length === 0) throw new NotFoundError('POLICY_NOT_FOUND', `No policy ${policyId}`, `未找到政策 ${policyId}`);
      return json(200, { policyId, versions: versions.map((v) => ({ effectiveFrom: v.effectiveFrom, document: v.document })) });
    },
  };
}

type AssessmentState = 'in-force' | 'superseded' | 'expired' | 'future';
interface Counting {
  readonly validityMonths: number;
  readonly benefitStart: BenefitStart;
}

/**
 * Each assessment with the day it starts counting, the first day it stops counting and its state
 * today; `inForce` is the domain's assessmentInForce under today's policy (its validity and its
 * `benefitStart`, §11.4), so the page and the rules agree.
 */
export function timelineOf(person: PersonRecord, d: Day, { validityMonths, benefitStart }: Counting) {
  const p = new Registry({ persons: [person], institutions: [] }).persons.get(person.personId);
  if (!p) throw new Error(`person ${person.personId} did not index`);
  const current = assessmentInForce(p, d, validityMonths, benefitStart);
  const startOf = (a: (typeof p.assessments)[number]) =>
    benefitStart === 'next-month' ? addMonths(a.assessedOn - ymd(a.assessedOn).dayOfMonth + 1, 1) : a.assessedOn;
  const latestStarted = [...p.assessments].reverse().find((a) => startOf(a) <= d);
  const timeline = p.assessments.map((a) => {
    const state: AssessmentState = startOf(a) > d ? 'future' : a === current ? 'in-force' : a === latestStarted ? 'expired' : 'superseded';
    return {
      grade: a.grade,
      assessedOn: formatDay(a.assessedOn),
      ...(a.certificateNo !== undefined ? { certificateNo: a.certificateNo } : {}),
      countsFrom: formatDay(startOf(a)),
      validUntil: formatDay(addMonths(a.assessedOn, validityMonths)),
      state,
    };
  });
  return { inForce: timeline.find((t) => t.state === 'in-force') ?? null, timeline };
}

function designationStates(inst: InstitutionRecord, d: Day) {
  return inst.designations.map((des) => ({
    ...des,
    state: day(des.from) > d ? ('future' as const) : des.to !== undefined && day(des.to) < d ? ('ended' as const) : ('in-force' as const),
  }));
}
