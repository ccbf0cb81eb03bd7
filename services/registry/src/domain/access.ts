/** Configuration is written by admins and read by the roles that review or manage people. */
const READERS = new Set(['admin', 'hr', 'manager', 'exec']);
/** HR maintains contract templates (coaching), alongside admins. */
const CONTRACT_EDITORS = new Set(['admin', 'hr']);

export type Access = 'read' | 'write' | 'contract_templates';

export function allowed(roles: readonly string[], access: Access): boolean {
  switch (access) {
    case 'read':
      return roles.some((r) => READERS.has(r));
    case 'write':
      return roles.includes('admin');
    case 'contract_templates':
      return roles.some((r) => CONTRACT_EDITORS.has(r));
  }
}
