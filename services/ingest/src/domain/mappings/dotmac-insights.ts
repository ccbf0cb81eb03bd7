import type { RecordMapping } from './record-mapping';

// dotmac-insights (ERPNext / Splynx / Chatwoot mirror) tables. Integer ids, ERPNext vocabularies.

export const dotmacInsightsTickets: RecordMapping = {
  name: 'dotmac_insights.tickets',
  description: 'dotmac-insights `tickets` (ERPNext HD Ticket, Splynx, Chatwoot)',
  source: 'ticketing',
  entity: 'ticket',
  id: 'id',
  occurredAt: ['updated_at', 'created_at'],
  deletedFlag: 'is_deleted',
  fields: {
    // "replied" means the agent answered and the customer owes the next move.
    status: {
      from: 'status',
      map: { open: 'open', replied: 'pending', resolved: 'resolved', closed: 'closed', on_hold: 'on_hold' },
    },
    priority: 'priority',
    created_at: { from: ['opening_date', 'created_at'] },
    first_response_at: 'first_responded_on',
    resolved_at: 'resolution_date',
    assigned_to: 'assigned_employee_id',
    team_id: 'resolution_team_id',
    ticket_type: 'ticket_type',
    response_by: 'response_by',
    resolution_by: 'resolution_by',
    // ERPNext's agreement_status: First Response Due | Resolution Due | Failed | Fulfilled | Paused.
    sla_breached: {
      from: 'agreement_status',
      map: {
        failed: true,
        fulfilled: false,
        paused: false,
        'first response due': false,
        'resolution due': false,
      },
    },
    csat: 'feedback_rating',
  },
  extra: ['ticket_number', 'customer_id', 'is_escalated', 'source'],
};

export const dotmacInsightsUnifiedTickets: RecordMapping = {
  name: 'dotmac_insights.unified_tickets',
  description: 'dotmac-insights `unified_tickets`, the consolidated helpdesk model',
  source: 'ticketing',
  entity: 'ticket',
  id: 'id',
  occurredAt: ['updated_at', 'created_at'],
  fields: {
    status: { from: 'status', map: { waiting: 'pending' } },
    priority: 'priority',
    channel: 'channel',
    ticket_type: 'ticket_type',
    created_at: 'created_at',
    created_by: 'created_by_id',
    assigned_to: 'assigned_to_id',
    assigned_at: 'assigned_at',
    team_id: 'assigned_team_id',
    first_response_at: 'first_response_at',
    resolved_at: 'resolved_at',
    closed_at: 'closed_at',
    response_by: 'response_by',
    resolution_by: 'resolution_by',
    response_sla_breached: 'response_sla_breached',
    resolution_sla_breached: 'resolution_sla_breached',
    sla_breached: { any: ['response_sla_breached', 'resolution_sla_breached'] },
    csat: 'csat_rating',
  },
  extra: ['region', 'base_station', 'root_cause'],
};

export const dotmacInsightsServiceOrders: RecordMapping = {
  name: 'dotmac_insights.service_orders',
  description: 'dotmac-insights `service_orders` (field service)',
  source: 'field_service',
  entity: 'work_order',
  id: 'id',
  occurredAt: ['updated_at', 'created_at'],
  fields: {
    status: { from: 'status', map: { pending_parts: 'paused', rescheduled: 'scheduled' } },
    type: { from: 'order_type', map: { relocation: 'other', upgrade: 'other' } },
    priority: 'priority',
    technician_id: 'assigned_technician_id',
    team_id: 'assigned_team_id',
    ticket_id: 'ticket_id',
    created_at: 'created_at',
    scheduled_at: 'scheduled_date',
    travel_started_at: 'travel_start_time',
    arrived_at: 'arrival_time',
    started_at: 'actual_start_time',
    completed_at: 'actual_end_time',
    customer_rating: 'customer_rating',
  },
  extra: ['order_number', 'customer_id', 'zone_id', 'total_cost'],
};

export const dotmacInsightsInvoices: RecordMapping = {
  name: 'dotmac_insights.invoices',
  description: 'dotmac-insights `invoices` (Splynx / ERPNext billing)',
  source: 'finance',
  entity: 'invoice',
  id: 'id',
  occurredAt: ['updated_at', 'invoice_date'],
  fields: {
    status: { from: 'status', map: { pending: 'issued', cancelled: 'void', refunded: 'void' } },
    amount: 'total_amount',
    amount_paid: 'amount_paid',
    balance: 'balance',
    currency: 'currency',
    customer_id: 'customer_id',
    issued_at: 'invoice_date',
    due_at: 'due_date',
    paid_at: 'paid_date',
    created_by: 'created_by_id',
  },
  extra: ['invoice_number'],
};

export const dotmacInsightsPayments: RecordMapping = {
  name: 'dotmac_insights.payments',
  description: 'dotmac-insights `payments`',
  source: 'finance',
  entity: 'payment',
  id: 'id',
  occurredAt: ['updated_at', 'payment_date'],
  fields: {
    invoice_id: 'invoice_id',
    amount: 'amount',
    status: { from: 'status', map: { posted: 'cleared' } },
    method: 'payment_method',
    paid_at: 'payment_date',
    created_by: 'created_by_id',
  },
  extra: ['receipt_number'],
};

export const dotmacInsightsOpportunities: RecordMapping = {
  name: 'dotmac_insights.opportunities',
  description: 'dotmac-insights `opportunities` (CRM deals)',
  source: 'crm',
  entity: 'deal',
  id: 'id',
  occurredAt: ['updated_at', 'created_at'],
  fields: {
    stage: 'stage_id',
    status: 'status',
    won: { from: 'status', map: { won: true, lost: false } },
    owner_id: 'owner_id',
    amount: 'deal_value',
    probability: 'probability',
    account_id: 'customer_id',
    created_at: 'created_at',
    expected_close_at: 'expected_close_date',
    closed_at: 'actual_close_date',
    lost_reason: 'lost_reason',
  },
};

export const dotmacInsightsCustomers: RecordMapping = {
  name: 'dotmac_insights.customers',
  description: 'dotmac-insights `customers` (accounts; cancellation is churn)',
  source: 'crm',
  entity: 'account',
  id: 'id',
  occurredAt: ['updated_at', 'created_at'],
  fields: {
    name: 'name',
    status: 'status',
    owner_id: 'account_manager_id',
    activated_at: 'activation_date',
    cancelled_at: 'cancellation_date',
    churned_at: 'cancellation_date',
    mrr: 'mrr',
  },
};

export const erpnextEmployees: RecordMapping = {
  name: 'erpnext.employees',
  description: 'ERPNext `Employee` as mirrored by dotmac-insights `employees`',
  source: 'hr',
  entity: 'employee',
  id: 'id',
  occurredAt: ['updated_at', 'modified', 'date_of_joining'],
  fields: {
    name: 'employee_name',
    email: { from: ['company_email', 'email'] },
    department_id: 'department',
    role: 'designation',
    role_group: 'role_group',
    team_id: 'team_id',
    manager_id: 'reports_to',
    hired_at: 'date_of_joining',
    exited_at: 'relieving_date',
    status: {
      from: 'status',
      map: { active: 'active', left: 'exited', inactive: 'exited', suspended: 'suspended' },
    },
  },
};
