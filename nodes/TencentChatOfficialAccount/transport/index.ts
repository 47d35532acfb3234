import { NodeOperationError, type IAdditionalCredentialOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { API_CALLS_PER_SECOND_LIMIT, type TencentCommand, type TencentReplyEnvelope } from '../tencent/contract';
import { forgetUserSigs } from '../tencent/userSig';
import { cancellableSleep, ExecutionCancelledError, throwIfCancelled } from './cancellation';
import { failureCode, type CallFailure } from './callFailure';
import { classifyReply, classifyThrown } from './classifyReply';
import { ConcurrencyLimiter } from './concurrencyLimiter';
import { CREDENTIAL_TYPE, resolveConnection, restUrl, type TencentConnection } from './connection';
import {
	RateLimiter,
	settlementOfReply,
	settlementOfThrown,
	sharedCommandRateLimiter,
	sharedRateLimiter,
	type CallSettlement,
	type RateTicket,
} from './rateLimiter';
import { decideRetry, DEFAULT_RETRY_POLICY, newRetryState, type RetryPolicy } from './retryPolicy';
import { TencentCallError } from './tencentCallError';

export { CREDENTIAL_TYPE } from './connection';
export { ExecutionCancelledError } from './cancellation';
export { TencentCallError, tencentNodeApiError } from './tencentCallError';
export { mayHaveBeenApplied } from './callFailure';
export { sharedMessagePacer } from './messagePacer';

/** A retry whose moment to go out came after its call's retry window; never leaves this module. */
class RetryWindowPassed extends Error {}

export interface TransportSettings {
	/** This execution's own ceiling; the process-wide per-SDKAppID limit applies on top. */
	maxRequestsPerSecond: number;
	maxConcurrentRequests: number;
	timeoutMs: number;
	retry: RetryPolicy;
}

/**
 * n8n's HTTP helper opens a new connection per call, so against Tencent a call costs TCP + TLS + request,
 * about 3 round trips: at 200 calls/s and 100 ms round trips some 60 calls are in flight.
 */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 100;
export const DEFAULT_TIMEOUT_MS = 10000;
export const DEFAULT_RETRIES = DEFAULT_RETRY_POLICY.maxRetries;

export const DEFAULT_TRANSPORT_SETTINGS: TransportSettings = {
	maxRequestsPerSecond: API_CALLS_PER_SECOND_LIMIT,
	maxConcurrentRequests: DEFAULT_MAX_CONCURRENT_REQUESTS,
	timeoutMs: DEFAULT_TIMEOUT_MS,
	retry: DEFAULT_RETRY_POLICY,
};

/** What one call needs beyond the defaults (Send: the per-account pacer and the duplicate window). */
export interface CallOptions {
	/** Admits every attempt of this call, on top of the per-SDKAppID limiter (e.g. one message/s per account). */
	pacer?: RateLimiter;
	/**
	 * No retry may start later than this many ms after the first attempt. The body (and so Send's Random) is
	 * the same object on every attempt, which makes a repeat safe only inside Tencent's duplicate window.
	 */
	retryWithinMs?: number;
	/**
	 * False for a request that must not be repeated blindly (create without a custom ID makes a new account
	 * each time): a failure after which Tencent may have carried it out is then final, not retried.
	 */
	idempotent?: boolean;
}

export interface TencentClient {
	readonly connection: TencentConnection;
	/** Resolves with a successful reply, or rejects with TencentCallError / ExecutionCancelledError. */
	call<T extends TencentReplyEnvelope>(command: TencentCommand, body: IDataObject, options?: CallOptions): Promise<T>;
}

/**
 * The one place that talks to Tencent: builds the URL from the credential, paces calls through the
 * limiters, sends them with n8n's authenticated HTTP helper and applies the retry policy.
 */
export async function createTencentClient(
	ctx: IExecuteFunctions,
	settings: TransportSettings = DEFAULT_TRANSPORT_SETTINGS,
	/** Stops calls that have not been sent yet, in addition to the execution's cancellation. */
	stopSignal?: AbortSignal,
): Promise<TencentClient> {
	const credentialData = await ctx.getCredentials(CREDENTIAL_TYPE);
	const resolved = resolveConnection(credentialData);
	if (!resolved.ok) throw new NodeOperationError(ctx.getNode(), resolved.message, { description: resolved.fix });
	const { connection } = resolved;
	// Read once per execution and handed to every call: otherwise n8n loads and decrypts the credential
	// from its database again for each request (about 2 ms of CPU per call in a real n8n).
	const credentialReference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
	const authentication: IAdditionalCredentialOptions = {
		credentialsDecrypted: {
			id: credentialReference?.id ?? '',
			name: credentialReference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: credentialData,
		},
	};
	const executionSignal = ctx.getExecutionCancelSignal();
	const signals = [executionSignal, stopSignal].filter((s): s is AbortSignal => s !== undefined);
	const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
	const concurrency = new ConcurrencyLimiter(Math.max(1, settings.maxConcurrentRequests));
	const appLimiter = sharedRateLimiter(connection.sdkAppId);
	const ownLimiter =
		settings.maxRequestsPerSecond < appLimiter.limit
			? new RateLimiter({ limit: Math.max(1, settings.maxRequestsPerSecond) })
			: undefined;

	/** `notAfter`: a retry that could only go out later than this is not sent (Send's duplicate window). */
	async function send(command: TencentCommand, body: IDataObject, pacer?: RateLimiter, notAfter?: number, onLetThrough?: () => void): Promise<unknown> {
		const tickets: RateTicket[] = [];
		// Paced before taking a concurrency slot: a message waiting for its second must not hold up other calls.
		if (pacer) tickets.push(await pacer.acquire(signal));
		let settlement: CallSettlement = 'noReply';
		// The concurrency limiter only refuses when the run is cancelled or stopped.
		const admitted = await concurrency.acquire(signal).then(
			() => true,
			() => false,
		);
		if (!admitted) {
			for (const ticket of tickets) ticket.settle('noReply');
			throw new ExecutionCancelledError();
		}
		try {
			if (ownLimiter) tickets.push(await ownLimiter.acquire(signal));
			// A command with a lower documented cap (multiaccount_import: 100/s) waits for it first: a call
			// waiting for its command's second must not hold a place in the app's window meanwhile.
			const commandLimiter = sharedCommandRateLimiter(connection.sdkAppId, command);
			if (commandLimiter) tickets.push(await commandLimiter.acquire(signal));
			const appTicket = await appLimiter.acquire(signal);
			// The call leaves now, not when the limiters before the app's admitted it.
			for (const ticket of tickets) ticket.sent();
			tickets.push(appTicket);
			if (notAfter !== undefined && Date.now() > notAfter) throw new RetryWindowPassed();
			// The wait for the limiters may end in the same tick as a cancellation: nothing leaves after it.
			throwIfCancelled(signal);
			onLetThrough?.();
			const reply: unknown = await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_TYPE,
				{
					method: 'POST',
					url: restUrl(connection, command),
					body,
					json: true,
					timeout: settings.timeoutMs,
					// Tencent never redirects; a redirect means a wrong Base URL and is reported as such.
					disableFollowRedirect: true,
				},
				authentication,
			).catch((thrown: unknown) => {
				settlement = settlementOfThrown(thrown);
				throw thrown;
			});
			// What Tencent answered moves the app's adaptive rate (throttle codes lower it).
			settlement = settlementOfReply(reply);
			return reply;
		} finally {
			for (const ticket of tickets) ticket.settle(settlement);
			concurrency.release();
		}
	}

	async function call<T extends TencentReplyEnvelope>(command: TencentCommand, body: IDataObject, options: CallOptions = {}): Promise<T> {
		const state = newRetryState();
		let notAfter: number | undefined;
		let lastFailure: CallFailure | undefined;
		const earlierFailures: CallFailure[] = [];
		// Measured from when the first attempt was let through: it cannot have reached Tencent earlier.
		const startWindow = () => {
			if (notAfter === undefined && options.retryWithinMs !== undefined) notAfter = Date.now() + options.retryWithinMs;
		};
		for (let attempt = 1; ; attempt++) {
			throwIfCancelled(signal);
			const sent = await send(command, body, options.pacer, notAfter, startWindow).then(
				(reply) => ({ reply, thrown: undefined }),
				(thrown: unknown) => ({ reply: undefined, thrown: thrown ?? new Error('unknown failure') }),
			);
			if (sent.thrown instanceof RetryWindowPassed && lastFailure) throw new TencentCallError(command, lastFailure, attempt - 1, earlierFailures);
			let outcome: ReturnType<typeof classifyReply>;
			if (sent.thrown === undefined) {
				outcome = classifyReply(sent.reply);
			} else {
				const failure = sent.thrown instanceof ExecutionCancelledError ? 'cancelled' : classifyThrown(sent.thrown);
				if (failure === 'cancelled' || executionSignal?.aborted) throw new ExecutionCancelledError();
				outcome = { ok: false, failure };
			}
			if (outcome.ok) return outcome.reply as T;
			if (lastFailure) earlierFailures.push(lastFailure);
			lastFailure = outcome.failure;
			// After a stop, a call that was sent and failed reports its failure instead of retrying.
			const decision = stopSignal?.aborted
				? { retry: false as const }
				: decideRetry(outcome.failure, state, settings.retry, Math.random, {
						command,
						idempotent: options.idempotent,
						windowLeftMs: notAfter === undefined ? undefined : notAfter - Date.now(),
					});
			if (!decision.retry) throw new TencentCallError(command, outcome.failure, attempt, earlierFailures);
			ctx.logger.debug(`Tencent Chat ${command}: attempt ${attempt} failed, retrying`, {
				code: failureCode(outcome.failure),
				delayMs: decision.delayMs,
			});
			if (decision.resign) forgetUserSigs(connection.sdkAppId, connection.identifier);
			if (decision.delayMs > 0) await cancellableSleep(decision.delayMs, signal);
		}
	}

	return { connection, call };
}
