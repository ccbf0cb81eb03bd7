import type { SourceDomain } from './topics';

/**
 * The source schema catalog: every (source, entity) Scorecard ingests and the canonical fields of
 * its `data`. One definition for ingest validation, `GET /api/v1/ingest/catalog` and the registry's
 * binding checks; a unit test keeps it in step with the proto entity messages.
 */

export type FieldType = 'string' | 'number' | 'boolean' | 'timestamp' | 'enum';

export interface FieldSpec {
  type: FieldType;
  /** Allowed values of an `enum` field. */
  values?: readonly string[];
  min?: number;
  max?: number;
  /** Holds an employee id, so an ownership rule can attribute records by it. */
  person?: boolean;
  /** Holds a team id (the `team` ownership rule). */
  team?: boolean;
  /**
   * A string of comma-separated employee ids (the staff involved in an incident): each id links
   * the record to that person, but the field is no single owner, so it is not a `person` field.
   */
  personList?: boolean;
  description?: string;
}

export interface EntitySpec {
  description: string;
  fields: Readonly<Record<string, FieldSpec>>;
}

const str: FieldSpec = { type: 'string' };
const ts: FieldSpec = { type: 'timestamp' };
const num: FieldSpec = { type: 'number' };
const count: FieldSpec = { type: 'number', min: 0 };
const bool: FieldSpec = { type: 'boolean' };
const person: FieldSpec = { type: 'string', person: true };
const team: FieldSpec = { type: 'string', team: true };
const people: FieldSpec = { type: 'string', personList: true };
const rating: FieldSpec = { type: 'number', min: 1, max: 5 };
const oneOf = (...values: string[]): FieldSpec => ({ type: 'enum', values });

