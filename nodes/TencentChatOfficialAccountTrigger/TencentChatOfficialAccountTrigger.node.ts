import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { checkSdkAppId, SDK_APP_ID_FIX } from '../TencentChatOfficialAccount/helpers/sdkAppId';
import { CALLBACK_ACK, CALLBACK_BODY, CALLBACK_QUERY } from '../TencentChatOfficialAccount/tencent/callbacks';
import { readCallbackCredential } from './callbackCredential';
import { callbackFilters, forwardTarget, skipsFromBody, skipsFromQuery, type TriggerOptions } from './callbackFilters';
import { callbackItems } from './callbackItems';
import { forwardCallback } from './forwardCallback';
import { parseCallbackBody } from './parseCallbackBody';
import { RESPOND, triggerProperties } from './triggerProperties';
import { REJECTION_REASONS, verifyCallback } from './verifyCallback';
import { callbackWebhook } from './webhookDescription';

function queryString(query: IDataObject, name: string): string | undefined {
	const value = query[name];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export class TencentChatOfficialAccountTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Chat Official Account Trigger',
		name: 'tencentChatOfficialAccountTrigger',
		icon: { light: 'file:../../icons/tencentChat.svg', dark: 'file:../../icons/tencentChat.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ ($parameter["events"] || []).length + " event(s)" }}',
		description: 'Starts the workflow on Tencent Cloud Chat official-account callbacks (subscribes, unsubscribes, messages)',
		defaults: { name: 'Tencent Chat Official Account Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentChatApi', required: true }],
		// Version 2 changes nothing in the node's parameters: it tells n8n (webhook-helpers parseRequestBody) to skip
		// its per-request binaryData expression, which n8n evaluates for every version 1 webhook node.
		webhooks: [callbackWebhook],
		properties: triggerProperties,
	};

	// Tencent has no API to register a callback URL: the user pastes it into the console, so there is nothing to
	// create or delete. n8n's verification rules still require the three methods.
	webhookMethods = {
		default: {
			async checkExists(): Promise<boolean> {
				return true;
			},
			async create(): Promise<boolean> {
				return true;
			},
			async delete(): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const query = this.getQueryData() as IDataObject;
		const nodeName = this.getNode().name;
		const refuse = (status: 400 | 401, logReason: string, errorInfo: string): IWebhookResponseData => {
			this.logger.warn(`Tencent Chat Official Account Trigger "${nodeName}" answered ${status}: ${logReason}.`);
			this.getResponseObject().status(status).json({ ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: errorInfo });
			return { noWebhookResponse: true };
		};

		// Every callback of the app comes here, most of them for other handlers: decide from the URL alone, before
		// the credential or the body is read, whether this one can start the workflow at all.
		const events = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const filters = callbackFilters(options);
		const forward = forwardTarget(options);
		const queryCommand = queryString(query, CALLBACK_QUERY.callbackCommand);
		const optPlatform = queryString(query, CALLBACK_QUERY.optPlatform);
		const passOn = async (command: string): Promise<IWebhookResponseData> =>
			forward ? await forwardCallback(this, forward, command) : { webhookResponse: CALLBACK_ACK };
		const skippedByUrl = queryCommand !== undefined && skipsFromQuery(filters, events, queryCommand, optPlatform);
		// Nothing starts and nothing is relayed, so there is nothing to verify.
		if (skippedByUrl && !forward) return { webhookResponse: CALLBACK_ACK };

		const credential = await readCallbackCredential(this);
		const appId = checkSdkAppId(credential.sdkAppId);
		if (!appId.ok) return refuse(401, `callback rejected, ${appId.reason}. ${SDK_APP_ID_FIX}`, 'Unauthorized');
		const rejection = verifyCallback({
			query,
			sdkAppId: appId.value,
			token: credential.callbackToken,
			verifySignature: this.getNodeParameter('verifySignature', true) as boolean,
			nowSeconds: Math.floor(Date.now() / 1000),
		});
		if (rejection) return refuse(401, `callback rejected, ${REJECTION_REASONS[rejection]}`, 'Unauthorized');
		if (skippedByUrl) return await passOn(queryCommand);

		const req = this.getRequestObject();
		// Node version 2: n8n no longer reads bodies of content types it does not parse.
		if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') await req.readRawBody();
		const parsed = parseCallbackBody(this.getBodyData(), req.rawBody);
		if (!parsed.ok) {
			const problem = `${parsed.problem}; Tencent sends a JSON object with CallbackCommand and EventTime`;
			return refuse(400, problem, problem);
		}
		const bodyCommand = parsed.body[CALLBACK_BODY.callbackCommand];
		if (queryCommand !== undefined && bodyCommand !== undefined && bodyCommand !== queryCommand) {
			const problem = `The body's CallbackCommand "${String(bodyCommand)}" does not match the URL's "${queryCommand}"`;
			return refuse(400, problem, problem);
		}
		const command = queryCommand ?? (typeof bodyCommand === 'string' ? bodyCommand : undefined);
		if (command === undefined) {
			const problem = 'Neither the URL nor the body names a CallbackCommand';
			return refuse(400, problem, problem);
		}
		if (skipsFromQuery(filters, events, command, optPlatform) || skipsFromBody(filters, parsed.body)) return await passOn(command);

		const sdkAppId = queryString(query, CALLBACK_QUERY.sdkAppId) ?? '';
		const items = callbackItems(
			command,
			parsed.body,
			{
				SdkAppid: /^\d+$/.test(sdkAppId) ? Number(sdkAppId) : sdkAppId,
				ClientIP: queryString(query, CALLBACK_QUERY.clientIp),
				OptPlatform: optPlatform,
				RequestTime: queryString(query, CALLBACK_QUERY.requestTime),
			},
			options.output ?? 'perCallback',
		);

		const respond = this.getNodeParameter('respond', RESPOND.immediately);
		// n8n answers: with the last node's first item, or when a Callback > Respond step runs.
		if (respond === RESPOND.lastNode || respond === RESPOND.respondOperation) return { workflowData: [items] };
		// Sent before the execution is queued, so a production concurrency limit cannot delay Tencent's ACK.
		this.getResponseObject().status(200).json(CALLBACK_ACK);
		return { noWebhookResponse: true, workflowData: [items] };
	}
}
