import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestOptions,
	type INodeCredentialsDetails,
	type INodeProperties,
} from 'n8n-workflow';

/**
 * Stands in for n8n's database-backed credentials helper: it hands out fixed credential data and runs
 * the credential type's own function-style `authenticate`, exactly as n8n does before each request.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		if (typeof authenticate !== 'function') return requestOptions;
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('getCredentials is not used by these tests');
	}

	/** How often n8n asked for decrypted credentials: in a real n8n each time is a database read and a decrypt. */
	decryptions = 0;

	async getDecrypted(_additionalData: unknown, _nodeCredentials: INodeCredentialsDetails, typeName: string): Promise<ICredentialDataDecryptedObject> {
		this.decryptions++;
		const data = this.data[typeName];
		if (!data) throw new Error(`No test credentials of type ${typeName}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(typeName: string): INodeProperties[] {
		return this.types[typeName]?.properties ?? [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}
