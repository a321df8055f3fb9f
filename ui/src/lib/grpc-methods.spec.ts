import { describe, expect, it } from 'vitest';
import type { GrpcMethod } from './bindings/GrpcMethod';
import { groupMethods, serviceOf, shortName } from './grpc-methods';

function method(name: string, shape: GrpcMethod['shape'] = 'unary'): GrpcMethod {
  return { name, input: 'a.In', output: 'a.Out', shape };
}

const listed = [
  method('test.echo.Echo/Unary'),
  method('test.echo.Echo/Chat', 'bidirectional'),
  method('shop.Cart/Add'),
  method('test.echo.Echo/Count', 'serverStreaming'),
];

describe('groupMethods', () => {
  it('groups by service in the order first listed, methods in their order', () => {
    const groups = groupMethods(listed, '');
    expect(groups.map((g) => g.service)).toEqual(['test.echo.Echo', 'shop.Cart']);
    expect(groups[0]?.methods.map((m) => shortName(m.name))).toEqual(['Unary', 'Chat', 'Count']);
  });

  it('keeps the methods whose full name holds the filter, in any case', () => {
    expect(groupMethods(listed, 'CHAT').flatMap((g) => g.methods.map((m) => m.name))).toEqual([
      'test.echo.Echo/Chat',
    ]);
    expect(groupMethods(listed, 'cart').map((g) => g.service)).toEqual(['shop.Cart']);
    expect(groupMethods(listed, 'nothing')).toEqual([]);
  });

  it('splits a full name into service and method', () => {
    expect(serviceOf('a.b.Svc/Do')).toBe('a.b.Svc');
    expect(shortName('a.b.Svc/Do')).toBe('Do');
  });
});
