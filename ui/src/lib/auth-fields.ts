/**
 * Every auth scheme's fields, with Postman's parameter names (`formats/postman/auth.rs`, the
 * collection schema): what the Auth tab renders for each. `secret` fields are masked until
 * revealed, `flag` fields are checkboxes stored as JSON booleans, `choice` fields a select,
 * `long` fields a multi-line text area. `advanced` fields sit in a collapsed group.
 */
import type { AuthMode } from './bindings/AuthMode';

export interface AuthField {
  key: string;
  label: string;
  kind: 'text' | 'secret' | 'choice' | 'flag' | 'long';
  options?: { value: string; label: string }[];
  /** The value when the param is missing, as the engine reads it. */
  fallback?: string;
  /** Shown in the collapsed "Advanced" group. */
  advanced?: boolean;
  placeholder?: string;
}

const text = (key: string, label: string, more: Partial<AuthField> = {}): AuthField => ({
  key,
  label,
  kind: 'text',
  ...more,
});
const secret = (key: string, label: string, more: Partial<AuthField> = {}): AuthField => ({
  key,
  label,
  kind: 'secret',
  ...more,
});
const flag = (key: string, label: string, advanced = true): AuthField => ({
  key,
  label,
  kind: 'flag',
  advanced,
});
const choice = (key: string, label: string, values: string[], fallback: string): AuthField => ({
  key,
  label,
  kind: 'choice',
  options: values.map((v) => ({ value: v, label: v })),
  fallback,
});

const DIGEST_ALGORITHMS = [
  'MD5',
  'MD5-sess',
  'SHA-256',
  'SHA-256-sess',
  'SHA-512-256',
  'SHA-512-256-sess',
];
const OAUTH1_METHODS = [
  'HMAC-SHA1',
  'HMAC-SHA256',
  'HMAC-SHA512',
  'RSA-SHA1',
  'RSA-SHA256',
  'RSA-SHA512',
  'PLAINTEXT',
];
const JWT_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
];
const GRANTS = [
  'authorization_code',
  'authorization_code_with_pkce',
  'implicit',
  'password_credentials',
  'client_credentials',
];

