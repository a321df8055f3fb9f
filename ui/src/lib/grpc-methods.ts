/** gRPC methods as the method picker shows them: grouped by service, narrowed by a filter. */
import type { GrpcMethod } from './bindings/GrpcMethod';

export interface ServiceGroup {
  /** `package.Service`. */
  service: string;
  methods: GrpcMethod[];
}

/** The service of `package.Service/Method`. */
export function serviceOf(name: string): string {
  return name.split('/')[0] ?? name;
}

/** The method's own name, after the `/`. */
export function shortName(name: string): string {
  return name.split('/')[1] ?? name;
}

/**
 * `methods` whose full name holds `query` (any case), by service in the order first listed,
 * each service's methods in their order.
 */
export function groupMethods(methods: GrpcMethod[], query: string): ServiceGroup[] {
  const q = query.trim().toLowerCase();
  const groups: ServiceGroup[] = [];
  for (const method of methods) {
    if (q && !method.name.toLowerCase().includes(q)) continue;
    const service = serviceOf(method.name);
    const group = groups.find((g) => g.service === service);
    if (group) group.methods.push(method);
    else groups.push({ service, methods: [method] });
  }
  return groups;
}
