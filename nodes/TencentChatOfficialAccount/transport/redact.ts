/**
 * Texts that come from outside (Tencent's ErrorInfo, socket error messages) could carry the request URL.
 * Strip anything that looks like a UserSig or a secret key before it reaches a message, an item or a log.
 */
const USERSIG_QUERY = /usersig=[^&\s"']*/gi;

/** UserSigs (and their decoded base64) and secret keys (hex) are long unbroken runs of these characters. */
const LONG_TOKEN = /[A-Za-z0-9*_\-+/=]{48,}/g;

/** A token always has digits; a REST path such as official_account_open_http_svc/delete_subscriber has none. */
const HAS_DIGIT = /\d/;

export function redactSecrets(text: string): string {
	return text
		.replace(USERSIG_QUERY, 'usersig=[redacted]')
		.replace(LONG_TOKEN, (run) => (HAS_DIGIT.test(run) ? '[redacted]' : run));
}
