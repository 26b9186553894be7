export { registerInvokeLocal, buildLocalFunction, parseEnvOptions } from './invoke-local';
