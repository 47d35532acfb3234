import { ExecutionCancelledError, throwIfCancelled } from './cancellation';

interface Waiter {
	grant: () => void;
	cancel: () => void;
	signal?: AbortSignal;
}

/**
 * Bounds the calls in flight; waiters are served first come, first served. A run may queue a thousand
 * calls at once, so each abort signal gets one listener for all its waiters, not one per waiter.
 */
export class ConcurrencyLimiter {
	private active = 0;

	private waiters: Waiter[] = [];

	private readonly watchedSignals = new WeakSet<AbortSignal>();

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
		if (signal) this.watch(signal);
		await new Promise<void>((resolve, reject) => {
			this.waiters.push({
				grant: () => {
					this.active++;
					resolve();
				},
				cancel: () => reject(new ExecutionCancelledError()),
				signal,
			});
		});
	}

	release(): void {
		this.active--;
		const next = this.waiters.shift();
		if (next) next.grant();
	}

	private watch(signal: AbortSignal): void {
		if (this.watchedSignals.has(signal)) return;
		this.watchedSignals.add(signal);
		signal.addEventListener(
			'abort',
			() => {
				const cancelled = this.waiters.filter((waiter) => waiter.signal === signal);
				this.waiters = this.waiters.filter((waiter) => waiter.signal !== signal);
				for (const waiter of cancelled) waiter.cancel();
			},
			{ once: true },
		);
	}
}
