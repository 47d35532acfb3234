import { sleep } from 'n8n-workflow';

/** Thrown when the execution is cancelled while the transport waits; never retried. */
export class ExecutionCancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'ExecutionCancelledError';
	}
}

export function throwIfCancelled(signal?: AbortSignal): void {
	if (signal?.aborted) throw new ExecutionCancelledError();
}

export type SleepFunction = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * `sleep` from n8n-workflow rejects as soon as the signal aborts (n8n ≥ 2.x); older hosts ignore the
 * signal, so check it again afterwards.
 */
export const cancellableSleep: SleepFunction = async (ms, signal) => {
	throwIfCancelled(signal);
	const aborted = await sleep(ms, signal).then(
		() => false,
		() => true,
	);
	if (aborted) throw new ExecutionCancelledError();
	throwIfCancelled(signal);
};
