/**
 * Short, readable names for XState v5 guards and actions as they appear on a
 * transition definition: named (`'isDefaultKey'`), parameterised
 * (`{ type, params }`), higher-order (`not`, `and`, `or`, `stateIn`) or inline
 * functions. Values are `unknown` at this boundary and narrowed here.
 */

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** `{ code: 'KMS.0211' }` → `KMS.0211`; `{ min: 2, max: 5 }` → `min=2, max=5`; dynamic params → ''. */
function describeParams(params: unknown): string {
  if (!isRecord(params)) return params === undefined || typeof params === 'function' ? '' : String(params);
  const entries = Object.entries(params).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v));
  if (entries.length === 1) return String(entries[0]?.[1]);
  return entries.map(([k, v]) => `${k}=${String(v)}`).join(', ');
}

function named(type: string, params: unknown): string {
  const p = describeParams(params);
  return p.length > 0 ? `${type}(${p})` : type;
}

function wrap(text: string, inner: unknown): string {
  return typeof inner === 'function' && ['and', 'or'].includes(inner.name) ? `(${text})` : text;
}

/** A guard as text: `isDefaultKey`, `!keyUsable`, `a && b`, `in(s)`, `inline`. */
export function describeGuard(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const parts: unknown[] = 'guards' in guard && Array.isArray(guard.guards) ? guard.guards : [];
    switch (guard.name) {
      case 'not':
        return `!${wrap(describeGuard(parts[0]), parts[0])}`;
      case 'and':
        return parts.map((g) => wrap(describeGuard(g), g)).join(' && ');
      case 'or':
        return parts.map((g) => wrap(describeGuard(g), g)).join(' || ');
      case 'stateIn':
        return `in(${'stateValue' in guard ? stateValueText(guard.stateValue) : '?'})`;
      default:
        return guard.name.length > 0 ? guard.name : 'inline';
    }
  }
  if (isRecord(guard) && typeof guard['type'] === 'string') return named(guard['type'], guard['params']);
  return 'guard';
}

function stateValueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isRecord(v)) return Object.entries(v).map(([k, sub]) => `${k}.${stateValueText(sub)}`).join(',');
  return '?';
}

/** An action as text: `accept`, `refuse(KMS.0211)`, `assign`, or '' for nothing nameable. */
export function describeAction(action: unknown): string {
  if (typeof action === 'string') return action;
  if (typeof action === 'function') {
    const type = 'type' in action && typeof action.type === 'string' ? action.type : action.name;
    return type.replace(/^xstate\./, '') || 'inline';
  }
  if (isRecord(action) && typeof action['type'] === 'string') return named(action['type'], action['params']);
  return '';
}
