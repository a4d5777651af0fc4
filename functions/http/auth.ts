/**
 * The caller, from the HTTP API JWT authorizer (`requestContext.authorizer.jwt.claims`). API Gateway
 * has already verified the token; this decides what it means here: exactly one role group, and an
 * institution for institution users. Every problem is a 401 or 403, never a 500.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from './errors.ts';

export const ROLES = ['institution', 'bureau', 'finance'] as const;
export type Role = (typeof ROLES)[number];

export type Principal =
  | { readonly role: 'institution'; readonly institutionId: string; readonly user: string }
  | { readonly role: 'bureau'; readonly user: string }
  | { readonly role: 'finance'; readonly user: string };

type Claims = Record<string, unknown>;

/**
 * Reads the principal of a request.
 * @example principalOf(event) // { role: 'institution', institutionId: 'INST-A', user: 'clerk-1' }
 */
export function principalOf(event: Pick<APIGatewayProxyEventV2, 'requestContext'>): Principal {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } } | undefined)?.authorizer?.jwt?.claims;
  if (!claims || typeof claims !== 'object') throw new UnauthorizedError();
  const user = firstString(claims.username, claims['cognito:username'], claims.sub);
  if (!user) throw new UnauthorizedError();
  const groups = groupsOf(claims['cognito:groups']);
  if (groups.length === 0) {
    throw new ForbiddenError(
      'ROLE_REQUIRED',
      'The user belongs to no group (institution, bureau or finance)',
      '用户未分配角色（机构、医保局或财务）',
    );
  }
  if (groups.length > 1) {
    throw new ForbiddenError(
      'AMBIGUOUS_ROLE',
      'The user belongs to several groups; exactly one is allowed',
      '用户属于多个角色组，只允许一个',
      {
        groups,
      },
    );
  }
  const role = groups[0] as string;
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new ForbiddenError('ROLE_REQUIRED', `Group ${role} is not a role of this service`, `用户组 ${role} 不是本系统的角色`);
  }
  if (role === 'institution') {
    const institutionId = firstString(claims['custom:institutionId']);
    if (!institutionId) {
      throw new ForbiddenError(
        'INSTITUTION_REQUIRED',
        'An institution user needs custom:institutionId',
        '机构用户须设置所属机构（custom:institutionId）',
      );
    }
    return { role, institutionId, user };
  }
  return { role: role as 'bureau' | 'finance', user };
}

/**
 * Refuses a principal whose role is not among `roles`.
 * @example requireRole(principal, 'bureau');
 */
export function requireRole<R extends Role>(principal: Principal, ...roles: R[]): asserts principal is Extract<Principal, { role: R }> {
  if (!(roles as Role[]).includes(principal.role)) {
    throw new ForbiddenError(
      'ROLE_REQUIRED',
      `This action needs the ${roles.join(' or ')} role`,
      `此操作需要以下角色：${roles.map((r) => ROLE_ZH[r]).join('或')}`,
      { required: roles, actual: principal.role },
    );
  }
}

/**
 * Refuses an institution user acting for another institution; bureau and finance see every one.
 * @example requireInstitution(principal, claim.institutionId);
 */
export function requireInstitution(principal: Principal, institutionId: string): void {
  if (principal.role === 'institution' && principal.institutionId !== institutionId) {
    throw new ForbiddenError(
      'FORBIDDEN_INSTITUTION',
      `An institution user may act only for its own institution (${principal.institutionId})`,
      `机构用户只能办理本机构（${principal.institutionId}）的业务`,
    );
  }
}

const ROLE_ZH: Record<Role, string> = { institution: '机构', bureau: '医保局', finance: '财务' };

/**
 * API Gateway renders an array claim as a string: `[a b]` (JWT authorizer), sometimes `a,b` or a JSON
 * array; a single group is a plain string.
 */
export function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return unique(value.filter((v): v is string => typeof v === 'string'));
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return groupsOf(parsed);
    } catch {
      // Not JSON: the authorizer's `[a b]` form.
    }
    return unique(text.slice(1, -1).split(/[\s,]+/));
  }
  return unique(text.split(/[\s,]+/));
}

const unique = (values: string[]) => [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];

function firstString(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return undefined;
}
