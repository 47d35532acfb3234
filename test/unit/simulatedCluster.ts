// K simulated n8n processes, each with its own adaptive RateLimiter and the real retry policy, calling one
// simulated Tencent app (a sliding 1 s window of 200 admitted calls per SDKAppID, 60007 above it) on a
// fake clock. Used by the adaptive-rate unit tests to watch convergence, recovery and throttling.
import { RateLimiter } from '../../nodes/TencentChatOfficialAccount/transport/rateLimiter';
import { DEFAULT_ADAPTIVE_RATE_POLICY, type AdaptiveRatePolicy } from '../../nodes/TencentChatOfficialAccount/transport/adaptiveRate';
import { decideRetry, DEFAULT_RETRY_POLICY, newRetryState } from '../../nodes/TencentChatOfficialAccount/transport/retryPolicy';
import { mulberry32 } from '../emulator/prng';
import { FakeScheduler } from './fakeScheduler';

export const SERVER_LIMIT = 200;

/** One call as the simulated server saw it. */
export interface SimulatedCall {
	process: number;
	arrivedAt: number;
	throttled: boolean;
}

export interface ClusterOptions {
	processes: number;
	/** One way; a round trip is twice this. */
	oneWayMs?: number;
	/** Calls each process works on at once (in flight or waiting to retry). */
	concurrency?: number;
	/** When each process starts, ms (default all at 0). */
	startAtMs?: (process: number) => number;
	policy?: AdaptiveRatePolicy;
	seed?: number;
}

export class SimulatedCluster {
	readonly time = new FakeScheduler();

	readonly calls: SimulatedCall[] = [];

	readonly limiters: RateLimiter[];

	/** Extra throttling on top of the window: called per arrival, true = answer 60007. */
	extraThrottle: (atMs: number) => boolean = () => false;

	private readonly admittedAt: number[] = [];

	private stopped = false;

	private readonly random: () => number;

	constructor(private readonly options: ClusterOptions) {
		this.random = mulberry32(options.seed ?? 7);
		this.limiters = Array.from(
			{ length: options.processes },
			() =>
				new RateLimiter({
					limit: SERVER_LIMIT,
					adaptive: options.policy ?? DEFAULT_ADAPTIVE_RATE_POLICY,
					clock: this.time.clock,
					sleep: this.time.sleep,
				}),
		);
	}

	/** Another system calling the same app: `count` calls spread evenly over [fromMs, toMs). */
	foreignTraffic(fromMs: number, toMs: number, count: number): void {
		for (let i = 0; i < count; i++) {
			const at = fromMs + ((toMs - fromMs) * i) / count;
			this.time.at(at, () => this.arrive(-1, at));
		}
	}

	async run(untilMs: number): Promise<void> {
		const oneWay = this.options.oneWayMs ?? 50;
		const concurrency = this.options.concurrency ?? 100;
		this.limiters.forEach((limiter, process) => {
			const startAt = this.options.startAtMs?.(process) ?? 0;
			for (let worker = 0; worker < concurrency; worker++) {
				this.time.at(startAt, () => void this.worker(process, limiter, oneWay));
			}
		});
		await this.time.runUntil(untilMs);
		this.stopped = true;
	}

	/** The current limit of each process. */
	rates(): number[] {
		return this.limiters.map((limiter) => limiter.currentLimit);
	}

	/** Calls in [fromMs, toMs), optionally of one process only. */
	between(fromMs: number, toMs: number, process?: number): SimulatedCall[] {
		return this.calls.filter((call) => call.arrivedAt >= fromMs && call.arrivedAt < toMs && (process === undefined || call.process === process));
	}

	private arrive(process: number, at: number): boolean {
		while (this.admittedAt.length > 0 && this.admittedAt[0] <= at - 1000) this.admittedAt.shift();
		const throttled = this.admittedAt.length >= SERVER_LIMIT || (process >= 0 && this.extraThrottle(at));
		if (!throttled) this.admittedAt.push(at);
		this.calls.push({ process, arrivedAt: at, throttled });
		return throttled;
	}

	/** One worker of one process: an endless job of calls, each retried like the transport does. */
	private async worker(process: number, limiter: RateLimiter, oneWay: number): Promise<void> {
		while (!this.stopped) {
			const state = newRetryState();
			for (;;) {
				const ticket = await limiter.acquire();
				const sentAt = this.time.now;
				const throttled = await new Promise<boolean>((resolve) => {
					this.time.at(sentAt + oneWay, () => {
						const verdict = this.arrive(process, sentAt + oneWay);
						this.time.at(sentAt + 2 * oneWay, () => resolve(verdict));
					});
				});
				ticket.settle(throttled ? 'throttled' : 'reply');
				if (!throttled || this.stopped) break;
				const decision = decideRetry({ kind: 'api', code: 60007, info: '' }, state, DEFAULT_RETRY_POLICY, this.random);
				if (!decision.retry) break;
				await this.time.sleep(decision.delayMs);
			}
		}
	}
}
