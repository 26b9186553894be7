export { watchService, isIgnored, type ServiceWatcher, type WatchServiceOptions } from './watch-service';
