/** One region of the simulated cloud in a workspace folder: KMS (root key in software or PKCS#11) + EVS. */
export { Cloud, DEFAULT_REGION, METADATA_FILE } from './cloud.ts';
export type { CloudOptions, RootKeyOption } from './cloud.ts';
