import type { LogSink } from './logger';

/**
 * Progress indicators as v3 plugins know them (`progress.create({ message, name })`,
 * `progress.get(name).update()/notice()/remove()`): an animated spinner on a TTY, plain
 * lines otherwise (CI logs stay readable).
 */
export interface Progress {
  update(message: string): void;
  notice(message: string): void;
  info(message: string): void;
  remove(): void;
}

export interface ProgressFactory {
  create(options?: { message?: string; name?: string }): Progress;
  get(name: string): Progress;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function createProgressFactory(options: { sink: LogSink; interactive: boolean }): ProgressFactory {
  const byName = new Map<string, Progress>();
  let anonymous = 0;

  const create = ({ message = '', name }: { message?: string; name?: string } = {}): Progress => {
    const key = name ?? `progress-${++anonymous}`;
    byName.get(key)?.remove();
    const progress = options.interactive ? spinner(options.sink, message) : plainLines(options.sink, message);
    const removeFromMap = progress.remove;
    progress.remove = () => {
      removeFromMap();
      byName.delete(key);
    };
    byName.set(key, progress);
    return progress;
  };

  return {
    create,
    // v3 plugins call get() on a name they may not have created yet; give them one.
    get: (name: string) => byName.get(name) ?? create({ name }),
  };
}

function plainLines(sink: LogSink, initial: string): Progress {
  let last = '';
  const line = (message: string): void => {
    if (message && message !== last) sink.write(`${message}\n`);
    last = message;
  };
  line(initial);
  return { update: line, notice: line, info: line, remove: () => undefined };
}

function spinner(sink: LogSink, initial: string): Progress {
  let message = initial;
  let frame = 0;
  const render = (): void => {
    sink.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${message}`);
  };
  const timer = setInterval(render, 80);
  timer.unref();
  render();
  return {
    update: (next) => {
      message = next;
      render();
    },
    notice: (next) => {
      message = next;
      render();
    },
    info: (next) => {
      message = next;
      render();
    },
    remove: () => {
      clearInterval(timer);
      sink.write('\r\x1b[2K');
    },
  };
}
