import { findMapping, mappingCatalog } from './mapping-catalog';
import { mapRecord, type MapOutcome } from './map-record';
import { flattenZendeskEvent } from './zendesk';
import { unwrapFreshdeskPayload } from './freshdesk';

const mapped = (out: MapOutcome) => {
  if (!out.ok) throw new Error(`${out.code}: ${out.message}`);
  return out.event;
};

describe('declarative mappings', () => {
  it.each([
    {
      mapping: 'dotmac_insights.tickets',
      row: {
        id: 101,
        status: 'replied',
        priority: 'high',
        assigned_employee_id: 42,
        resolution_team_id: 7,
        opening_date: '2026-03-02 08:15:00',
        first_responded_on: '2026-03-02T08:40:00Z',
        resolution_date: 1772451000000000, // Debezium MicroTimestamp
        feedback_rating: 4,
        agreement_status: 'Failed',
        updated_at: '2026-03-02T09:00:00Z',
        ticket_number: 'HD-101',
      },
      expected: {
        source: 'ticketing',
        entity: 'ticket',
        id: '101',
        data: {
          status: 'pending',
          priority: 'high',
          assigned_to: '42',
          team_id: '7',
          created_at: '2026-03-02T08:15:00.000Z',
          first_response_at: '2026-03-02T08:40:00.000Z',
          resolved_at: '2026-03-02T11:30:00.000Z',
          csat: 4,
          sla_breached: true,
          ticket_number: 'HD-101',
        },
      },
    },
    {
      mapping: 'dotmac_insights.service_orders',
      row: {
        id: 9,
        status: 'pending_parts',
        order_type: 'repair',
        assigned_technician_id: 'E-17',
        scheduled_date: 20514, // Debezium Date: days since the epoch
        travel_start_time: '2026-03-02T09:00:00Z',
        arrival_time: '2026-03-02T09:35:00Z',
        customer_rating: '5',
        updated_at: '2026-03-02T12:00:00Z',
      },
      expected: {
        source: 'field_service',
        entity: 'work_order',
        id: '9',
        data: {
          status: 'paused',
          type: 'repair',
          technician_id: 'E-17',
          scheduled_at: '2026-03-02T00:00:00.000Z',
          travel_started_at: '2026-03-02T09:00:00.000Z',
          arrived_at: '2026-03-02T09:35:00.000Z',
          customer_rating: 5,
        },
      },
    },
    {
      mapping: 'dotmac_insights.unified_tickets',
      row: {
        id: 'U1',
        status: 'waiting',
        assigned_to_id: 3,
        response_sla_breached: false,
        resolution_sla_breached: true,
        csat_rating: 2,
        created_at: '2026-01-05T10:00:00Z',
      },
      expected: {
        source: 'ticketing',
        entity: 'ticket',
        id: 'U1',
        data: {
          status: 'pending',
          assigned_to: '3',
          response_sla_breached: false,
          resolution_sla_breached: true,
          sla_breached: true,
          csat: 2,
          created_at: '2026-01-05T10:00:00.000Z',
        },
      },
    },
    {
      mapping: 'dotmac_crm.tickets',
      row: {
        id: 'b3c1',
        status: 'waiting_on_customer',
        priority: 'normal',
        assigned_to_person_id: 'p-9',
        service_team_id: 't-2',
        created_at: '2026-01-05T10:00:00+01:00',
      },
      expected: {
        source: 'ticketing',
        entity: 'ticket',
        id: 'b3c1',
        data: {
          status: 'pending',
          priority: 'medium',
          assigned_to: 'p-9',
          team_id: 't-2',
          created_at: '2026-01-05T09:00:00.000Z',
        },
      },
    },
    {
      mapping: 'dotmac_sub.outage_incidents',
      row: {
        id: 'o-1',
        status: 'discarded',
        severity: 'critical',
        started_at: '2026-02-01T00:00:00Z',
        suspected_at: '2026-02-01T00:04:00Z',
        confirmed_at: '2026-02-01T00:10:00Z',
        cleared_at: '2026-02-01T01:00:00Z',
        affected_count: 120,
        declared_by: 'noc-1',
        detection_source: 'zabbix',
      },
      expected: {
        source: 'noc',
        entity: 'incident',
        id: 'o-1',
        data: {
          status: 'resolved',
          severity: 'critical',
          started_at: '2026-02-01T00:00:00.000Z',
          detected_at: '2026-02-01T00:04:00.000Z',
          acknowledged_at: '2026-02-01T00:10:00.000Z',
          resolved_at: '2026-02-01T01:00:00.000Z',
          false_positive: true,
          affected_count: 120,
          assigned_to: 'noc-1',
          detection_source: 'monitoring',
        },
      },
    },
    {
      mapping: 'dotmac_insights.opportunities',
      row: {
        id: 5,
        status: 'won',
        stage_id: 4,
        owner_id: 12,
        deal_value: '250000.00',
        created_at: '2026-01-01',
      },
      expected: {
        source: 'crm',
        entity: 'deal',
        id: '5',
        data: {
          status: 'won',
          won: true,
          stage: '4',
          owner_id: '12',
          amount: 250000,
          created_at: '2026-01-01T00:00:00.000Z',
        },
      },
    },
    {
      mapping: 'erpnext.employees',
      row: {
        id: 'HR-EMP-0001',
        employee_name: 'Ada',
        reports_to: 'HR-EMP-0000',
        status: 'Left',
        relieving_date: '2026-04-30',
        date_of_joining: '2024-01-08',
      },
      expected: {
        source: 'hr',
        entity: 'employee',
        id: 'HR-EMP-0001',
        data: {
          name: 'Ada',
          manager_id: 'HR-EMP-0000',
          status: 'exited',
          exited_at: '2026-04-30T00:00:00.000Z',
          hired_at: '2024-01-08T00:00:00.000Z',
        },
      },
    },
  ])('$mapping maps the ERP columns onto canonical fields', ({ mapping, row, expected }) => {
    const ev = mapped(mapRecord(findMapping(mapping)!, row));
    expect(ev).toMatchObject({
      source: expected.source,
      entity: expected.entity,
      id: expected.id,
      op: 'upsert',
    });
    expect(ev.data).toEqual(expected.data);
  });

  it('every mapping targets a catalog entity and maps a row of its own columns', () => {
    expect(mappingCatalog.size).toBeGreaterThan(20);
    const out = mapRecord(findMapping('canonical.finance.payment')!, {
      id: 'P1',
      amount: 10,
      status: 'cleared',
      updated_at: '2026-01-01T00:00:00Z',
    });
    expect(mapped(out).data).toEqual({ amount: 10, status: 'cleared' });
  });

  it('takes the caller version and time when the row has none, and soft deletes drop the data', () => {
    const ev = mapped(
      mapRecord(
        findMapping('dotmac_insights.tickets')!,
        { id: 1, is_deleted: true },
        { version: 77, occurredAt: '2026-01-01T00:00:00.000Z' },
      ),
    );
    expect(ev).toMatchObject({ op: 'delete', version: 77, occurred_at: '2026-01-01T00:00:00.000Z' });
    expect(ev.data).toBeUndefined();
  });

  it.each([
    [{ status: 'open', updated_at: '2026-01-01T00:00:00Z' }, 'missing_id', 'id'],
    [{ id: 1, status: 'open' }, 'missing_time', 'updated_at'],
    [{ id: 1, status: 'exploded', updated_at: '2026-01-01T00:00:00Z' }, 'invalid_field', 'data.status'],
    [{ id: 1, feedback_rating: 9, updated_at: '2026-01-01T00:00:00Z' }, 'invalid_field', 'data.csat'],
    [
      { id: 1, resolution_date: 'soon', updated_at: '2026-01-01T00:00:00Z' },
      'invalid_field',
      'data.resolved_at',
    ],
  ])('rejects an unmappable row %# with a code and the field', (row, code, field) => {
    const out = mapRecord(findMapping('dotmac_insights.tickets')!, row);
    expect(out).toMatchObject({ ok: false, code, field });
  });

  it('maps a Zendesk event-subscription payload with its transition', () => {
    const payload = {
      type: 'zen:event-type:ticket.status_changed',
      time: '2026-03-02T10:00:00.123Z',
      detail: {
        id: '35436',
        status: 'SOLVED',
        priority: 'HIGH',
        assignee_id: '235324',
        group_id: '98738',
        created_at: '2026-03-01T09:00:00Z',
        via: { channel: 'web' },
      },
      event: { previous: 'OPEN', current: 'SOLVED' },
    };
    const ev = mapped(mapRecord(findMapping('zendesk.ticket_events')!, flattenZendeskEvent(payload)));
    expect(ev).toMatchObject({ id: '35436', version: Date.parse('2026-03-02T10:00:00.123Z') });
    expect(ev.data).toMatchObject({
      status: 'resolved',
      from_status: 'open',
      status_changed_at: '2026-03-02T10:00:00.123Z',
      priority: 'high',
      assigned_to: '235324',
      team_id: '98738',
      channel: 'web',
      event_type: 'status_changed',
    });
  });

  it('maps a Freshdesk payload, wrapped or not', () => {
    const body = {
      ticket_id: 77,
      ticket_status: 'Waiting on Customer',
      ticket_priority: 'Urgent',
      ticket_agent_id: 'a1',
      ticket_updated_at: '2026-03-02T10:00:00Z',
    };
    for (const payload of [body, { freshdesk_webhook: body }]) {
      const ev = mapped(
        mapRecord(findMapping('freshdesk.ticket_webhooks')!, unwrapFreshdeskPayload(payload)),
      );
      expect(ev.data).toMatchObject({ status: 'pending', priority: 'urgent', assigned_to: 'a1' });
    }
  });
});
