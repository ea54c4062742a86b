/**
 * Key names for CloudTrail records. AWS names one KMS key several ways: a
 * key id (`1234abcd-…`), a key ARN (`arn:aws:kms:us-east-1:111122223333:key/1234abcd-…`),
 * an alias (`alias/my-key`) or an alias ARN. The model needs one name per
 * key, so every form becomes the key id; the alias `alias/aws/ebs` (the
 * AWS-managed default key for EBS) becomes the model's default key
 * `evs/default`. Other aliases are resolved through the `CreateAlias` /
 * `UpdateAlias` / `DeleteAlias` records seen earlier in the trail.
 */
export const DEFAULT_KEY = 'evs/default';
const AWS_EBS_ALIAS = 'alias/aws/ebs';

const KEY_ARN = /^arn:aws[a-z-]*:kms:[^:]*:[^:]*:key\/(.+)$/;
const ALIAS_ARN = /^arn:aws[a-z-]*:kms:[^:]*:[^:]*:(alias\/.+)$/;

/** A key reference in one of AWS's forms. */
export type KeyRef = { readonly kind: 'key'; readonly id: string } | { readonly kind: 'alias'; readonly alias: string };

export function parseKeyRef(ref: string): KeyRef {
  const keyArn = KEY_ARN.exec(ref);
  if (keyArn?.[1]) return { kind: 'key', id: keyArn[1] };
  const aliasArn = ALIAS_ARN.exec(ref);
  if (aliasArn?.[1]) return { kind: 'alias', alias: aliasArn[1] };
  if (ref.startsWith('alias/')) return { kind: 'alias', alias: ref };
  return { kind: 'key', id: ref };
}

/** The aliases a trail has defined so far (alias name → key id). */
export class KeyAliases {
  private readonly targets = new Map<string, string>();

  set(alias: string, target: string): void {
    const ref = parseKeyRef(target);
    this.targets.set(parseAlias(alias), ref.kind === 'key' ? ref.id : (this.targets.get(ref.alias) ?? ref.alias));
  }

  delete(alias: string): void {
    this.targets.delete(parseAlias(alias));
  }

  /**
   * The model's name for a key reference: the key id, `evs/default` for
   * aws/ebs, or null for an alias the trail has not defined.
   */
  resolve(ref: string): string | null {
    const parsed = parseKeyRef(ref);
    if (parsed.kind === 'key') return parsed.id;
    if (parsed.alias === AWS_EBS_ALIAS) return DEFAULT_KEY;
    return this.targets.get(parsed.alias) ?? null;
  }
}

function parseAlias(alias: string): string {
  const ref = parseKeyRef(alias);
  return ref.kind === 'alias' ? ref.alias : alias;
}
