/**
 * The routes of the read API, as API Gateway route keys. The CDK stack declares exactly these,
 * the local server matches requests against them, and the OpenAPI document lists them.
 */
export const READ_API_ROUTES = [
  'GET /articles',
  'GET /articles/{id}',
  'GET /articles/{id}/content',
  'GET /articles/{id}/links',
  'GET /links',
  'GET /openapi.json',
] as const;

export type ReadApiRouteKey = (typeof READ_API_ROUTES)[number];

export interface RouteMatch {
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>> | null;
}

/**
 * Matches a request the way API Gateway HTTP APIs do: exact method, one path segment per
 * `{parameter}`, no trailing-slash leniency. Null when no route matches (API Gateway's own 404).
 *
 * @example matchRoute(READ_API_ROUTES, 'GET', '/articles/abc') // { routeKey: 'GET /articles/{id}', pathParameters: { id: 'abc' } }
 */
export function matchRoute(routeKeys: readonly string[], method: string, path: string): RouteMatch | null {
  const segments = path.split('/');
  for (const routeKey of routeKeys) {
    const [routeMethod, routePath] = routeKey.split(' ');
    if (routeMethod !== method || routePath === undefined) continue;
    const routeSegments = routePath.split('/');
    if (routeSegments.length !== segments.length) continue;
    const parameters: Record<string, string> = {};
    const matches = routeSegments.every((routeSegment, index) => {
      const segment = segments[index] ?? '';
      const name = /^\{([^}+]+)\}$/.exec(routeSegment)?.[1];
      if (name === undefined) return routeSegment === segment;
      if (segment === '') return false;
      parameters[name] = decodeSegment(segment);
      return true;
    });
    if (matches) {
      return { routeKey, pathParameters: Object.keys(parameters).length > 0 ? parameters : null };
    }
  }
  return null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape is passed on as sent, as API Gateway does.
    return segment;
  }
}
