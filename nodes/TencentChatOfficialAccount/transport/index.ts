import { NodeOperationError, type IAdditionalCredentialOptions, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { API_CALLS_PER_SECOND_LIMIT, type TencentCommand, type TencentReplyEnvelope } from '../tencent/contract';
import { forgetUserSigs } from '../tencent/userSig';
import { cancellableSleep, ExecutionCancelledError, throwIfCancelled } from './cancellation';
import { failureCode } from './callFailure';
import { classifyReply, classifyThrown } from './classifyReply';
import { ConcurrencyLimiter } from './concurrencyLimiter';
import { CREDENTIAL_TYPE, resolveConnection, restUrl, type TencentConnection } from './connection';
import { RateLimiter, settlementOf, sharedRateLimiter, type CallOutcome, type CallSettlement, type RateTicket } from './rateLimiter';
import { decideRetry, DEFAULT_RETRY_POLICY, newRetryState, type RetryPolicy } from './retryPolicy';
import { TencentCallError } from './tencentCallError';

export { CREDENTIAL_TYPE } from './connection';
export { ExecutionCancelledError } from './cancellation';
export { TencentCallError, tencentNodeApiError } from './tencentCallError';

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

export interface TencentClient {
	readonly connection: TencentConnection;
	/** Resolves with a successful reply, or rejects with TencentCallError / ExecutionCancelledError. */
	call<T extends TencentReplyEnvelope>(command: TencentCommand, body: IDataObject): Promise<T>;
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

	/** Sends one attempt and classifies what came back; rejects only with ExecutionCancelledError. */
	async function send(command: TencentCommand, body: IDataObject): Promise<CallOutcome> {
		await concurrency.acquire(signal);
		const tickets: RateTicket[] = [];
		let settlement: CallSettlement = 'noReply';
		try {
			if (ownLimiter) tickets.push(await ownLimiter.acquire(signal));
			tickets.push(await appLimiter.acquire(signal));
			const outcome = await ctx.helpers.httpRequestWithAuthentication
				.call(
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
				)
				.then(classifyReply, (thrown: unknown): CallOutcome => {
					const failure = classifyThrown(thrown ?? new Error('unknown failure'));
					if (failure === 'cancelled' || executionSignal?.aborted) throw new ExecutionCancelledError();
					return { ok: false, failure };
				});
			settlement = settlementOf(outcome);
			return outcome;
		} finally {
			for (const ticket of tickets) ticket.settle(settlement);
			concurrency.release();
		}
	}

	async function call<T extends TencentReplyEnvelope>(command: TencentCommand, body: IDataObject): Promise<T> {
		const state = newRetryState();
		for (let attempt = 1; ; attempt++) {
			throwIfCancelled(signal);
			const outcome = await send(command, body);
			if (outcome.ok) return outcome.reply as T;
			// After a stop, a call that was sent and failed reports its failure instead of retrying.
			const decision = stopSignal?.aborted ? { retry: false as const } : decideRetry(outcome.failure, state, settings.retry);
			if (!decision.retry) throw new TencentCallError(command, outcome.failure, attempt);
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
