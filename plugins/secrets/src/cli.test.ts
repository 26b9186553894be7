import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, removeTempDirs, RUNTIME_DIST, tempDir } from './test-support';

jest.setTimeout(60_000);

afterAll(removeTempDirs);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI in a service directory, with a private HOME (where the default key file goes). */
function stratus(cwd: string, args: string[], options: { env?: Record<string, string>; stdin?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, STRATUS_NO_CODE_CACHE: '1', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

const HANDLERS = `
const { getSecret, loadSecrets } = require(${JSON.stringify(RUNTIME_DIST)});
const secrets = loadSecrets(); // at cold start
exports.show = async () => ({ statusCode: 200, body: JSON.stringify({ secrets: await secrets, ref: await getSecret(process.env.REF) }) });
exports.fail = async () => { throw new Error('cannot connect with ' + (await getSecret('DB_PASSWORD'))); };
`;

function service(extra = ''): { dir: string; env: Record<string, string> } {
  const dir = tempDir('cli');
  writeFileSync(
    path.join(dir, 'serverless.yml'),
    [
      'service: shop',
      'provider:',
      '  name: aws',
      '  runtime: nodejs20.x',
      '  secrets: [API_KEY]',
      '  environment:',
      '    REF: ${secret:WEBHOOK}',
      'plugins:',
      "  - '@stratus/plugin-secrets'",
      "  - '@stratus/plugin-offline'",
      'functions:',
      '  show:',
      '    handler: handlers.show',
      '    secrets: [DB_PASSWORD]',
      '    events:',
      '      - http: GET /show',
      '  fail:',
      '    handler: handlers.fail',
      '    secrets: [DB_PASSWORD]',
      extra,
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'handlers.js'), HANDLERS);
  return { dir, env: { HOME: tempDir('home'), XDG_CONFIG_HOME: '' } };
}

async function setAll(dir: string, env: Record<string, string>): Promise<void> {
  const values: Array<[string, string]> = [['DB_PASSWORD', 'db-pass-4711'], ['API_KEY', 'api-key-0815'], ['WEBHOOK', 'hook-secret-42']];
  for (const [name, value] of values) {
    const run = await stratus(dir, ['secrets', 'set', '--local', '--name', name], { env, stdin: `${value}\n` });
    expect(run).toMatchObject({ code: 0 });
  }
}

describe('stratus secrets --local', () => {
  it('init creates the key (0600) and says where; set from stdin, --value and --file; get masked or revealed; list; remove', async () => {
    const { dir, env } = service();
    const init = await stratus(dir, ['secrets', 'init', '--local'], { env });
    const keyFile = path.join(env.HOME!, '.config', 'stratus', 'secrets', 'shop.key');
    expect(init.code).toBe(0);
    expect(init.stderr).toContain(`Created the key of the local secrets: ${keyFile} (mode 0600)`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect((await stratus(dir, ['secrets', 'init', '--local'], { env })).stderr).toContain('already there');

    expect((await stratus(dir, ['secrets', 'set', '--local', '--name', 'DB_PASSWORD'], { env, stdin: 'piped-value\n' })).stderr).toContain('Secret DB_PASSWORD set in');
    expect((await stratus(dir, ['secrets', 'set', '--local', '--name', 'API_KEY', '--value', 'inline-value'], { env })).code).toBe(0);
    writeFileSync(path.join(dir, 'cert.pem'), 'line one\nline two\n');
    expect((await stratus(dir, ['secrets', 'set', '--local', '--name', 'CERT', '--file', 'cert.pem'], { env })).code).toBe(0);

    const masked = await stratus(dir, ['secrets', 'get', '--local', '--name', 'DB_PASSWORD'], { env });
    expect(masked.stdout).toBe('DB_PASSWORD: **** (11 characters; --reveal to show it)\n');
    expect((await stratus(dir, ['secrets', 'get', '--local', '--name', 'DB_PASSWORD', '--reveal'], { env })).stdout).toBe('piped-value\n');
    expect((await stratus(dir, ['secrets', 'get', '--local', '--name', 'CERT', '--reveal'], { env })).stdout).toBe('line one\nline two\n\n');
    const list = await stratus(dir, ['secrets', 'list', '--local'], { env });
    expect(list.stdout.split('\n').filter(Boolean).map((line) => line.split(' ')[0])).toEqual(['API_KEY', 'CERT', 'DB_PASSWORD']);
    expect(list.stdout).not.toContain('value');

    const file = readFileSync(path.join(dir, 'secrets.dev.enc.json'), 'utf8');
    expect(file).not.toContain('piped-value');
    expect(file).not.toContain('inline-value');

    expect((await stratus(dir, ['secrets', 'remove', '--local', '--name', 'API_KEY'], { env })).code).toBe(0);
    expect((await stratus(dir, ['secrets', 'list', '--local'], { env })).stdout).not.toContain('API_KEY');
    // Stages have their own files.
    expect((await stratus(dir, ['secrets', 'list', '--local', '--stage', 'prod'], { env })).stderr).toContain('No secrets in');
  });

  it('a missing or wrong key fails with exit code 1, a coded message naming the file and the key, and no stack', async () => {
    const { dir, env } = service();
    expect((await stratus(dir, ['secrets', 'set', '--local', '--name', 'A', '--value', 'a'], { env })).code).toBe(0);
    const otherHome = { ...env, HOME: tempDir('home') };
    const missing = await stratus(dir, ['secrets', 'get', '--local', '--name', 'A'], { env: otherHome });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`No key to open ${path.join(dir, 'secrets.dev.enc.json')}`);
    expect(missing.stderr).toContain(path.join(otherHome.HOME, '.config', 'stratus', 'secrets', 'shop.key'));
    expect(missing.stderr).toContain('Code: SECRETS_LOCAL_KEY_MISSING');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const wrong = await stratus(dir, ['secrets', 'get', '--local', '--name', 'A'], { env: { ...env, STRATUS_SECRETS_KEY: Buffer.alloc(32, 5).toString('base64') } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Code: SECRETS_LOCAL_WRONG_KEY');
    const noValue = await stratus(dir, ['secrets', 'set', '--local', '--name', 'B'], { env });
    expect(noValue.stderr).toContain('Code: SECRETS_NO_VALUE');
    const inside = await stratus(dir, ['secrets', 'init', '--local', '--key-file', 'shop.key'], { env });
    expect(inside.stderr).toContain('Code: SECRETS_LOCAL_KEY_IN_SERVICE');
    expect(existsSync(path.join(dir, 'shop.key'))).toBe(false);
  });
});

describe('local runs read the local file', () => {
  it('stratus offline serves a handler that reads its secrets through @stratus/secrets-runtime', async () => {
    const { dir, env } = service();
    await setAll(dir, env);
    const child = spawn(process.execPath, [CLI, 'offline', 'start', '--httpPort', '0', '--lambdaPort', '0', '--eventSourcesPort', '0', '--host', '127.0.0.1'], {
      cwd: dir,
      env: { ...process.env, STRATUS_NO_CODE_CACHE: '1', ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const check = (): void => {
          const match = /Server ready: http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
          if (match) resolve(Number(match[1]));
        };
        child.stdout.on('data', check);
        child.stderr.on('data', check);
        void exited.then(() => reject(new Error(`offline exited:\n${output}`)));
      });
      const response = await fetch(`http://127.0.0.1:${port}/dev/show`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ secrets: { API_KEY: 'api-key-0815', DB_PASSWORD: 'db-pass-4711' }, ref: 'hook-secret-42' });
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(output).not.toContain('db-pass-4711');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('invoke local: a failing handler\'s error is printed with the secret masked, also under --debug', async () => {
    const { dir, env } = service();
    await setAll(dir, env);
    const run = await stratus(dir, ['invoke', 'local', '-f', 'fail', '--debug'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot connect with ****');
    expect(`${run.stdout}${run.stderr}`).not.toContain('db-pass-4711');
    const show = await stratus(dir, ['invoke', 'local', '-f', 'show'], { env });
    expect(show.code).toBe(0);
    expect(show.stdout).not.toMatch(/db-pass|api-key-08|hook-secret/);
  });

  it('print in deploy mode shows stack parameter references, never values', async () => {
    const { dir, env } = service('custom:\n  secrets:\n    mode: deploy\n');
    await setAll(dir, env);
    const run = await stratus(dir, ['print', '--format', 'json'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).provider.environment.REF).toEqual({ Ref: 'StratusSecretWEBHOOK' });
    expect(run.stdout).not.toMatch(/db-pass|api-key-08|hook-secret/);
  });

  it('package leaves the local secrets file out of the zip', async () => {
    const { dir, env } = service();
    await setAll(dir, env);
    expect((await stratus(dir, ['package'], { env })).code).toBe(0);
    // Zip headers hold file names uncompressed.
    const zip = readFileSync(path.join(dir, '.serverless', 'shop.zip')).toString('latin1');
    expect(zip).toContain('handlers.js');
    expect(zip).not.toContain('secrets.dev.enc.json');
  });
});
