// The SoftHSM2 token helper lives in src/hsm (verify --hsm softhsm uses it too).
export { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../../src/hsm/softhsm-token.ts';
