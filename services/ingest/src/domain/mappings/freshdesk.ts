import type { RecordMapping } from './record-mapping';

type Json = Record<string, unknown>;

/**
 * Freshdesk webhooks carry whatever JSON the automation rule's template says. The README gives the
 * template this mapping expects (`ticket_*` placeholders); Freshdesk's classic format wraps it in
 * `freshdesk_webhook`, which is unwrapped here.
 */
export function unwrapFreshdeskPayload(payload: Json): Json {
  const inner = payload.freshdesk_webhook;
  return inner !== null && typeof inner === 'object' ? (inner as Json) : payload;
}

export const freshdeskTicketWebhooks: RecordMapping = {
  name: 'freshdesk.ticket_webhooks',
  description: 'Freshdesk automation-rule webhooks with the ticket_* template',
  source: 'ticketing',
  entity: 'ticket',
  id: 'ticket_id',
  occurredAt: ['ticket_updated_at', 'ticket_created_at'],
  version: 'ticket_updated_at',
  fields: {
    status: {
      from: 'ticket_status',
      map: {
        open: 'open',
        pending: 'pending',
        resolved: 'resolved',
        closed: 'closed',
        'waiting on customer': 'pending',
        'waiting on third party': 'on_hold',
      },
    },
    priority: 'ticket_priority',
    ticket_type: 'ticket_type',
    channel: 'ticket_source',
    created_at: 'ticket_created_at',
    assigned_to: { from: ['ticket_agent_id', 'ticket_agent_email'] },
    team_id: 'ticket_group_id',
    first_response_at: 'ticket_first_responded_at',
    response_by: 'ticket_fr_due_by',
    resolution_by: 'ticket_due_by',
    resolved_at: 'ticket_resolved_at',
    closed_at: 'ticket_closed_at',
    csat: 'ticket_satisfaction_rating',
  },
  extra: ['triggered_event'],
};