export const FIELDS: Partial<Record<AuthMode, AuthField[]>> = {
  basic: [text('username', 'Username'), secret('password', 'Password')],
  bearer: [secret('token', 'Token')],
  apikey: [
    text('key', 'Key'),
    secret('value', 'Value'),
    {
      ...choice('in', 'Add to', ['header', 'query'], 'header'),
      options: [
        { value: 'header', label: 'Header' },
        { value: 'query', label: 'Query params' },
      ],
    },
  ],
  digest: [
    text('username', 'Username'),
    secret('password', 'Password'),
    text('realm', 'Realm', { advanced: true }),
    text('nonce', 'Nonce', { advanced: true }),
    { ...choice('algorithm', 'Algorithm', DIGEST_ALGORITHMS, 'MD5'), advanced: true },
    text('qop', 'qop', { advanced: true }),
    text('nonceCount', 'Nonce count', { advanced: true }),
    text('clientNonce', 'Client nonce', { advanced: true }),
    text('opaque', 'Opaque', { advanced: true }),
    flag('disableRetryRequest', 'Do not retry after the server’s challenge'),
  ],
  oauth1: [
    { ...choice('signatureMethod', 'Signature method', OAUTH1_METHODS, 'HMAC-SHA1') },
    text('consumerKey', 'Consumer key'),
    secret('consumerSecret', 'Consumer secret'),
    text('token', 'Access token'),
    secret('tokenSecret', 'Token secret'),
    { key: 'privateKey', label: 'Private key (RSA methods)', kind: 'long', advanced: true },
    flag('addParamsToHeader', 'Add the parameters to the header', false),
    flag('includeBodyHash', 'Include a body hash'),
    flag('addEmptyParamsToSign', 'Sign empty parameters'),
    flag('disableHeaderEncoding', 'Do not encode the header'),
    text('timestamp', 'Timestamp', { advanced: true }),
    text('nonce', 'Nonce', { advanced: true }),
    text('version', 'Version', { advanced: true, placeholder: '1.0' }),
    text('realm', 'Realm', { advanced: true }),
    text('callback', 'Callback URL', { advanced: true }),
    text('verifier', 'Verifier', { advanced: true }),
  ],
  oauth2: [
    secret('accessToken', 'Access token'),
    {
      ...choice('addTokenTo', 'Add token to', ['header', 'queryParams'], 'header'),
      options: [
        { value: 'header', label: 'Request headers' },
        { value: 'queryParams', label: 'Query params' },
      ],
    },
    text('headerPrefix', 'Header prefix', { placeholder: 'Bearer' }),
    text('tokenName', 'Token name', { advanced: true }),
    { ...choice('grant_type', 'Grant type', GRANTS, 'authorization_code'), advanced: true },
    text('authUrl', 'Auth URL', { advanced: true }),
    text('accessTokenUrl', 'Access token URL', { advanced: true }),
    text('redirect_uri', 'Callback URL', { advanced: true }),
    text('clientId', 'Client ID', { advanced: true }),
    secret('clientSecret', 'Client secret', { advanced: true }),
    text('username', 'Username (password grant)', { advanced: true }),
    secret('password', 'Password (password grant)', { advanced: true }),
    text('scope', 'Scope', { advanced: true }),
    text('state', 'State', { advanced: true }),
    {
      ...choice('client_authentication', 'Client authentication', ['header', 'body'], 'header'),
      advanced: true,
    },
    text('refreshTokenUrl', 'Refresh token URL', { advanced: true }),
  ],
  hawk: [
    text('authId', 'Hawk auth ID'),
    secret('authKey', 'Hawk auth key'),
    choice('algorithm', 'Algorithm', ['sha256', 'sha1'], 'sha256'),
    text('user', 'User', { advanced: true }),
    text('nonce', 'Nonce', { advanced: true }),
    text('extraData', 'ext', { advanced: true }),
    text('app', 'app', { advanced: true }),
    text('delegation', 'dlg', { advanced: true }),
    text('timestamp', 'Timestamp', { advanced: true }),
    flag('includePayloadHash', 'Include a payload hash'),
  ],
  awsv4: [
    text('accessKey', 'Access key'),
    secret('secretKey', 'Secret key'),
    text('region', 'AWS region', { placeholder: 'us-east-1' }),
    text('service', 'Service name', { placeholder: 's3' }),
    secret('sessionToken', 'Session token', { advanced: true }),
    flag('addAuthDataToQuery', 'Add the signature to the query, not the headers'),
  ],
  ntlm: [
    text('username', 'Username'),
    secret('password', 'Password'),
    text('domain', 'Domain', { advanced: true }),
    text('workstation', 'Workstation', { advanced: true }),
    flag('disableRetryRequest', 'Do not retry after the server’s challenge'),
  ],
  edgegrid: [
    secret('accessToken', 'Access token'),
    secret('clientToken', 'Client token'),
    secret('clientSecret', 'Client secret'),
    text('baseURL', 'Base URL', { advanced: true }),
    text('nonce', 'Nonce', { advanced: true }),
    text('timestamp', 'Timestamp', { advanced: true }),
    text('headersToSign', 'Headers to sign', { advanced: true }),
    text('maxBodySize', 'Max body size', { advanced: true }),
  ],
  jwt: [
    choice('algorithm', 'Algorithm', JWT_ALGORITHMS, 'HS256'),
    secret('secret', 'Secret (HS algorithms)'),
    flag('isSecretBase64Encoded', 'Secret is base64 encoded', false),
    {
      key: 'privateKey',
      label: 'Private key (RS, PS, ES algorithms)',
      kind: 'long',
      advanced: true,
    },
    { key: 'payload', label: 'Payload (JSON)', kind: 'long' },
    {
      ...choice('addTokenTo', 'Add token to', ['header', 'queryParam'], 'header'),
      options: [
        { value: 'header', label: 'Request header' },
        { value: 'queryParam', label: 'Query param' },
      ],
    },
    text('headerPrefix', 'Header prefix', { placeholder: 'Bearer' }),
    text('queryParamKey', 'Query param name', { advanced: true, placeholder: 'token' }),
    { key: 'header', label: 'JWT headers (JSON)', kind: 'long', advanced: true },
  ],
  asap: [
    choice(
      'alg',
      'Algorithm',
      JWT_ALGORITHMS.filter((a) => !a.startsWith('HS')),
      'RS256',
    ),
    text('iss', 'Issuer'),
    text('aud', 'Audience'),
    text('kid', 'Key ID'),
    { key: 'privateKey', label: 'Private key (PEM or data URI)', kind: 'long' },
    text('sub', 'Subject', { advanced: true, placeholder: 'the issuer' }),
    text('exp', 'Expires in (seconds)', { advanced: true, placeholder: '3600' }),
    { key: 'claims', label: 'Additional claims (JSON)', kind: 'long', advanced: true },
  ],
};
