// Response shapes the dashboard reads (the subset of CONTRACT.md it uses).

export interface JournalEntry {
  id: string;
  entry_type: string;
  title: string;
  content: string | null;
  kpi_id: string | null;
  period_id: string | null;
  score_before?: number | null;
  score_after?: number | null;
  effort_rating?: number | null;
  effort_recognized?: boolean | null;
  linked_entry_id?: string | null;
  author_id: string;
  created_at: string;
  pending_approval?: boolean;
  visible_to_staff?: boolean;
  decided?: string | null;
}

export interface MyDashboard {
  employee_id: string;
  kpis: {
    kpi_id: string;
    name: string;
    current_score: number | null;
    label: string | null;
    trend: string | null;
    next_evaluation_due: string | null;
  }[];
  scorecards: { period_id: string; period_start: string; status: string; total_score: number | null }[];
  trend: { direction: string; change: number | null } | null;
  journal: JournalEntry[];
}

export interface MyScorecard {
  id: string;
  /** The review workflow step: draft | in_review | approved | disputed | final. */
  review_status: string;
  period: { id: string; start: string; end: string };
  status: string;
  total_score: number | null;
  areas: {
    kra_id: string;
    name: string;
    score: number | null;
    kpis: {
      kpi_id: string;
      name: string;
      score: number | null;
      label: string | null;
      evidence_count: number;
      summary: string;
    }[];
  }[];
  trend: { direction: string; change: number | null; previous_period_id: string | null } | null;
  journal: JournalEntry[];
  disputes: MyDispute[];
}

export interface DisputedRecord {
  source: string;
  entity: string;
  id: string;
}

export interface MyDispute {
  id: string;
  kind: string;
  reason: string;
  kpi_id: string | null;
  record: DisputedRecord | null;
  status: string;
  resolution: string | null;
  raised_at: string;
  resolved_at: string | null;
}

/** GET /performance/evidence: the record ids behind each KPI, no mechanics. */
export interface Evidence {
  kpis: {
    kra_id: string;
    kpi_id: string;
    evidence_ids: string[];
    evidence_count: number;
    source: { domain: string; entity: string } | null;
  }[];
}

export interface PersonSummary {
  employee_id: string;
  name: string | null;
  department_id: string | null;
  role: string | null;
  role_group: string | null;
  status: string | null;
  direct_reports: number;
}

export interface ScorecardItem {
  id: string;
  employee_id: string;
  period_id: string;
  status: string;
  total_score: number | null;
  rating_band: string | null;
  /** Null for a scorecard built from the person's staff KPIs alone. */
  template: { id: string; version: number } | null;
}

export interface Override {
  computed: number | null;
  value: number;
  reason: string | null;
}

export interface ReviewKpi {
  kpi_id: string;
  slug: string;
  name: string;
  actual_value: number | null;
  target_value: number | null;
  raw: number | null;
  computed_score: number | null;
  score: number | null;
  weight: number;
  weighted_score: number | null;
  status: string;
  label: string | null;
  override: Override | null;
  max_override: number;
  evidence_count: number;
  explanation: unknown;
}

export interface ReviewScorecard {
  id: string;
  employee_id: string;
  period: { id: string };
  template: { id: string; version: number } | null;
  status: string;
  result_status: string;
  total_score: number | null;
  computed_total: number | null;
  rating_band: string | null;
  kras: {
    kra_id: string;
    name: string;
    weight: number;
    score: number | null;
    override: Override | null;
    kpis: ReviewKpi[];
  }[];
  overall_override: Override | null;
  /** `author`: the reviewer's employee id (or token subject when they have none). */
  notes?: { id: string; note: string; author: string; created_at: string }[];
  disputes?: {
    id: string;
    reason: string;
    status: string;
    kind: string;
    kpi_id: string | null;
    record: DisputedRecord | null;
    resolution: string | null;
    created_at: string;
  }[];
}

export interface Period {
  id: string;
  frequency: string;
  start: string;
  end: string;
  status: string;
  finalized_at: string | null;
  /** How many people have a total score in the period (compute). */
  scored?: number;
}

export interface Kpi {
  id: string;
  slug: string;
  name: string;
  category: string;
  direction: string;
  target: number;
  unit?: string;
  scoring_method: string;
  weight_default: number;
  role_groups?: string[];
  objective?: string;
  coaching_tips?: string[];
  target_score?: number;
  minimum_score?: number;
  automation_status?: string;
  evaluation_frequency?: string;
  active?: boolean;
}

export interface TemplateVersion {
  template_id: string;
  version: number;
  name: string;
  scope: Record<string, string>;
  effective_from: string;
  effective_to?: string | null;
  kras: {
    kra_id: string;
    weight: number;
    kpis: { kpi_id: string; weight?: number; is_required?: boolean }[];
  }[];
  guardrails?: unknown[];
  rating_scheme_id?: string;
  published_at: string;
  published_by: string;
}

export interface Template {
  id: string;
  name: string;
  active: boolean;
  latest_version: number;
  versions: TemplateVersion[];
}
