/**
 * How an adaptive limiter starts when it cannot know whether other processes share the app.
 *
 * Tencent counts 200 calls in any second per SDKAppID. K workers that start together at full speed fill
 * that second within 1/K s, and the app then refuses every call until the first ones leave the window.
 * A process learns of it one round trip later, from its first throttle reply; a process that keeps a
 * pipeline full has sent a round trip's worth of calls into the full window by then (about 20 at 200/s
 * and 100 ms, whatever K is), and more on a busy host, where replies are read late.
 *
 * So for its first window a process sends in rounds, and starts a round only when every reply of the
 * previous one is in: a round that meets the full window costs at most its own size, and the process has
 * sent nothing more by the time it knows. Rounds start at `firstSize` and grow to what the full rate
 * would have sent while the last round was out (at most doubling, at most `maxSize`, never shrinking),
 * and each round leaves at once. The start ends at the first throttle reply (the adaptive rate takes
 * over) or after a window without one (the process is alone, or the app has room).
 */
export class StartRounds {
	private size: number;

	private admitted = 0;

	private unsettled = 0;

	private round = 0;

	private endsAt = Infinity;

	private openedAt = 0;

	private lastSettledAt = 0;

	/**
	 * @param maxSize the largest round (it sizes the limiter's bucket while the start lasts)
	 * @param ratePerMs the full rate: a round carries what it would send in the last round's time
	 */
	constructor(
		firstSize: number,
		readonly maxSize: number,
		private readonly ratePerMs: number,
		private readonly windowMs: number,
	) {
		this.size = Math.min(firstSize, maxSize);
	}

	/** Whether the start has ended by `now`; a window without throttle replies ends it. */
	endedBy(now: number): boolean {
		return now >= this.endsAt;
	}

	/**
	 * May a call be admitted now? Opens the next round once the last one is all answered, or once it has
	 * been out for `patienceMs` (one slow reply must not hold up a run: a round trip of twice the fastest
	 * one says nothing about the app's window).
	 */
	mayAdmit(now: number, patienceMs: number): boolean {
		if (this.admitted < this.size) return true;
		if (this.unsettled > 0 && now - this.openedAt < patienceMs) return false;
		const fullRateCalls = Math.ceil(this.ratePerMs * (Math.max(this.lastSettledAt, now) - this.openedAt));
		// Never smaller than the last round: on a fast server a round trip carries little at the full rate,
		// and rounds that shrank to a call or two would make the start needlessly slow.
		this.size = Math.max(this.size, Math.min(2 * this.size, this.maxSize, fullRateCalls));
		this.admitted = 0;
		this.round++;
		return true;
	}

	/** Counts an admitted call into the current round; returns the round, for `settled`. */
	admit(now: number): number {
		if (this.endsAt === Infinity) this.endsAt = now + this.windowMs;
		if (this.admitted === 0) this.openedAt = now;
		this.admitted++;
		this.unsettled++;
		return this.round;
	}

	/** A call of round `round` has its reply (or failed). */
	settled(round: number, now: number): void {
		if (round !== this.round) return;
		this.unsettled--;
		this.lastSettledAt = now;
	}
}
