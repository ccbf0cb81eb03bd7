import { openApiDocument } from '@scorecard/api';
import { GATEWAY_OPERATIONS, ROUTES } from './route-table';

/** The OpenAPI document of `/api/v1`, with who may call each operation taken from the route table. */
export function gatewayOpenApiDocument() {
  const routeOf = new Map(ROUTES.map((r) => [r.operation, r]));
  return openApiDocument((op) => {
    if (GATEWAY_OPERATIONS.includes(op)) return 'public';
    const route = routeOf.get(op);
    if (!route) throw new Error(`${op.method} ${op.path} has no route`);
    return route.webhook ? 'public' : { roles: route.roles };
  });
}
