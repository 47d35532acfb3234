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
import { callbackItems, type OutputMode } from './callbackItems';
import { parseCallbackBody } from './parseCallbackBody';
import { RESPOND, triggerProperties } from './triggerProperties';
import { REJECTION_REASONS, verifyCallback } from './verifyCallback';

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
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).length + " event(s)" }}',
		description: 'Starts the workflow on Tencent Cloud Chat official-account callbacks (subscribes, unsubscribes, messages)',
		defaults: { name: 'Tencent Chat Official Account Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentChatApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'callback',
				responseMode: '={{ $parameter["respond"] }}',
				// Without an explicit value n8n defaults responseData to 'firstEntryJson' and, in onReceived mode, sends
				// that literal string as the body; '' leaves our own ACK alone.
				responseData: `={{ $parameter["respond"] === "${RESPOND.lastNode}" ? "firstEntryJson" : "" }}`,
			},
		],
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
		const res = this.getResponseObject();
		const nodeName = this.getNode().name;
		const refuse = (status: 400 | 401, logReason: string, errorInfo: string): IWebhookResponseData => {
			this.logger.warn(`Tencent Chat Official Account Trigger "${nodeName}" answered ${status}: ${logReason}.`);
			res.status(status).json({ ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: errorInfo });
			return { noWebhookResponse: true };
		};

		const credentials = await this.getCredentials('tencentChatApi');
		const appId = checkSdkAppId(credentials.sdkAppId);
		if (!appId.ok) return refuse(401, `callback rejected, ${appId.reason}. ${SDK_APP_ID_FIX}`, 'Unauthorized');
		const rejection = verifyCallback({
			query,
			sdkAppId: appId.value,
			token: typeof credentials.callbackToken === 'string' ? credentials.callbackToken : '',
			verifySignature: this.getNodeParameter('verifySignature', true) as boolean,
			nowSeconds: Math.floor(Date.now() / 1000),
		});
		if (rejection) return refuse(401, `callback rejected, ${REJECTION_REASONS[rejection]}`, 'Unauthorized');

		// Every IM callback of the app comes here: answer the ones not selected before reading their body.
		const events = this.getNodeParameter('events', []) as string[];
		const queryCommand = queryString(query, CALLBACK_QUERY.callbackCommand);
		if (queryCommand !== undefined && !events.includes(queryCommand)) return { webhookResponse: CALLBACK_ACK };

		const parsed = parseCallbackBody(this.getBodyData(), this.getRequestObject().rawBody);
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
		if (!events.includes(command)) return { webhookResponse: CALLBACK_ACK };

		const sdkAppId = queryString(query, CALLBACK_QUERY.sdkAppId) ?? '';
		const items = callbackItems(
			command,
			parsed.body,
			{
				SdkAppid: /^\d+$/.test(sdkAppId) ? Number(sdkAppId) : sdkAppId,
				ClientIP: queryString(query, CALLBACK_QUERY.clientIp),
				OptPlatform: queryString(query, CALLBACK_QUERY.optPlatform),
				RequestTime: queryString(query, CALLBACK_QUERY.requestTime),
			},
			this.getNodeParameter('options.output', 'perCallback') as OutputMode,
		);

		// Last Node and the Respond operation: n8n holds the request open and answers it later (webhook-helpers).
		const respond = this.getNodeParameter('respond', RESPOND.immediately);
		if (respond === RESPOND.lastNode || respond === RESPOND.respondOperation) return { workflowData: [items] };
		// Sent before the execution is queued, so a production concurrency limit cannot delay Tencent's ACK.
		res.status(200).json(CALLBACK_ACK);
		return { noWebhookResponse: true, workflowData: [items] };
	}
}
