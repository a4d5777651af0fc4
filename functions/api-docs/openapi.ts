/**
 * The OpenAPI 3.1 document of the API, generated from the zod schemas the handlers validate with
 * (requests) and answer with (functions/http/responses.ts), one operation per route of
 * functions/http/routes.ts. `ROUTE_DOCS` is typed by the route table, so a new route does not compile
 * until it is described here.
 */
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { API_ROUTES, routeKey } from '../http/routes.ts';
import { COMPONENTS, type Operation, operations } from './operations.ts';

extendZodWithOpenApi(z);

const ERROR_TEXT: Record<number, string> = {
  400: '请求数据校验未通过，details 列出每个字段 / validation failed; details lists each field',
  401: '缺少或无效的令牌 / no or bad token (answered by the gateway)',
  403: '角色或机构不允许 / the role or institution may not do this',
  404: '不存在 / not found',
  409: '与已存储的状态冲突 / conflicts with the stored state',
  413: '请求体或批量过大 / body or batch too large',
  415: '请求体类型不支持 / unsupported media type',
  503: '依赖暂不可用，可原样重试 / a dependency is unavailable; retry the same request',
};

export interface OpenApiOptions {
  /** The base URL the document names as its server, e.g. `https://abc.execute-api.cn-north-1.amazonaws.com.cn`. */
  readonly serverUrl?: string;
}

/**
 * The document.
 * @example openApiDocument({ serverUrl: 'http://127.0.0.1:3000' }).paths['/claims'].post
 */
export function openApiDocument(options: OpenApiOptions = {}) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'OIDC 访问令牌：cognito:groups 为 institution | bureau | finance 之一，机构用户另有 custom:institutionId / an OIDC access token with exactly one role group',
  });
  const registered = new Map<string, z.ZodType>();
  for (const [name, schema] of Object.entries(COMPONENTS)) registered.set(name, named(registry, name, schema));
  const ref = (name: keyof typeof COMPONENTS) => registered.get(name) as z.ZodType;
  const error = ref('Error');
  const ops: Record<string, Operation> = operations(ref);

  for (const route of API_ROUTES) {
    const op = ops[routeKey(route)];
    if (!op) throw new Error(`route ${routeKey(route)} has no operation in api-docs/operations.ts`);
    const responses: RouteConfig['responses'] = {};
    for (const [status, r] of Object.entries(op.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.content ? { content: Object.fromEntries(Object.entries(r.content).map(([type, schema]) => [type, { schema }])) } : {}),
      };
    }
    for (const status of op.errors) {
      responses[String(status)] = { description: ERROR_TEXT[status] ?? 'error', content: { 'application/json': { schema: error } } };
    }
    registry.registerPath({
      method: route.method.toLowerCase() as 'get' | 'post' | 'put',
      path: route.path,
      operationId: op.operationId,
      summary: op.summary,
      description: `${op.description}\n\n角色 / roles: ${op.roles.join(', ')}`,
      tags: [op.tag],
      security: route.public ? [] : [{ [bearer.name]: [] }],
      request: {
        ...(op.params ? { params: op.params } : {}),
        ...(op.query ? { query: op.query } : {}),
        ...(op.body
          ? {
              body: {
                required: true,
                content: Object.fromEntries(Object.entries(op.body).map(([type, schema]) => [type, { schema }])),
              },
            }
          : {}),
      },
      responses,
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'ltc-claims API',
      version: '1',
      description:
        '长期护理保险与养老补贴申报的接口。金额一律为十进制字符串（元，两位小数），日期按 Asia/Shanghai。错误体为 { error: { code, message, messageZh, details } }。\n\n' +
        'Long-term-care insurance and elderly-care subsidy claims. Amounts are decimal strings in yuan; dates are Asia/Shanghai.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
  });
}

/**
 * Registers a component. The domain's schemas were built before zod was extended (imports load
 * first), so they lack `.openapi`; calling the extension on them returns a copy that has it.
 */
function named(registry: OpenAPIRegistry, name: string, schema: z.ZodType): z.ZodType {
  const openapi = (z.ZodType.prototype as unknown as { openapi: (this: z.ZodType, refId: string) => z.ZodType }).openapi;
  return registry.register(name, openapi.call(schema, name));
}
