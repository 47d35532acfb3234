// A discrete-event clock for limiter tests: sleeps are timers on a fake timeline, and the scheduler jumps
// from one timer to the next once everything that was woken has run. Many sleepers can wait at once.
import { ExecutionCancelledError } from '../../nodes/TencentChatOfficialAccount/transport/cancellation';

interface Timer {
	at: number;
	seq: number;
	fire: () => void;
}

export class FakeScheduler {
	now = 0;

	private timers: Timer[] = [];

	private seq = 0;

	readonly clock = () => this.now;

	readonly sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
		if (signal?.aborted) throw new ExecutionCancelledError();
		await new Promise<void>((resolve) => this.at(this.now + Math.max(0, ms), resolve));
	};

	/** Runs `fire` when the fake clock reaches `at`. */
	at(at: number, fire: () => void): void {
		this.timers.push({ at, seq: this.seq++, fire });
	}

	/** Fires timers in time order until `endMs`, letting woken code run before the clock moves on. */
	async runUntil(endMs: number): Promise<void> {
		for (;;) {
			await new Promise<void>((resolve) => setImmediate(resolve));
			if (this.timers.length === 0) return;
			let next = 0;
			for (let i = 1; i < this.timers.length; i++) {
				const timer = this.timers[i];
				const best = this.timers[next];
				if (timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) next = i;
			}
			const timer = this.timers[next];
			if (timer.at > endMs) {
				this.now = endMs;
				return;
			}
			this.timers.splice(next, 1);
			this.now = Math.max(this.now, timer.at);
			timer.fire();
		}
	}
}
