import type { IDataObject, IHttpRequestMethods, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { CALLBACK_ACK } from '../TencentChatOfficialAccount/tencent/callbacks';

export interface ForwardTarget {
	url: string;
	timeoutMs: number;
}

interface ForwardedResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

/** The query string exactly as Tencent sent it (Sign and RequestTime untouched), without the "?". */
function rawQueryString(url: unknown): string {
	if (typeof url !== 'string') return '';
	const at = url.indexOf('?');
	return at === -1 ? '' : url.slice(at + 1);
}

function withQuery(target: string, query: string): string {
	if (query === '') return target;
	return `${target}${target.includes('?') ? '&' : '?'}${query}`;
}

/** Only the host goes into the log: the target's path or query may hold a secret (another workflow's webhook id). */
function hostOf(target: string): string {
	try {
		return new URL(target).host;
	} catch {
		return 'an invalid URL';
	}
}

function headerValue(headers: IDataObject, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

function bodyBytes(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	return body === undefined || body === null ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body), 'utf8');
}

function failureOf(error: unknown, waitedMs: number, timeoutMs: number): string {
	const code = (error as { code?: unknown } | null)?.code;
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || waitedMs >= timeoutMs) return `gave no answer within ${timeoutMs} ms (waited ${waitedMs} ms)`;
	return `could not be reached (${typeof code === 'string' ? code : 'no connection'}, after ${waitedMs} ms)`;
}

/**
 * Passes a verified callback that starts no execution here on to another handler, byte for byte, and answers
 * Tencent with the handler's status and body. When the handler fails, Tencent gets OK (what it assumes itself
 * when a Before callback times out) and one warning is logged, naming neither the Sign nor the target's path.
 */
export async function forwardCallback(context: IWebhookFunctions, target: ForwardTarget, command: string): Promise<IWebhookResponseData> {
	const req = context.getRequestObject();
	if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') await req.readRawBody();
	const body: Buffer | undefined = Buffer.isBuffer(req.rawBody) && req.rawBody.length > 0 ? req.rawBody : undefined;
	const contentType = req.headers['content-type'];
	const started = Date.now();
	const warn = (what: string) =>
		context.logger.warn(
			`Tencent Chat Official Account Trigger "${context.getNode().name}" answered ${command} OK itself: the forwarding target ${hostOf(target.url)} ${what}.`,
		);

	let response: ForwardedResponse;
	try {
		response = (await context.helpers.httpRequest({
			method: (req.method ?? 'POST') as IHttpRequestMethods,
			url: withQuery(target.url, rawQueryString(req.originalUrl ?? req.url)),
			headers: contentType === undefined ? {} : { 'content-type': contentType },
			body,
			encoding: 'arraybuffer',
			json: false,
			timeout: target.timeoutMs,
			disableFollowRedirect: true,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		})) as ForwardedResponse;
	} catch (error) {
		warn(failureOf(error, Date.now() - started, target.timeoutMs));
		return { webhookResponse: CALLBACK_ACK };
	}
	if (response.statusCode < 200 || response.statusCode > 299) {
		warn(`answered HTTP ${response.statusCode} (after ${Date.now() - started} ms)`);
		return { webhookResponse: CALLBACK_ACK };
	}

	const res = context.getResponseObject();
	res.status(response.statusCode);
	const answerType = headerValue(response.headers ?? {}, 'content-type');
	if (answerType !== undefined) res.setHeader('content-type', answerType);
	res.end(bodyBytes(response.body));
	return { noWebhookResponse: true };
}
