// The public API of @stratus/plugin-offline.
import { offlinePlugin } from './offline-plugin';

export default offlinePlugin;
export { offlinePlugin, PLUGIN_NAME, waitForSignal } from './offline-plugin';
export { startOffline, type OfflineContext, type OfflineServer } from './offline-server';
export { resolveOptions, DEFAULT_OPTIONS, OPTION_DEFINITIONS, type OfflineOptions } from './options';
export type { ProxyEvent, ProxyRequestContext } from './event-builder';
