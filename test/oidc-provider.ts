import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** The person the provider logs in at the next /authorize, with the claims it will sign. */
export interface ProviderUser {
  sub: string;
  name?: string;
  preferred_username?: string;
  [claim: string]: unknown;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who logs in next. */
  user: ProviderUser;
  /** Tamper with the next ID token (tests of the client's checks). */
  tamper: { nonce?: string; audience?: string; expiresInSeconds?: number } | null;
  close(): Promise<void>;
}

/**
 * A small but real OpenID Connect provider on 127.0.0.1 for tests: discovery, JWKS, an
 * authorize endpoint that logs in `user` at once, and a token endpoint that checks the client
 * secret, the redirect URI and the PKCE verifier and returns an RS256-signed ID token.
 */
export async function startTestProvider(): Promise<TestProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<
    string,
    {
      clientId: string;
      redirectUri: string;
      challenge: string;
      nonce: string | null;
      user: ProviderUser;
    }
  >();
  const clientId = 'overblik';
  const clientSecret = randomBytes(16).toString('hex');
  let issuer = '';

  const provider: TestProvider = {
    issuer: '',
    clientId,
    clientSecret,
    user: { sub: 'subject-1', name: 'Test Person', preferred_username: 'test.person' },
    tamper: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        scopes_supported: ['openid', 'profile', 'email'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      if (
        q.get('client_id') !== clientId ||
        q.get('response_type') !== 'code' ||
        q.get('code_challenge_method') !== 'S256' ||
        !q.get('code_challenge') ||
        !q.get('scope')?.split(' ').includes('openid')
      ) {
        return json(400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        clientId,
        redirectUri,
        challenge: q.get('code_challenge') ?? '',
        nonce: q.get('nonce'),
        user: provider.user,
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      back.searchParams.set('iss', issuer);
      res.writeHead(302, { Location: back.href });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        void (async () => {
          const form = new URLSearchParams(raw);
          const basic = (req.headers.authorization ?? '').replace(/^Basic /, '');
          const [id, secret] = Buffer.from(basic, 'base64')
            .toString()
            .split(':')
            .map((s) => decodeURIComponent(s));
          const clientOk =
            (id === clientId && secret === clientSecret) ||
            (form.get('client_id') === clientId && form.get('client_secret') === clientSecret);
          if (!clientOk) return json(401, { error: 'invalid_client' });
          const grant = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          const challenge = createHash('sha256').update(verifier).digest('base64url');
          if (
            form.get('grant_type') !== 'authorization_code' ||
            !grant ||
            grant.redirectUri !== form.get('redirect_uri') ||
            grant.challenge !== challenge
          ) {
            return json(400, { error: 'invalid_grant' });
          }
          const tamper = provider.tamper ?? {};
          const { sub, ...claims } = grant.user;
          const idToken = await new SignJWT({
            ...claims,
            nonce: tamper.nonce ?? grant.nonce ?? undefined,
          })
            .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
            .setIssuer(issuer)
            .setAudience(tamper.audience ?? clientId)
            .setSubject(sub)
            .setIssuedAt(Math.floor(Date.now() / 1000) - 60)
            .setExpirationTime(Math.floor(Date.now() / 1000) + (tamper.expiresInSeconds ?? 300))
            .sign(privateKey);
          json(200, {
            access_token: randomBytes(16).toString('hex'),
            token_type: 'Bearer',
            expires_in: 300,
            id_token: idToken,
          });
        })();
      });
      return;
    }
    json(404, { error: 'not_found' });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider.issuer = issuer;
  return provider;
}
