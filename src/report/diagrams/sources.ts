import { cmkMachine, diskMachine, PRESETS } from '../../../models/index.ts';
import { WorkbenchError } from '../../errors/workbench-error.ts';
import { explore } from '../../explore/explorer.ts';
import type { DiagramSource } from './diagram-set.ts';
import { systemGraph } from './system-graph.ts';

/**
 * THE list of diagrams generated from the models: the one place that wires
 * the real models into the diagrams. `evs-workbench diagrams` writes one
 * `diagrams/<name>.mmd` and `.svg` per entry; `--check` compares against it.
 */
export const SYSTEM_DIAGRAM_CONFIG = 'minimal';

export function modelDiagramSources(): DiagramSource[] {
  return [
    { kind: 'machine', name: 'cmk', title: 'CMK lifecycle (KMS master key: CMK or evs/default)', machine: cmkMachine },
    { kind: 'machine', name: 'disk', title: 'EVS disk lifecycle (attach needs a usable key: Table 1)', machine: diskMachine },
    {
      kind: 'graph',
      name: `system-${SYSTEM_DIAGRAM_CONFIG}`,
      title: `Composed system, configuration '${SYSTEM_DIAGRAM_CONFIG}': reachable states (refusals and self-loops omitted)`,
      graph: () => {
        const config = PRESETS[SYSTEM_DIAGRAM_CONFIG];
        if (config === undefined) {
          throw new WorkbenchError({
            code: 'MODEL.0904',
            message: `the system configuration '${SYSTEM_DIAGRAM_CONFIG}' drawn in the diagrams is not among the presets in models/system/config.ts`,
            fix: 'set SYSTEM_DIAGRAM_CONFIG in src/report/diagrams/sources.ts to an existing preset',
          });
        }
        return systemGraph(explore(config, { badInput: false }));
      },
    },
  ];
}