export const sourceCatalog = {
  hr: {
    employee: {
      description: 'A person employed by the tenant',
      fields: {
        name: str,
        email: str,
        department_id: str,
        role: str,
        role_group: str,
        team_id: team,
        manager_id: person,
        hired_at: ts,
        exited_at: ts,
        status: oneOf('active', 'on_leave', 'suspended', 'exited'),
        exit_reason: oneOf('resignation', 'termination', 'retirement', 'contract_end', 'other'),
      },
    },
    org_unit: {
      description: 'A department or team',
      fields: {
        name: str,
        kind: oneOf('department', 'team'),
        parent_id: str,
        manager_id: person,
        status: oneOf('active', 'inactive'),
      },
    },
    contract: {
      description: "An employee's contract, attaching a contract template's KPIs",
      fields: {
        employee_id: person,
        contract_template_id: str,
        kind: oneOf('new', 'renewal'),
        starts_at: ts,
        ends_at: ts,
        status: oneOf('active', 'ended', 'terminated'),
      },
    },
    role_change: {
      description: 'A change of role, role group or department',
      fields: {
        employee_id: person,
        from_role: str,
        to_role: str,
        from_role_group: str,
        to_role_group: str,
        from_department_id: str,
        to_department_id: str,
        effective_at: ts,
      },
    },
    supervision: {
      description: 'A supervision session, catch-up or probation review held with a staff member',
      fields: {
        supervisor_id: person,
        supervisee_id: person,
        held_at: ts,
        kind: oneOf('supervision', 'catch_up', 'probation_review'),
      },
    },
  },
  ticketing: {
    ticket: {
      description: 'A helpdesk ticket; each event is one state, with the transition it made',
      fields: {
        status: oneOf(
          'new',
          'open',
          'in_progress',
          'pending',
          'on_hold',
          'resolved',
          'closed',
          'reopened',
          'canceled',
          'merged',
        ),
        priority: oneOf('low', 'medium', 'high', 'urgent', 'critical'),
        created_at: ts,
        first_response_at: ts,
        resolved_at: ts,
        closed_at: ts,
        assigned_to: person,
        closed_by: person,
        team_id: team,
        reopened_count: count,
        sla_breached: bool,
        csat: rating,
        ticket_type: str,
        channel: str,
        created_by: person,
        from_status: str,
        status_changed_at: ts,
        status_changed_by: person,
        previous_assigned_to: person,
        assigned_at: ts,
        response_by: ts,
        resolution_by: ts,
        response_sla_breached: bool,
        resolution_sla_breached: bool,
        csat_agent_id: person,
        csat_responded_at: ts,
      },
    },
  },
  field_service: {
    work_order: {
      description: 'A field-service work order',
      fields: {
        status: oneOf(
          'draft',
          'scheduled',
          'dispatched',
          'en_route',
          'on_site',
          'in_progress',
          'paused',
          'completed',
          'cancelled',
          'failed',
        ),
        type: oneOf(
          'installation',
          'repair',
          'maintenance',
          'inspection',
          'preventive',
          'survey',
          'disconnection',
          'other',
        ),
        technician_id: person,
        team_id: team,
        created_at: ts,
        scheduled_at: ts,
        travel_started_at: ts,
        arrived_at: ts,
        completed_at: ts,
        first_time_fix: bool,
        customer_rating: rating,
        priority: str,
        ticket_id: str,
        started_at: ts,
        estimated_duration_minutes: count,
        outcome: oneOf('complete', 'unable_to_complete'),
        unable_reason: oneOf(
          'customer_absent',
          'no_access',
          'site_not_ready',
          'needs_parts',
          'unsafe',
          'other',
        ),
        from_status: str,
        status_changed_at: ts,
        revisit: bool,
        revisit_of: str,
      },
    },
  },
  noc: {
    incident: {
      description: 'A network incident or outage',
      fields: {
        severity: oneOf('info', 'minor', 'major', 'critical'),
        started_at: ts,
        detected_at: ts,
        acknowledged_at: ts,
        resolved_at: ts,
        assigned_to: person,
        team_id: team,
        false_positive: bool,
        status: oneOf('open', 'acknowledged', 'resolved'),
        detection_source: oneOf('monitoring', 'operator', 'customer'),
        affected_count: count,
        classification: str,
        device_id: str,
      },
    },
    availability_snapshot: {
      description: 'Availability of a network element over a window',
      fields: {
        element_type: oneOf('device', 'site', 'link', 'service'),
        element_id: str,
        snapshot_at: ts,
        uptime_percent: { type: 'number', min: 0, max: 100 },
        downtime_seconds: count,
        window_seconds: count,
        incident_count: count,
        team_id: team,
        owner_id: person,
      },
    },
  },
  finance: {
    invoice: {
      description: 'A customer invoice',
      fields: {
        status: oneOf(
          'draft',
          'issued',
          'partially_paid',
          'paid',
          'overdue',
          'void',
          'disputed',
          'written_off',
        ),
        amount: num,
        issued_at: ts,
        due_at: ts,
        paid_at: ts,
        created_by: person,
        corrected: bool,
        currency: str,
        customer_id: str,
        amount_paid: num,
        balance: num,
        invoice_type: oneOf('standard', 'credit_note', 'debit_note', 'proforma'),
      },
    },
    payment: {
      description: 'A payment received against invoices',
      fields: {
        invoice_id: str,
        amount: num,
        status: oneOf(
          'pending',
          'approved',
          'cleared',
          'completed',
          'failed',
          'bounced',
          'refunded',
          'reversed',
          'void',
        ),
        method: str,
        paid_at: ts,
        created_by: person,
        currency: str,
      },
    },
    reconciliation: {
      description: 'A bank or ledger reconciliation',
      fields: {
        status: oneOf('open', 'reconciled', 'discrepancy'),
        account_id: str,
        period_start: ts,
        period_end: ts,
        reconciled_at: ts,
        reconciled_by: person,
        discrepancy_amount: num,
        items_count: count,
      },
    },
  },
  crm: {
    deal: {
      description: 'A sales opportunity',
      fields: {
        stage: str,
        owner_id: person,
        amount: num,
        created_at: ts,
        closed_at: ts,
        won: bool,
        status: oneOf('open', 'won', 'lost'),
        currency: str,
        account_id: str,
        expected_close_at: ts,
        lost_reason: str,
        probability: { type: 'number', min: 0, max: 100 },
        from_stage: str,
        stage_changed_at: ts,
      },
    },
    account: {
      description: 'A customer account',
      fields: {
        name: str,
        status: oneOf('prospect', 'active', 'suspended', 'inactive', 'cancelled'),
        owner_id: person,
        activated_at: ts,
        cancelled_at: ts,
        mrr: num,
        segment: str,
        churned_at: ts,
        churn_reason: str,
      },
    },
  },
  care: {
    shift: {
      description: 'A rostered shift or client visit',
      fields: {
        worker_id: person,
        client_id: str,
        team_id: team,
        scheduled_start: ts,
        scheduled_end: ts,
        actual_start: ts,
        actual_end: ts,
        status: oneOf('scheduled', 'completed', 'missed', 'cancelled_by_worker', 'cancelled_by_provider'),
        late_notice: bool,
        service_type: str,
      },
    },
    incident: {
      description: 'A client or workplace incident',
      fields: {
        occurred_at: ts,
        reported_at: ts,
        reported_by: person,
        staff_involved: people,
        category: str,
        reportable: bool,
        priority: oneOf('p1', 'p2', 'none'),
        status: oneOf('open', 'investigating', 'closed'),
        closed_at: ts,
      },
    },
    progress_note: {
      description: "A progress note on a client's shift",
      fields: {
        shift_id: str,
        author_id: person,
        client_id: str,
        due_at: ts,
        submitted_at: ts,
        goal_linked: bool,
        audit_result: oneOf('pass', 'fail'),
      },
    },
    feedback: {
      description: 'A complaint, compliment or survey response from a client or family',
      fields: {
        kind: oneOf('complaint', 'compliment', 'survey'),
        about_staff_id: person,
        client_id: str,
        received_at: ts,
        rating,
        resolved_at: ts,
      },
    },
    medication: {
      description: 'A scheduled medication administration',
      fields: {
        administered_by: person,
        client_id: str,
        scheduled_at: ts,
        administered_at: ts,
        outcome: oneOf('given', 'missed', 'refused', 'error'),
      },
    },
  },
  learning: {
    training_record: {
      description: "A staff member's enrolment in a training module",
      fields: {
        employee_id: person,
        module: str,
        mandatory: bool,
        due_at: ts,
        completed_at: ts,
        expires_at: ts,
      },
    },
  },
} as const satisfies Record<SourceDomain, Record<string, EntitySpec>>;

export type SourceCatalog = typeof sourceCatalog;
export type SourceEntity<S extends SourceDomain = SourceDomain> = keyof SourceCatalog[S] & string;

export function entitySpec(source: string, entity: string): EntitySpec | undefined {
  const entities = (sourceCatalog as Record<string, Record<string, EntitySpec> | undefined>)[source];
  return entities && Object.hasOwn(entities, entity) ? entities[entity] : undefined;
}

export function fieldSpec(source: string, entity: string, field: string): FieldSpec | undefined {
  const fields = entitySpec(source, entity)?.fields;
  return fields && Object.hasOwn(fields, field) ? fields[field] : undefined;
}

/** The catalog as served by `GET /api/v1/ingest/catalog`. */
export function catalogDocument() {
  return {
    sources: Object.entries(sourceCatalog).map(([source, entities]) => ({
      source,
      topic: `scorecard.source.${source}.v1`,
      entities: Object.entries(entities as Record<string, EntitySpec>).map(([entity, spec]) => ({
        entity,
        description: spec.description,
        fields: Object.entries(spec.fields).map(([name, f]) => ({ name, ...f })),
      })),
    })),
  };
}
