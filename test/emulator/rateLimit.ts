// Per-SDKAppID sliding-window limiter over arrival times of admitted calls,
// as Tencent enforces "200 calls per second" on the official-account APIs.

export class SlidingWindowRateLimiter {
  private readonly admittedAt = new Map<number, number[]>();

  /** limitPerWindow 0 disables limiting. */
  constructor(private readonly limitPerWindow: number, private readonly windowMs = 1000) {}

  /**
   * Admits the call when fewer than the limit were admitted in (atMs - windowMs, atMs].
   * Calls are offered in arrival order, so each list stays sorted. The window matches the
   * half-open [t, t + windowMs) that maxCallsInWindow measures: at most `limit` admitted per window.
   */
  tryAdmit(sdkAppId: number, atMs: number): boolean {
    if (this.limitPerWindow <= 0) return true;
    let times = this.admittedAt.get(sdkAppId);
    if (!times) {
      times = [];
      this.admittedAt.set(sdkAppId, times);
    }
    let expired = 0;
    while (expired < times.length && (times[expired] as number) <= atMs - this.windowMs) expired++;
    if (expired > 0) times.splice(0, expired);
    if (times.length >= this.limitPerWindow) return false;
    times.push(atMs);
    return true;
  }
}
