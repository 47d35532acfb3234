import { ExecutionCancelledError, throwIfCancelled } from './cancellation';

/** Bounds the calls in flight; waiters are served first come, first served. */
export class ConcurrencyLimiter {
	private active = 0;

	private readonly waiters: Array<() => void> = [];

	constructor(readonly maxConcurrent: number) {}

	get inFlight(): number {
		return this.active;
	}

	async acquire(signal?: AbortSignal): Promise<void> {
		throwIfCancelled(signal);
		if (this.active < this.maxConcurrent) {
			this.active++;
			return;
		}
		await new Promise<void>((resolve, reject) => {
			const onAbort = () => {
				const index = this.waiters.indexOf(grant);
				if (index >= 0) this.waiters.splice(index, 1);
				reject(new ExecutionCancelledError());
			};
			const grant = () => {
				signal?.removeEventListener('abort', onAbort);
				this.active++;
				resolve();
			};
			this.waiters.push(grant);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
	}

	release(): void {
		this.active--;
		const next = this.waiters.shift();
		if (next) next();
	}
}
