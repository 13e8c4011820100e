import type { EndpointDefinition } from './endpoint-types';

/** The endpoints an app defined, in definition order: what the OpenAPI document is built from. */
export interface EndpointCatalog<D> {
  add(endpoint: EndpointDefinition<D>): void;
  list(): readonly EndpointDefinition<D>[];
}

export function createEndpointCatalog<D>(): EndpointCatalog<D> {
  const endpoints: EndpointDefinition<D>[] = [];
  return {
    add(endpoint) {
      const clash = endpoints.find(
        (e) => e.name === endpoint.name || (e.method === endpoint.method && e.route === endpoint.route),
      );
      if (clash)
        throw new Error(
          `Endpoint ${endpoint.name} (${endpoint.method} ${endpoint.route}) clashes with ${clash.name}`,
        );
      endpoints.push(endpoint);
    },
    list: () => [...endpoints],
  };
}
