import { describe } from 'vitest';
import { registerPart } from './generated-suite.ts';

describe('model-based tests generated from the models, part 2 of 2 (default configuration)', () => registerPart(1));
