import { isStratusError } from '@stratus/core';

/** Run `work`, which must throw a StratusError, and return what a user would see of it. */
export function stratusFailure(work: () => unknown): { code: string; message: string; hint?: string } {
  try {
    work();
  } catch (error) {
    if (isStratusError(error)) return { code: error.code, message: error.message, ...(error.hint === undefined ? {} : { hint: error.hint }) };
    throw error;
  }
  throw new Error('expected a StratusError, and nothing was thrown');
}
