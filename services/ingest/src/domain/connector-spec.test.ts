import { parseConnectorSpecs } from './connector-spec';

describe('connector specs', () => {
  it('parses topics with mappings and optional tenants', () => {
    const specs = parseConnectorSpecs(
      ' erp.public.tickets=dotmac_insights.tickets, erp.public.payments=dotmac_insights.payments@acme ',
      't0',
    );
    expect(specs.map((s) => [s.input, s.mapping.name, s.tenantId])).toEqual([
      ['erp.public.tickets', 'dotmac_insights.tickets', 't0'],
      ['erp.public.payments', 'dotmac_insights.payments', 'acme'],
    ]);
    expect(parseConnectorSpecs('', 't0')).toEqual([]);
  });

  it.each([
    ['erp.public.tickets', 'is not input=mapping'],
    ['erp.public.tickets=nope.tickets', 'unknown mapping "nope.tickets"'],
  ])('names the bad entry %s', (spec, message) => {
    expect(() => parseConnectorSpecs(spec, 't0')).toThrow(message);
  });
});
