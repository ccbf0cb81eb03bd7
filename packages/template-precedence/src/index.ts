// @scorecard/template-precedence: which published scorecard template version applies to a person.
// Pure; the registry answers `templates/resolve` with it and compute pins scorecard instances by it.
export {
  comparePrecedence,
  isEffective,
  matchedBy,
  resolveTemplate,
  resolveTemplateForPeriod,
  scopeMatches,
  specificity,
  type Person,
  type PublishedVersion,
  type TemplateScope,
} from './template-precedence';
