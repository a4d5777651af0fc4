/**
 * Local tokens for the three roles. The deployed API trusts the Cognito (or, in aws-cn, the bureau's
 * OIDC) issuer; locally the same claims are signed with a key kept in `.local/jwt-secret`, so
 * `npx ltc token` and the running local stack agree across runs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type JWTPayload, jwtVerify, SignJWT } from 'jose';

export const LOCAL_ISSUER = 'ltc-local';
export const LOCAL_AUDIENCE = 'ltc-local';
export const ROLES = ['institution', 'bureau', 'finance'] as const;
export type Role = (typeof ROLES)[number];

/** The signing key, created on first use. */
export function localSecret(root: string): Uint8Array {
  const dir = join(root, '.local');
  const file = join(dir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

/**
 * A token with the claims the API reads: `cognito:groups`, `custom:institutionId`, `sub`.
 * @example await issueToken(root, { role: 'institution', institutionId: 'INST-A' })
 */
export async function issueToken(
  root: string,
  who: { role: Role; institutionId?: string; user?: string; hours?: number },
): Promise<string> {
  if (who.role === 'institution' && !who.institutionId) throw new Error('an institution token needs --institution ID');
  return new SignJWT({
    'cognito:groups': [who.role],
    ...(who.institutionId ? { 'custom:institutionId': who.institutionId } : {}),
    'cognito:username': who.user ?? `${who.role}${who.institutionId ? `-${who.institutionId}` : ''}`,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(who.user ?? `${who.role}-${who.institutionId ?? 'staff'}`)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${who.hours ?? 12}h`)
    .sign(localSecret(root));
}

/** The verified claims, or undefined for a missing, expired or forged token (API Gateway answers 401). */
export async function verifyToken(secret: Uint8Array, token: string): Promise<JWTPayload | undefined> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
    return payload;
  } catch {
    return undefined;
  }
}
