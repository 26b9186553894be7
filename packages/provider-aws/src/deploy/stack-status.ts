/** CloudFormation stack statuses, classified for waiting. */
export type StackAction = 'create' | 'update' | 'delete';

const SUCCESS: Record<StackAction, string[]> = {
  create: ['CREATE_COMPLETE'],
  update: ['UPDATE_COMPLETE'],
  delete: ['DELETE_COMPLETE'],
};

const FAILURE: Record<StackAction, string[]> = {
  create: ['CREATE_FAILED', 'ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'DELETE_COMPLETE', 'DELETE_FAILED'],
  update: ['UPDATE_ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_FAILED', 'UPDATE_FAILED'],
  delete: ['DELETE_FAILED'],
};

export function isInProgress(status: string | undefined): boolean {
  return !!status && status.endsWith('_IN_PROGRESS');
}

export function outcomeOf(action: StackAction, status: string | undefined): 'success' | 'failure' | 'pending' {
  if (status === undefined) return action === 'delete' ? 'success' : 'pending';
  if (SUCCESS[action].includes(status)) return 'success';
  if (FAILURE[action].includes(status)) return 'failure';
  return 'pending';
}

/** A stack left unusable by a failed first deploy, or a plan that was never executed: safe to replace. */
export function isReplaceable(status: string | undefined): boolean {
  return status === 'ROLLBACK_COMPLETE' || status === 'REVIEW_IN_PROGRESS' || status === 'ROLLBACK_FAILED';
}

export function isFailedResourceStatus(status: string | undefined): boolean {
  return !!status && status.endsWith('_FAILED');
}
