import { ownershipField, resolveFormulaSide, type BindingSpec } from './index';

describe('ownershipField', () => {
  it.each([
    [{ rule: 'assigned_to' }, 'assigned_to'],
    [{ rule: 'technician_id' }, 'technician_id'],
    [{ rule: 'team' }, 'team_id'],
    [{ rule: 'team', field: 'squad_id' }, 'squad_id'],
    [{ rule: 'custom', field: 'owner_id' }, 'owner_id'],
  ] as const)('%j reads %s', (o, field) => expect(ownershipField(o)).toBe(field));
});

describe('resolveFormulaSide', () => {
  const parent: BindingSpec = {
    source: { domain: 'ticketing', entity: 'ticket' },
    filter: [{ field: 'status', op: 'eq', value: 'closed' }],
    time_field: 'closed_at',
    aggregation: { fn: 'ratio' },
    ownership: { rule: 'assigned_to' },
  };
  it('inherits source, time field and owner, and ANDs the parent filter first', () => {
    expect(
      resolveFormulaSide(parent, {
        filter: [{ field: 'sla_breached', op: 'eq', value: false }],
        aggregation: { fn: 'count' },
      }),
    ).toEqual({
      source: parent.source,
      time_field: 'closed_at',
      ownership: { rule: 'assigned_to' },
      aggregation: { fn: 'count' },
      filter: [
        { field: 'status', op: 'eq', value: 'closed' },
        { field: 'sla_breached', op: 'eq', value: false },
      ],
    });
  });
  it('keeps what the side sets', () => {
    const side = resolveFormulaSide(
      { ...parent, filter: [] },
      { time_field: 'created_at', ownership: { rule: 'team' }, aggregation: { fn: 'count' } },
    );
    expect(side).toEqual({
      source: parent.source,
      time_field: 'created_at',
      ownership: { rule: 'team' },
      aggregation: { fn: 'count' },
    });
  });
});
