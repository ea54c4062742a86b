import { describe } from 'vitest';
import { registerPart } from './generated-suite.ts';

describe('model-based tests generated from the models, part 4 of 4 (default configuration)', () => registerPart(3));
