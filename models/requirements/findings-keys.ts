import type { Finding } from './finding.ts';

/**
 * Findings about key states, Table 1 and the DK's life in host memory.
 * `seedSays` is one or more exact seed quotes joined by ' … '.
 */
export const findingsKeys: readonly Finding[] = [
  {
    id: 'F-CANCEL-LEAVES-DISABLED',
    title: '"Cancel the scheduled deletion" alone does not make a detached disk attachable',
    requirementIds: ['T1-PENDING-ATTACHED-RESTORE', 'T1-PENDING-DETACHED-RESTORE', 'TXT-RESTORE-BY-STATUS'],
    seedSays:
      'Cancel the scheduled deletion for the CMK. … Before you re-attach this encrypted disk, ensure that the CMK is enabled.',
    readings: [
      { id: 'cancel-restores', text: 'Cancelling returns the key to a usable state, so the disk can be attached again at once.' },
      {
        id: 'cancel-then-enable',
        text: 'Cancelling leaves the key disabled (as in the KMS API); the disk becomes attachable only after the key is enabled as well.',
      },
    ],
    modelTakes: 'cancel-then-enable',
    rationale:
      'The KMS API of the same cloud (and AWS KMS) leaves a key disabled after a cancelled deletion, and the seed itself asks for an enabled CMK before re-attaching. The seed\'s restore action is necessary but not sufficient; the derived Table 1 shows the extra key.enable step.',
    severity: 'gap',
  },
  {
    id: 'F-TABLE1-LOST-ROWSPAN',
    title: 'The .rst grid of Table 1 lost the merged Impact cell',
    requirementIds: [
      'T1-PENDING-ATTACHED-IMPACT',
      'T1-PENDING-DETACHED-IMPACT',
      'T1-DELETED-ATTACHED-IMPACT',
      'T1-DELETED-DETACHED-IMPACT',
    ],
    seedSays:
      'For an encrypted disk already attached: Reads and writes to the disk are normal. If the disk is detached, it cannot be attached again. … For an encrypted disk not attached: The disk cannot be attached anymore.',
    readings: [
      { id: 'empty-cells', text: 'The Scheduled deletion and Deleted rows state no impact at all.' },
      { id: 'merged-cell', text: 'The Disabled row\'s Impact text spans all three rows, as it does (rowspan) in the original page.' },
    ],
    modelTakes: 'merged-cell',
    rationale:
      'In the original HTML the Impact cell is merged over the three rows; the converted grid kept the text only in the first. The running text gives attached disks the same behaviour for disabled and deleted keys, and the detach section treats every unavailable CMK alike.',
    severity: 'editorial',
  },
  {
    id: 'F-DISABLED-OR-DELETED',
    title: '"disabled or deleted" in one paragraph, "disabled or scheduled for deletion" in the next',
    requirementIds: ['TXT-UNAVAILABLE-KEY-STILL-USES-DK', 'TXT-UNAVAILABLE-CMK-CONSEQUENCE', 'TXT-DETACH-CHECK-CMK'],
    seedSays:
      'If a CMK is disabled or deleted in KMS, the disk encrypted using this CMK can still use the DK plaintext stored in the host memory. … If you use a CMK to encrypt disks and this CMK is then disabled or scheduled for deletion … check whether the CMK is disabled or scheduled for deletion.',
    readings: [
      {
        id: 'all-unavailable-alike',
        text: 'Disabled, pending deletion and deleted keys affect disks alike: attached disks keep working, detached ones cannot be attached. "Unavailable" means any of the three.',
      },
      {
        id: 'different-sets',
        text: 'The paragraphs name different sets on purpose, e.g. an attached disk stops when its key is scheduled for deletion.',
      },
    ],
    modelTakes: 'all-unavailable-alike',
    rationale:
      'The in-memory DK does not depend on the key state, and nothing in the seed gives pending deletion a behaviour of its own; the merged Table 1 Impact cell covers all three states.',
    severity: 'ambiguity',
  },
  {
    id: 'F-INTRO-VS-TABLE1',
    title: '"data cannot be read from or written to these disks" vs "Reads and writes to the disk are normal"',
    requirementIds: ['TXT-UNAVAILABLE-CMK-CONSEQUENCE', 'T1-DISABLED-ATTACHED-IMPACT', 'T1-PENDING-ATTACHED-IMPACT'],
    seedSays:
      'data cannot be read from or written to these disks or may never be restored. … Reads and writes to the disk are normal.',
    readings: [
      { id: 'detached-only', text: 'The sentence is about disks that are or become detached; attached disks keep working.' },
      { id: 'literal', text: 'Disabling the CMK or scheduling its deletion stops I/O on all its disks at once.' },
    ],
    modelTakes: 'detached-only',
    rationale:
      'The literal reading contradicts Table 1 and the DK paragraph; the restricted reading contradicts nothing.',
    severity: 'contradiction',
  },
  {
    id: 'F-MAY-NEVER',
    title: '"may never be restored" vs "can never be restored"',
    requirementIds: ['TXT-UNAVAILABLE-CMK-CONSEQUENCE', 'T1-DELETED-ATTACHED-RESTORE', 'T1-DELETED-DETACHED-RESTORE'],
    seedSays: 'may never be restored … Data on the disks can never be restored.',
    readings: [
      {
        id: 'may-as-possibility',
        text: 'Loss becomes possible once the key is unavailable and certain once it is deleted; before deletion the data can always be restored.',
      },
      { id: 'may-as-uncertain', text: 'Even after deletion the data might be recoverable, or a disabled key alone might lose data.' },
    ],
    modelTakes: 'may-as-possibility',
    rationale:
      'Deleted is final in the CMK model (deleted-key-final) and disabled and pending deletion both have restore paths; the two sentences agree under this reading.',
    severity: 'ambiguity',
  },
  {
    id: 'F-CANNOT-ATTACH-AGAIN',
    title: '"cannot be attached again" / "anymore": for ever, or while the key is unavailable?',
    requirementIds: ['T1-DISABLED-ATTACHED-IMPACT', 'T1-DISABLED-DETACHED-IMPACT', 'T1-DISABLED-DETACHED-RESTORE'],
    seedSays: 'If the disk is detached, it cannot be attached again. … The disk cannot be attached anymore. … Enable the CMK.',
    readings: [
      { id: 'while-unavailable', text: 'Attaching is refused while the key stays unavailable; restoring the key lifts the refusal.' },
      { id: 'never', text: 'Once refused, the disk can never be attached again.' },
    ],
    modelTakes: 'while-unavailable',
    rationale: 'Under "never", the How to Restore column of the Disabled and Scheduled deletion rows would be meaningless.',
    severity: 'ambiguity',
  },
  {
    id: 'F-NO-GUARANTEE-HOW-LONG',
    title: 'How long does an attached disk keep working with an unavailable key?',
    requirementIds: ['TXT-DETACH-CMK-UNAVAILABLE-USABLE', 'T1-DELETED-ATTACHED-IMPACT'],
    seedSays: 'If the CMK is unavailable, the disk can still be used, but there is no guarantee for how long it will be usable.',
    readings: [
      { id: 'until-detach', text: 'The disk keeps working until it is detached; no time bound and no event ends it on its own.' },
      {
        id: 'may-stop-any-time',
        text: 'The environment (host reboot, migration, forced detach by the provider) may drop the DK at any time; the disk then behaves as detached.',
      },
    ],
    modelTakes: 'until-detach',
    rationale:
      'The seed names no such event and EVS/KMS define none. Reading B only adds an uncontrolled detach, whose consequence (not re-attachable) the detached cells already cover.',
    severity: 'gap',
  },
  {
    id: 'F-WAITING-PERIOD-ENDS-ATTACHED',
    title: 'The waiting period ends while a disk is attached',
    requirementIds: ['T1-PENDING-ATTACHED-IMPACT', 'T1-DELETED-ATTACHED-IMPACT', 'TXT-UNAVAILABLE-KEY-STILL-USES-DK'],
    seedSays:
      'If a CMK is disabled or deleted in KMS, the disk encrypted using this CMK can still use the DK plaintext stored in the host memory.',
    readings: [
      {
        id: 'keeps-working',
        text: 'The key becomes deleted; the attached disk keeps working with its in-memory DK and is lost only when detached.',
      },
      { id: 'forced-detach', text: 'Destroying the key ends I/O on, or force-detaches, the disks it encrypts.' },
    ],
    modelTakes: 'keeps-working',
    rationale:
      'The seed says a deleted CMK leaves the attached disk usable and marks no moment of deletion as special; clock.advance[waitingPeriodElapses] changes the key only.',
    severity: 'gap',
  },
  {
    id: 'F-REVOKED-KMS-ACCESS',
    title: 'The default key cannot be disabled, but what if EVS loses KMS access?',
    requirementIds: ['TXT-DEFAULT-KEY-NO-DISABLE', 'TXT-AGENCY-BEFORE-ENCRYPTION'],
    seedSays:
      'It cannot be disabled and does not support scheduled deletion. … Before you use the encryption function, KMS access rights need to be granted to EVS.',
    readings: [
      { id: 'agency-permanent', text: 'Once granted, KMS access is never revoked; evs/default stays usable for ever.' },
      {
        id: 'revocation-like-disabled',
        text: 'Revoking the agency makes every key, evs/default included, unusable to EVS: attach refused as for a disabled key, attached disks continue.',
      },
    ],
    modelTakes: 'agency-permanent',
    rationale:
      'The seed defines no revocation and the contracts have no code for it. default-key-always-enabled therefore says nothing about revoked access; a revoke event would be the first extension to add.',
    severity: 'gap',
  },
  {
    id: 'F-TABLE1-NOT-FOR-DEFAULT-KEY',
    title: 'Table 1 never applies to disks under evs/default',
    requirementIds: ['TXT-DEFAULT-KEY-NO-DISABLE', 'TXT-DEFAULT-KEY-NO-DELETION', 'T1-DISABLED-DETACHED-IMPACT'],
    seedSays: 'Impact of CMK unavailability … It cannot be disabled and does not support scheduled deletion.',
    readings: [
      { id: 'cmk-only', text: 'Table 1 is about customer master keys; a disk under evs/default never meets an unavailable key.' },
      { id: 'any-key', text: '"CMK" in Table 1 includes the default master key.' },
    ],
    modelTakes: 'cmk-only',
    rationale:
      'The default key is always enabled (default-key-always-enabled), so no Table 1 row is reachable for it; the model checker confirms this rather than assuming it.',
    severity: 'editorial',
  },
  {
    id: 'F-DETACH-ADVICE',
    title: '"do not detach the disk without a working CMK": advice or a refusal?',
    requirementIds: ['TXT-DETACH-CHECK-CMK', 'TXT-DETACH-CMK-UNAVAILABLE-NO-REATTACH'],
    seedSays: 'In this case, do not detach the disk without a working CMK.',
    readings: [
      { id: 'advice', text: 'Advice to the user; the system still detaches when asked.' },
      { id: 'refused', text: 'The system refuses to detach a disk whose key is unavailable.' },
    ],
    modelTakes: 'advice',
    rationale:
      'Table 1 ("If the disk is detached, it cannot be attached again") presupposes that detaching is possible, and the contracts have no code for a refused detach.',
    severity: 'ambiguity',
  },
];
