import { describe } from 'vitest';
import { registerPart } from './generated-suite.ts';

describe('model-based tests generated from the models, part 1 of 4 (default configuration)', () => registerPart(0));
