import { createHash, timingSafeEqual } from 'node:crypto';

import { CALLBACK_QUERY, CALLBACK_SIGNATURE_WINDOW_SECONDS } from '../TencentChatOfficialAccount/tencent/callbacks';

export type CallbackRejection = 'appMismatch' | 'badRequestTime' | 'staleRequestTime' | 'noToken' | 'missingSign' | 'badSign';

export interface VerifyCallbackInput {
	/** The callback URL's query (values as n8n parses them: strings, or arrays when repeated). */
	query: Record<string, unknown>;
	/** The credential's SDKAppID. */
	sdkAppId: number | string;
	/** The credential's Callback Token; empty when not set. */
	token: string;
	/** When false, only the SdkAppid is checked (callback authentication is off in the console). */
	verifySignature: boolean;
	nowSeconds: number;
}

/** Why a callback was rejected, for the log. Never contains the token or the Sign. */
export const REJECTION_REASONS: Record<CallbackRejection, string> = {
	appMismatch: 'the SdkAppid in the URL is not the SDKAppID of the credential. Check that the credential belongs to the app whose callback URL this is',
	badRequestTime: 'RequestTime is missing or not a number of seconds. Enable callback authentication in the Tencent Chat console',
	staleRequestTime: `RequestTime is more than ${CALLBACK_SIGNATURE_WINDOW_SECONDS} s away from this server's clock (a replay, or a clock out of sync: check NTP)`,
	noToken:
		'the credential has no Callback Token, so no callback can be verified. Copy the token of callback authentication from the Tencent Chat console into the credential, or turn off Verify Signature',
	missingSign: 'the URL carries no Sign. Enable callback authentication in the Tencent Chat console',
	badSign: 'Sign is not the lower-case hex SHA-256 of Callback Token + RequestTime. Check that the credential holds the same token as the console',
};

const REQUEST_TIME_PATTERN = /^\d{1,12}$/;

/** Tencent's callback signature: lower-case hex SHA-256 of token + RequestTime (plain hash, not an HMAC). */
export function callbackSign(token: string, requestTime: string): string {
	return createHash('sha256').update(token + requestTime, 'utf8').digest('hex');
}

function queryValue(query: Record<string, unknown>, name: string): string | undefined {
	const value = query[name];
	return typeof value === 'string' ? value : undefined;
}

function signMatches(expected: string, actual: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(actual, 'utf8');
	// timingSafeEqual throws on different lengths; the length of a SHA-256 hex digest is no secret.
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a callback's query in Tencent's order: SdkAppid, then RequestTime within the window, then Sign.
 * Returns undefined when the callback is genuine, else the first check that failed.
 */
export function verifyCallback(input: VerifyCallbackInput): CallbackRejection | undefined {
	const { query } = input;
	if (queryValue(query, CALLBACK_QUERY.sdkAppId) !== String(input.sdkAppId)) return 'appMismatch';
	if (!input.verifySignature) return undefined;

	const requestTime = queryValue(query, CALLBACK_QUERY.requestTime);
	if (requestTime === undefined || !REQUEST_TIME_PATTERN.test(requestTime)) return 'badRequestTime';
	if (Math.abs(input.nowSeconds - Number(requestTime)) > CALLBACK_SIGNATURE_WINDOW_SECONDS) return 'staleRequestTime';

	if (input.token === '') return 'noToken';
	const sign = queryValue(query, CALLBACK_QUERY.sign);
	if (sign === undefined || sign === '') return 'missingSign';
	return signMatches(callbackSign(input.token, requestTime), sign) ? undefined : 'badSign';
}
