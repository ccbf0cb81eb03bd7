import type { RecordMapping } from './record-mapping';

type Json = Record<string, unknown>;

/**
 * Flattens a Zendesk event-subscription webhook (`{type, time, detail: <ticket>, event: {previous,
 * current}}`) into one record: the ticket's state plus the transition this event made, so the
 * declarative mapping below needs no knowledge of event types.
 */
export function flattenZendeskEvent(payload: Json): Json {
  const detail = (payload.detail ?? {}) as Json;
  const event = (payload.event ?? {}) as Json;
  const type = typeof payload.type === 'string' ? payload.type.replace('zen:event-type:ticket.', '') : '';
  return {
    ...detail,
    event_type: type,
    event_time: payload.time,
    previous_status: type === 'status_changed' ? event.previous : undefined,
    status_changed_at: type === 'status_changed' ? payload.time : undefined,
    previous_assignee_id: type === 'agent_assignment_changed' ? event.previous : undefined,
    // Permanently deleted tickets leave the ERP; soft-deleted ones are deletes too.
    deleted: type === 'permanently_deleted' || type === 'soft_deleted',
  };
}

const zendeskStatus = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'on_hold',
  solved: 'resolved',
  closed: 'closed',
};

export const zendeskTicketEvents: RecordMapping = {
  name: 'zendesk.ticket_events',
  description: 'Zendesk event-subscription webhooks (zen:event-type:ticket.*)',
  source: 'ticketing',
  entity: 'ticket',
  id: 'id',
  occurredAt: ['event_time', 'updated_at'],
  version: 'event_time',
  deletedFlag: 'deleted',
  fields: {
    status: { from: 'status', map: zendeskStatus },
    from_status: { from: 'previous_status', map: zendeskStatus },
    status_changed_at: 'status_changed_at',
    priority: 'priority',
    ticket_type: 'type',
    channel: 'via.channel',
    created_at: 'created_at',
    created_by: 'submitter_id',
    assigned_to: 'assignee_id',
    previous_assigned_to: 'previous_assignee_id',
    team_id: 'group_id',
  },
  extra: ['event_type', 'organization_id', 'requester_id'],
};
