// @scorecard/bindings: the KPI binding language — types, JSON shape and catalog validation.
// Pure; compute compiles bindings to SQL, the registry validates them on every save.
export {
  AGGREGATION_FNS,
  DURATION_UNITS,
  FILTER_OPS,
  OWNERSHIP_RULES,
  type Aggregation,
  type AggregationFn,
  type Binding,
  type BindingSpec,
  type Duration,
  type DurationUnit,
  type Filter,
  type FilterOp,
  type Formula,
  type FormulaSide,
  type Ownership,
  type OwnershipRule,
  type FilterValue,
  type Scalar,
  type SettingRef,
  type Source,
} from './types';
export {
  BINDING_SETTINGS,
  bindingSetting,
  effectiveSettings,
  validateSettingValues,
  type BindingSetting,
  type BindingSettingName,
  type BindingSettingValues,
  type NumberSetting,
  type ValuesSetting,
} from './settings';
export { bindingSchema, bindingSpecSchema } from './schema';
export { validateBinding, validateBindingSpec, type BindingIssue, type BindingValidation } from './validate';
export { ownershipField, resolveFormulaSide } from './resolve';
