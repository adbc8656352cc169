// A real OpenID Connect provider for Styr's single sign-on tests: panva's oidc-provider (the
// certified implementation), with a sign-in page of its own that checks passwords, and the
// accounts read afresh from a JSON file at every sign-in so that a test can change a person's
// groups between two logins, as an administrator changes them in Entra ID.
//
// Environment: PORT, ACCOUNTS_FILE ({"<sub>": {"password": "...", "claims": {...}}}) and
// CLIENTS (a JSON list of client registrations). Started by styr/sso/tests/conftest.py.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const accountsFile = process.env.ACCOUNTS_FILE;

function accounts() {
  return JSON.parse(readFileSync(accountsFile, 'utf8'));
}

// A fresh RS256 key per run, as a provider rotates its own: Styr finds it by kid in the JWKS.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'styr-test', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: JSON.parse(process.env.CLIENTS),
  jwks: { keys: [signingKey] },
  cookies: { keys: ['styr-sso-tests-only'] },
  // Entra ID puts the groups and the user's names in the ID token; so does this provider.
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username', 'groups', 'roles'],
  },
  conformIdTokenClaims: false,
  async findAccount(ctx, sub) {
    const account = accounts()[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
  },
  // Styr is a first-party application: no consent page, the grant is given at sign-in.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true },
    // Only so that the ID token carries the session id (sid), as Entra ID's does: this
    // provider includes it for clients registered for back-channel logout.
    backchannelLogout: { enabled: true },
  },
});

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid, error) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test provider sign-in</title></head>
<body><h1>Test provider</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<label for="login">Username</label><input id="login" name="login" autocomplete="username">
<label for="password">Password</label><input id="password" name="password" type="password">
<button type="submit">Sign in</button></form></body></html>`;
}

async function formBody(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

// The sign-in page: the provider's own routes for everything else.
const handle = provider.callback();
createServer(async (req, res) => {
  if (req.url === '/backchannel-sink') {
    // Where the back-channel logout tokens go (see above): taken and dropped.
    res.writeHead(200);
    return res.end();
  }
  const match = /^\/interaction\/([\w-]+)$/.exec(req.url.split('?')[0]);
  if (!match) return handle(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(loginPage(details.uid));
    }
    const form = await formBody(req);
    const sub = form.get('login');
    const account = accounts()[sub];
    if (!account || account.password !== form.get('password')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(loginPage(details.uid, 'Wrong username or password.'));
    }
    return await provider.interactionFinished(req, res, { login: { accountId: sub } }, {
      mergeWithLastSubmission: false,
    });
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    return res.end(String(error));
  }
}).listen(port, '127.0.0.1');
