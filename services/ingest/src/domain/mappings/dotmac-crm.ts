import type { RecordMapping } from './record-mapping';

// dotmac_crm / dotmac_sub operational tables: UUID keys, *_person_id people.

export const dotmacCrmTickets: RecordMapping = {
  name: 'dotmac_crm.tickets',
  description: 'dotmac_crm `tickets` (and dotmac_sub `support_tickets`, same vocabulary)',
  source: 'ticketing',
  entity: 'ticket',
  id: 'id',
  occurredAt: ['updated_at', 'created_at'],
  fields: {
    status: {
      from: 'status',
      map: {
        waiting_on_customer: 'pending',
        // The fix is done and awaits the customer's confirmation.
        pending_confirmation: 'resolved',
        lastmile_rerun: 'in_progress',
        site_under_construction: 'on_hold',
      },
    },
    priority: { from: 'priority', map: { lower: 'low', normal: 'medium' } },
    channel: 'channel',
    ticket_type: 'ticket_type',
    created_at: 'created_at',
    created_by: 'created_by_person_id',
    assigned_to: { from: ['assigned_to_person_id', 'technician_person_id'] },
    team_id: 'service_team_id',
    resolution_by: 'due_at',
    resolved_at: 'resolved_at',
    closed_at: 'closed_at',
  },
  extra: ['number', 'region'],
};

export const dotmacCrmWorkOrders: RecordMapping = {
  name: 'dotmac_crm.work_orders',
  description: 'dotmac_crm `work_orders` (workforce)',
  source: 'field_service',
  entity: 'work_order',
  id: 'id',
  occurredAt: ['updated_at', 'created_at'],
  fields: {
    status: { from: 'status', map: { canceled: 'cancelled' } },
    type: { from: 'work_type', map: { install: 'installation', disconnect: 'disconnection' } },
    technician_id: { from: ['assigned_to_person_id', 'assigned_to_crm_person_id'] },
    ticket_id: { from: ['ticket_id', 'origin_ticket_id'] },
    created_at: 'created_at',
    scheduled_at: 'scheduled_start',
    arrived_at: 'estimated_arrival_at',
    started_at: 'started_at',
    completed_at: 'completed_at',
    estimated_duration_minutes: 'estimated_duration_minutes',
  },
};

export const dotmacCrmLeads: RecordMapping = {
  name: 'dotmac_crm.crm_leads',
  description: 'dotmac_crm `crm_leads` (pipeline deals)',
  source: 'crm',
  entity: 'deal',
  id: 'id',
  occurredAt: ['updated_at', 'created_at'],
  fields: {
    stage: { from: ['stage_id', 'status'] },
    status: {
      from: 'status',
      map: { new: 'open', contacted: 'open', qualified: 'open', proposal: 'open', negotiation: 'open' },
    },
    won: { from: 'status', map: { won: true, lost: false } },
    owner_id: 'owner_agent_id',
    amount: 'estimated_value',
    probability: 'probability',
    created_at: 'created_at',
    expected_close_at: 'expected_close_date',
    closed_at: 'closed_at',
    lost_reason: 'lost_reason',
  },
};

export const dotmacSubOutageIncidents: RecordMapping = {
  name: 'dotmac_sub.outage_incidents',
  description: 'dotmac_sub `outage_incidents` (NOC)',
  source: 'noc',
  entity: 'incident',
  id: 'id',
  occurredAt: ['updated_at', 'started_at'],
  fields: {
    severity: {
      from: 'severity',
      map: { warning: 'minor', info: 'info', major: 'major', critical: 'critical' },
    },
    status: {
      from: 'status',
      map: {
        suspected: 'open',
        confirmed: 'acknowledged',
        clearing: 'acknowledged',
        cleared: 'resolved',
        discarded: 'resolved',
        reopened: 'open',
      },
    },
    started_at: 'started_at',
    detected_at: 'suspected_at',
    acknowledged_at: 'confirmed_at',
    resolved_at: { from: ['resolved_at', 'cleared_at'] },
    assigned_to: 'declared_by',
    // A discarded outage was never real.
    false_positive: { from: 'status', map: { discarded: true, resolved: false, cleared: false } },
    detection_source: { from: 'detection_source', map: { zabbix: 'monitoring', system: 'monitoring' } },
    affected_count: 'affected_count',
    classification: 'classification',
    device_id: 'root_node_id',
  },
};

export const dotmacSubAvailabilitySnapshots: RecordMapping = {
  name: 'dotmac_sub.availability_snapshots',
  description: 'dotmac_sub `availability_snapshots` (daily uptime per network element)',
  source: 'noc',
  entity: 'availability_snapshot',
  id: 'id',
  occurredAt: ['snapshot_date'],
  fields: {
    element_type: {
      from: 'element_type',
      map: { router: 'device', switch: 'device', access_point: 'device', pop_site: 'site' },
    },
    element_id: 'element_id',
    snapshot_at: 'snapshot_date',
    uptime_percent: 'uptime_percent',
    downtime_seconds: 'downtime_seconds',
    window_seconds: 'window_seconds',
    incident_count: 'incident_count',
  },
  extra: ['affected_subscribers_peak'],
};
