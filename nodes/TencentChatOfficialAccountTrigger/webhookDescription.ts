import { WEBHOOK_RESOLVERS, type INodeParameters, type IWebhookDescription, type NativeParameterResolvers } from 'n8n-workflow';

import { RESPOND } from './triggerProperties';

/**
 * n8n-workflow 2.41 defines WEBHOOK_RESOLVERS as this registered symbol; on older hosts the import is undefined
 * and the resolvers are simply never read, so the templates below keep working there.
 */
const RESOLVERS_KEY: typeof WEBHOOK_RESOLVERS = WEBHOOK_RESOLVERS ?? (Symbol.for('n8n.webhookDescriptionResolvers') as typeof WEBHOOK_RESOLVERS);

function respondOf(parameters: INodeParameters): string {
	return typeof parameters.respond === 'string' && parameters.respond !== '' ? parameters.respond : RESPOND.immediately;
}

/**
 * Each field carries the expression the editor (and n8n before 2.41) evaluates, and a resolver computing the
 * same value from the node's parameters. n8n 2.41 calls the resolver instead of the expression engine when the
 * template is unchanged and no parameter is an expression, so a callback costs no sandbox evaluation for these.
 * The templates are exactly those of the first release, so saved workflows resolve to the same values.
 */
const responseResolvers: NativeParameterResolvers = {
	responseMode: {
		template: '={{ $parameter["respond"] }}',
		resolve: respondOf,
	},
	responseData: {
		// Without a value n8n defaults responseData to 'firstEntryJson' and, in onReceived mode, sends that
		// literal string as the body; '' leaves our own ACK alone.
		template: `={{ $parameter["respond"] === "${RESPOND.lastNode}" ? "firstEntryJson" : "" }}`,
		resolve: (parameters) => (respondOf(parameters) === RESPOND.lastNode ? 'firstEntryJson' : ''),
	},
};

export const callbackWebhook: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	path: 'callback',
	responseMode: responseResolvers.responseMode.template,
	responseData: responseResolvers.responseData.template,
	[RESOLVERS_KEY]: responseResolvers,
};
