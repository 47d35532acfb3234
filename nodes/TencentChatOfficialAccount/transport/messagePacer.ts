import { SEND_MESSAGE } from '../tencent/contract';
import { RateLimiter, type RateLimiterOptions } from './rateLimiter';

/**
 * Tencent allows one message per second per official account. One pacer per SDKAppID and account for the
 * whole n8n process, so two executions broadcasting from the same account at once are spaced too. It is the
 * transport's rate limiter with a limit of 1: it counts by the time a message can have reached Tencent, and
 * waits for the previous message's reply before judging.
 */
const pacers = new Map<string, RateLimiter>();

export function messagePacerOptions(): RateLimiterOptions {
	return { limit: 1, windowMs: SEND_MESSAGE.perAccountIntervalMs, burst: 1 };
}

export function sharedMessagePacer(sdkAppId: number, officialAccount: string): RateLimiter {
	const key = `${sdkAppId}\u0000${officialAccount}`;
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new RateLimiter(messagePacerOptions());
		pacers.set(key, pacer);
	}
	return pacer;
}
