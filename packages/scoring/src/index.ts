// @scorecard/scoring: the only place a score is decided. Pure and deterministic.
export { assertNever } from './assert-never';
export {
  AUTOMATION_STATUSES,
  DIRECTIONS,
  EVALUATION_FREQUENCIES,
  GROWTH_LABELS,
  KPI_CATEGORIES,
  SCORING_METHODS,
  type AutomationStatus,
  type Direction,
  type EvaluationFrequency,
  type GrowthLabel,
  type KpiCategory,
  type KpiDefinition,
  type KpiParams,
  type OverrideInput,
  type ScoreBand,
  type ScoringMethod,
  type TargetBand,
} from './types';
export { bandPenalty, computeRaw, ratioActual, rawFormula } from './raw';
export {
  bandedScore,
  methodCap,
  methodCapApplied,
  methodFormula,
  methodScore,
  sigmoid,
  SIGMOID_DEFAULTS,
} from './methods';
export { evaluateGuardrails, guardrailCapFor, type GuardrailBreach, type GuardrailRule } from './guardrails';
export { applyEffort, EFFORT_FLOOR_CATEGORIES, effortScore, type EffortResult } from './effort';
export {
  finishKpi,
  measureKpi,
  scoreKpi,
  type AppliedGuardrail,
  type KpiResult,
  type KpiScoreInput,
  type Measured,
} from './kpi';
export {
  checkKraWeights,
  KRA_WEIGHT_TOLERANCE,
  resolveWeight,
  weightedAverage,
  type KraWeightCheck,
  type WeightCandidates,
} from './rollup';
export {
  scoreScorecard,
  type KraResult,
  type RolledKpiResult,
  type ScorecardInput,
  type ScorecardKpiInput,
  type ScorecardKraInput,
  type ScorecardResult,
} from './scorecard';
export {
  DEFAULT_RATING_SCHEME,
  growthLabel,
  growthThresholds,
  ratingBandFor,
  type GrowthThresholds,
  type RatingBand,
  type RatingScheme,
} from './labels';
export { computeTrend, TREND_DEADBAND, type ScoreTrend, type Trend } from './trend';
export {
  evaluateBonus,
  type BonusBand,
  type BonusDecision,
  type BonusGate,
  type BonusGates,
  type BonusPolicy,
  type BonusSubject,
  type FailedGate,
} from './bonus';
export {
  evaluateTriggers,
  periodOutcome,
  type PeriodKpiOutcome,
  type PeriodOutcome,
  type PipRule,
  type Recommendation,
  type TrainingCondition,
  type TrainingRule,
  type TrainingScope,
  type TriggerRule,
} from './triggers';
export {
  bonusPolicySchema,
  EFFORT_WEIGHT_RANGE,
  effectiveKpi,
  formatPath,
  guardrailSchema,
  kpiSchema,
  ratingScheme,
  templateSchema,
  triggerRuleSchema,
  validateBonusPolicy,
  validateGuardrail,
  validateKpi,
  validateRatingScheme,
  validateTemplate,
  validateTriggerRule,
  type TemplateInput,
  type Validation,
  type ValidationIssue,
} from './validate';
export type {
  CapNote,
  ExplanationStep,
  KpiExplanation,
  KpiStatus,
  KraExplanation,
  OverallExplanation,
  OverrideNote,
  StepName,
  WeightNote,
  WeightSource,
} from './explain';
export { describeKpi, describeKpiForEmployee, describeKpiForManager, type KpiNarrative } from './narrative';
export { formatNumber, round2 } from './present';
export { jsonNumber, jsonNumberOrNull, type JsonNumber } from './json';
export {
  scorecardSchema as scorecardPreviewSchema,
  scorePreview,
  singleSchema as kpiPreviewSchema,
  type KpiPreviewResponse,
  type PreviewExplanation,
  type PreviewResponse,
  type ScorecardPreviewResponse,
} from './preview';
