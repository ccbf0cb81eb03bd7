import { validateBinding, type Binding } from '@scorecard/bindings';
import { invalid, unprocessable, type Checked } from './checked';

/** A binding: the language's catalog checks, then the KPI it measures must exist. */
export function checkBindingBody(input: unknown, kpiExists: (id: string) => boolean): Checked<Binding> {
  const checked = validateBinding(input);
  if (!checked.ok) return invalid(checked.errors);
  if (!kpiExists(checked.value.kpi_id))
    return unprocessable([{ path: 'kpi_id', message: `unknown KPI ${checked.value.kpi_id}` }]);
  return checked;
}
