import { threadId } from 'node:worker_threads';
export const handler = async (event) => ({ esm: true, typeofRequire: typeof require, input: event, thread: threadId > 0 });
