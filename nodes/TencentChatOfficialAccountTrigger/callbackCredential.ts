import type { IWebhookFunctions } from 'n8n-workflow';

/** What verification needs from the credential; the secret key is never kept here. */
export interface CallbackCredential {
	sdkAppId: number | string;
	callbackToken: string;
}

/**
 * How long a read credential is reused. In a webhook, n8n's getCredentials is a database read, a decrypt and
 * (with the vm expression engine) a fresh expression isolate of about 45 ms, for every callback. n8n gives a node
 * no update time of the credential, so an edited token or SDKAppID applies after at most this long; Tencent itself
 * takes about 2 minutes to apply a changed callback configuration.
 */
export const CREDENTIAL_REUSE_MS = 10_000;
const MAX_CACHED_CREDENTIALS = 100;

interface CachedCredential {
	credential: CallbackCredential;
	readAt: number;
}

/** Keyed by credential id. Process memory only: never written to an item, a log or static data. */
const cache = new Map<string, CachedCredential>();

/** For tests: forget every credential read so far. */
export function forgetCallbackCredentials(): void {
	cache.clear();
}

export async function readCallbackCredential(context: IWebhookFunctions): Promise<CallbackCredential> {
	// The test URL (manual mode) always reads afresh, so a credential just edited in the editor applies at once.
	const id = context.getMode() === 'manual' ? undefined : (context.getNode().credentials?.tencentChatApi?.id ?? undefined);
	const now = Date.now();
	const cached = id === undefined ? undefined : cache.get(id);
	if (cached && now - cached.readAt < CREDENTIAL_REUSE_MS) return cached.credential;

	const data = await context.getCredentials('tencentChatApi');
	const credential: CallbackCredential = {
		sdkAppId: data.sdkAppId as number | string,
		callbackToken: typeof data.callbackToken === 'string' ? data.callbackToken : '',
	};
	if (id !== undefined) {
		cache.delete(id);
		if (cache.size >= MAX_CACHED_CREDENTIALS) cache.delete(cache.keys().next().value as string);
		cache.set(id, { credential, readAt: now });
	}
	return credential;
}
