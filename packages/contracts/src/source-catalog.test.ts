import type { DescField } from '@bufbuild/protobuf';
import { catalogDocument, fieldSpec, sourceCatalog } from './source-catalog';
import type { EntitySpec, FieldType } from './source-catalog';
import { sourceDomains, sourceTopic, topicCatalog } from './topics';

// The proto scalar each catalog type travels as (enums are strings on the wire so ERP vocabularies
// can grow without a schema change; timestamps are ISO-8601 strings).
const protoScalar: Record<FieldType, string> = { string: 'STRING', timestamp: 'STRING', enum: 'STRING', number: 'DOUBLE', boolean: 'BOOL' };
const scalarName = (f: DescField) => (f.fieldKind === 'scalar' ? ['', 'DOUBLE', '', '', '', '', '', '', 'BOOL', 'STRING'][f.scalar] : f.fieldKind);

describe('source catalog ⇄ proto', () => {
  it('covers exactly the source domains', () => {
    expect(Object.keys(sourceCatalog).sort()).toEqual([...sourceDomains].sort());
  });

  it.each(sourceDomains)('%s: entities are the envelope oneof cases and fields match the entity messages', (domain) => {
    const envelope = topicCatalog[sourceTopic(domain)].schema;
    const oneof = envelope.oneofs.find((o) => o.name === 'data');
    const entities = sourceCatalog[domain] as Record<string, EntitySpec>;
    expect(oneof?.fields.map((f) => f.name).sort()).toEqual(Object.keys(entities).sort());
    for (const field of oneof?.fields ?? []) {
      const spec = entities[field.name];
      const protoFields = field.message?.fields ?? [];
      expect(protoFields.map((f) => f.name).sort()).toEqual(Object.keys(spec?.fields ?? {}).sort());
      for (const pf of protoFields) {
        const type = spec?.fields[pf.name]?.type ?? 'string';
        expect([`${field.name}.${pf.name}`, scalarName(pf), pf.proto.proto3Optional]).toEqual([`${field.name}.${pf.name}`, protoScalar[type], true]);
      }
    }
  });

  it('has the canonical fields the contract fixes', () => {
    const names = (d: string, e: string) => Object.keys((sourceCatalog as Record<string, Record<string, EntitySpec>>)[d]?.[e]?.fields ?? {});
    expect(names('hr', 'employee')).toEqual(expect.arrayContaining(['name', 'email', 'department_id', 'role', 'role_group', 'team_id', 'manager_id', 'hired_at', 'exited_at', 'status']));
    expect(names('hr', 'contract')).toEqual(expect.arrayContaining(['employee_id', 'contract_template_id', 'kind', 'starts_at', 'ends_at', 'status']));
    expect(names('ticketing', 'ticket')).toEqual(expect.arrayContaining(['status', 'priority', 'created_at', 'first_response_at', 'resolved_at', 'closed_at', 'assigned_to', 'closed_by', 'team_id', 'reopened_count', 'sla_breached', 'csat']));
    expect(names('field_service', 'work_order')).toEqual(expect.arrayContaining(['status', 'type', 'technician_id', 'team_id', 'created_at', 'scheduled_at', 'travel_started_at', 'arrived_at', 'completed_at', 'first_time_fix', 'customer_rating']));
    expect(names('noc', 'incident')).toEqual(expect.arrayContaining(['severity', 'started_at', 'detected_at', 'acknowledged_at', 'resolved_at', 'assigned_to', 'team_id', 'false_positive']));
    expect(names('finance', 'invoice')).toEqual(expect.arrayContaining(['status', 'amount', 'issued_at', 'due_at', 'paid_at', 'created_by', 'corrected']));
    expect(names('crm', 'deal')).toEqual(expect.arrayContaining(['stage', 'owner_id', 'amount', 'created_at', 'closed_at', 'won']));
    expect(names('care', 'shift')).toEqual(['worker_id', 'client_id', 'team_id', 'scheduled_start', 'scheduled_end', 'actual_start', 'actual_end', 'status', 'late_notice', 'service_type']);
    expect(names('care', 'incident')).toEqual(['occurred_at', 'reported_at', 'reported_by', 'staff_involved', 'category', 'reportable', 'priority', 'status', 'closed_at']);
    expect(names('care', 'progress_note')).toEqual(['shift_id', 'author_id', 'client_id', 'due_at', 'submitted_at', 'goal_linked', 'audit_result']);
    expect(names('care', 'feedback')).toEqual(['kind', 'about_staff_id', 'client_id', 'received_at', 'rating', 'resolved_at']);
    expect(names('care', 'medication')).toEqual(['administered_by', 'client_id', 'scheduled_at', 'administered_at', 'outcome']);
    expect(names('learning', 'training_record')).toEqual(['employee_id', 'module', 'mandatory', 'due_at', 'completed_at', 'expires_at']);
    expect(names('hr', 'supervision')).toEqual(['supervisor_id', 'supervisee_id', 'held_at', 'kind']);
  });

  // The fields an ownership rule or a fact link attributes care and learning records by.
  it.each<[string, string, string, Record<string, unknown>]>([
    ['care', 'shift', 'worker_id', { person: true }],
    ['care', 'shift', 'team_id', { team: true }],
    ['care', 'incident', 'reported_by', { person: true }],
    ['care', 'incident', 'staff_involved', { personList: true }],
    ['care', 'progress_note', 'author_id', { person: true }],
    ['care', 'feedback', 'about_staff_id', { person: true }],
    ['care', 'medication', 'administered_by', { person: true }],
    ['learning', 'training_record', 'employee_id', { person: true }],
    ['hr', 'supervision', 'supervisor_id', { person: true }],
    ['hr', 'supervision', 'supervisee_id', { person: true }],
  ])('%s/%s.%s is marked %j', (source, entity, field, marker) => {
    expect(fieldSpec(source, entity, field)).toEqual({ type: 'string', ...marker });
  });

  it.each<[string, string, string, string[]]>([
    ['care', 'shift', 'status', ['scheduled', 'completed', 'missed', 'cancelled_by_worker', 'cancelled_by_provider']],
    ['care', 'incident', 'priority', ['p1', 'p2', 'none']],
    ['care', 'progress_note', 'audit_result', ['pass', 'fail']],
    ['care', 'feedback', 'kind', ['complaint', 'compliment', 'survey']],
    ['care', 'medication', 'outcome', ['given', 'missed', 'refused', 'error']],
    ['hr', 'supervision', 'kind', ['supervision', 'catch_up', 'probation_review']],
  ])('%s/%s.%s is an enum of the contract values', (source, entity, field, values) => {
    expect(fieldSpec(source, entity, field)).toEqual({ type: 'enum', values });
  });

  it('serves a catalog document with typed fields', () => {
    const hr = catalogDocument().sources.find((s) => s.source === 'hr');
    expect(hr?.topic).toBe('scorecard.source.hr.v1');
    const contract = hr?.entities.find((e) => e.entity === 'contract');
    expect(contract?.fields.find((f) => f.name === 'kind')).toEqual({ name: 'kind', type: 'enum', values: ['new', 'renewal'] });
    expect(contract?.fields.find((f) => f.name === 'employee_id')).toEqual({ name: 'employee_id', type: 'string', person: true });
  });
});
