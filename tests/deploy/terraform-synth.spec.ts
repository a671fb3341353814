import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { App } from 'cdktf';
import { afterAll, describe, expect, it } from 'vitest';

import { type BackendConfig, backendFromEnv } from '../../terraform/src/backend';
import { CREDENTIAL_KEYS, SlipstreamStack, SYNTH_STACK_DIR } from '../../terraform/src/stack';
import { render } from './chart-objects';
import { chartDir, schemaPath } from './paths';
import { loadValues } from './values';

/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON */
const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function synth(backend: BackendConfig): any {
  const outdir = mkdtempSync(join(tmpdir(), 'slipstream-cdktf-'));
  outdirs.push(outdir);
  const app = new App({ outdir, skipValidation: false });
  new SlipstreamStack(app, 'slipstream', { backend });
  app.synth();
  return JSON.parse(readFileSync(join(outdir, 'stacks/slipstream/cdk.tf.json'), 'utf8'));
}

/** A yamlencode({...}) value: turn the HCL object back into data, keeping interpolations as text. */
function yamlencodeArgument(expression: string): string {
  const match = /^\$\{yamlencode\(([\s\S]*)\)\}$/.exec(expression);
  if (!match) throw new Error(`not a yamlencode expression: ${expression.slice(0, 80)}`);
  return match[1];
}

const local = synth({ type: 'local' });

describe('terraform/ (CDK for Terraform) synthesized to plain Terraform JSON', () => {
  it('configures the kubernetes and helm providers from a kubeconfig', () => {
    expect(local.terraform.required_providers.kubernetes.source).toBe('kubernetes');
    expect(local.terraform.required_providers.helm.source).toBe('helm');
    expect(local.provider.kubernetes[0]).toEqual({ config_path: '${var.kubeconfig_path}' });
    expect(local.provider.helm[0].kubernetes.config_path).toBe('${var.kubeconfig_path}');
  });

  it('declares the variables an operator sets, with the credentials sensitive and checked for every key', () => {
    expect(Object.keys(local.variable).sort()).toEqual(
      [
        'chart',
        'chart_version',
        'clickhouse_chart_version',
        'clickhouse_storage_size',
        'credentials',
        'image_owner',
        'image_tag',
        'ingress_class',
        'ingress_enabled',
        'ingress_host',
        'ingress_tls_enabled',
        'ingress_tls_secret',
        'kubeconfig_path',
        'namespace',
        'nats_chart_version',
        'nats_storage_size',
        'release_name',
      ].sort(),
    );
    expect(local.variable.image_tag.default).toBeUndefined();
    expect(local.variable.credentials).toMatchObject({ type: 'map(string)', sensitive: true });
    const condition = local.variable.credentials.validation[0].condition as string;
    for (const key of CREDENTIAL_KEYS) expect(condition).toContain(`"${key}"`);
  });

  it('creates the namespace and the credentials Secret from the sensitive variable', () => {
    const namespace = local.resource.kubernetes_namespace_v1.platform;
    expect(namespace.metadata.name).toBe('${var.namespace}');
    expect(namespace.metadata.labels['pod-security.kubernetes.io/warn']).toBe('restricted');
    const secret = local.resource.kubernetes_secret_v1.platform_credentials;
    expect(secret.data).toBe('${var.credentials}');
    expect(secret.metadata.name).toBe('${var.release_name}-credentials');
    expect(secret.metadata.namespace).toBe('${kubernetes_namespace_v1.platform.metadata[0].name}');
  });

  it('installs NATS with JetStream and the per-service users, reading passwords from the Secret', () => {
    const nats = local.resource.helm_release.nats;
    expect(nats).toMatchObject({
      chart: 'nats',
      repository: 'https://nats-io.github.io/k8s/helm/charts/',
      version: '${var.nats_chart_version}',
    });
    expect(nats.depends_on).toContain('kubernetes_secret_v1.platform_credentials');
    const values = yamlencodeArgument(nats.values[0]);
    expect(values).toMatch(/"jetstream" *= *\{[\s\S]*"enabled" *= *true/);
    const chartUsers = (loadValues(chartDir) as any).nats.config.merge.accounts.SLIPSTREAM.users as Array<{
      user: string;
    }>;
    for (const { user } of chartUsers) expect(values).toContain(`"${user}"`);
    expect(values).toContain('"raw.>"');
    expect(values).toContain('"name" = "${var.release_name}-credentials"');
    expect(values).not.toContain('slipstream-credentials');
    expect(nats.set).toContainEqual({
      name: 'config.jetstream.fileStore.pvc.size',
      value: '${var.nats_storage_size}',
    });
  });

  it('installs ClickHouse with the admin password from the Secret', () => {
    const clickhouse = local.resource.helm_release.clickhouse;
    expect(clickhouse).toMatchObject({ chart: 'clickhouse', repository: 'https://helm.altinity.com' });
    const values = yamlencodeArgument(clickhouse.values[0]);
    // The key Altinity's chart reads (password_secret_name, key "password"), from the credentials variable.
    expect(values).toContain(
      '"password_secret_name" = kubernetes_secret_v1.clickhouse_admin.metadata[0].name',
    );
    expect(values).toContain('"allowExternalAccess" = false');
    const admin = local.resource.kubernetes_secret_v1.clickhouse_admin;
    expect(admin.data).toEqual({ password: '${var.credentials["clickhouse-admin-password"]}' });
    expect(clickhouse.depends_on).toContain('kubernetes_secret_v1.clickhouse_admin');
  });

  it('installs the slipstream chart after both, on external endpoints, atomically', () => {
    const release = local.resource.helm_release.slipstream;
    expect(release.depends_on).toEqual(
      expect.arrayContaining(['helm_release.nats', 'helm_release.clickhouse']),
    );
    expect(release.atomic).toBe(true);
    expect(release.chart).toBe('${var.chart}');
    // Terraform resolves a relative chart path from the synthesized stack's directory (defect f).
    expect(existsSync(join(SYNTH_STACK_DIR, local.variable.chart.default, 'Chart.yaml'))).toBe(true);
    expect(resolve(SYNTH_STACK_DIR, local.variable.chart.default)).toBe(chartDir);
    expect(local.variable.chart_version.default).toBe('0.1.0');
    const values = yamlencodeArgument(release.values[0]);
    expect(values).toContain('"externalUrl" = "nats://nats.${var.namespace}.svc:4222"');
    expect(values).toContain('"externalUrl" = "http://clickhouse-clickhouse.${var.namespace}.svc:8123"');
    expect(values).toContain('"tag" = var.image_tag');
    expect(values).toMatch(/"nats" *= *\{\s*"enabled" *= *false/);
    expect(values).toMatch(/"clickhouse" *= *\{\s*"enabled" *= *false/);
    expect(values).toContain('"enabled" = var.ingress_enabled');
    expect(values).toContain('"host" = var.ingress_host');
    // Every variable but the image tag and the credentials has a non-empty default: see the --hcl test.
    for (const [name, variable] of Object.entries<any>(local.variable)) {
      if (name === 'image_tag' || name === 'credentials') continue;
      expect(variable.default, name).not.toBeUndefined();
      expect(variable.default, name).not.toBe('');
      expect(variable.default, name).not.toBe(false);
    }
  });

  it('passes the chart values that pass values.schema.json', () => {
    // The stack's values with sample variable values substituted, as Terraform would send them.
    const values = {
      global: { credentialsSecret: 'slipstream-credentials' },
      image: { owner: 'slipstream-f1', tag: 'abc1234' },
      nats: { enabled: false },
      clickhouse: { enabled: false },
      natsConnection: { externalUrl: 'nats://nats.slipstream.svc:4222' },
      clickhouseConnection: {
        externalUrl: 'http://clickhouse-clickhouse.slipstream.svc:8123',
        admin: {
          user: 'default',
          secretName: 'slipstream-credentials',
          secretKey: 'clickhouse-admin-password',
        },
      },
      ingress: {
        enabled: true,
        className: 'nginx',
        host: 'slipstream.example.org',
        tls: { enabled: false, secretName: '' },
      },
    };
    const release = yamlencodeArgument(local.resource.helm_release.slipstream.values[0]);
    for (const key of [
      'credentialsSecret',
      'owner',
      'externalUrl',
      'secretName',
      'secretKey',
      'className',
      'host',
    ]) {
      expect(release).toContain(`"${key}"`);
    }
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    expect(validate(loadValues(chartDir, [values])), JSON.stringify(validate.errors)).toBe(true);
    // …and render into a release that reads the Terraform-managed Secret.
    const rendered = render({ values: [values] });
    expect(rendered.ofKind('Secret')).toEqual([]);
    expect(rendered.find('Job', 'slipstream-provision').metadata.annotations['helm.sh/hook']).toBe(
      'pre-install,pre-upgrade',
    );
  });

  it('outputs the endpoints and names an operator needs', () => {
    expect(Object.keys(local.output).sort()).toEqual(
      [
        'clickhouse_url',
        'credentials_secret',
        'gateway_url',
        'namespace_name',
        'nats_url',
        'slipstream_release',
        'slipstream_version',
      ].sort(),
    );
  });

  it('keeps state where it is told, and says so when it is not (defect f)', () => {
    expect(local.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
    expect(() => backendFromEnv({})).toThrow(
      /SLIPSTREAM_TF_BACKEND is not set: choose where Terraform keeps state/,
    );
    expect(() => backendFromEnv({ SLIPSTREAM_TF_BACKEND: '' })).toThrow(/is not set/);
    expect(() => backendFromEnv({ SLIPSTREAM_TF_BACKEND: 'local', GITHUB_ACTIONS: 'true' })).toThrow(
      /would lose the state with the runner/,
    );
    expect(() => backendFromEnv({ SLIPSTREAM_TF_BACKEND: 's3', SLIPSTREAM_TF_BACKEND_CONFIG: '' })).toThrow(
      /s3 needs bucket, key, region in SLIPSTREAM_TF_BACKEND_CONFIG/,
    );
    expect(() =>
      backendFromEnv({ SLIPSTREAM_TF_BACKEND: 'gcs', SLIPSTREAM_TF_BACKEND_CONFIG: '{bucket' }),
    ).toThrow(/is not JSON/);
  });

  it('keeps state in S3, GCS or a remote backend when configured', () => {
    const s3 = synth(
      backendFromEnv({
        SLIPSTREAM_TF_BACKEND: 's3',
        SLIPSTREAM_TF_BACKEND_CONFIG: '{"bucket":"tf-state","key":"slipstream.tfstate","region":"eu-west-1"}',
      }),
    );
    expect(s3.terraform.backend).toEqual({
      s3: { bucket: 'tf-state', key: 'slipstream.tfstate', region: 'eu-west-1', encrypt: true },
    });
    const gcs = synth(
      backendFromEnv({ SLIPSTREAM_TF_BACKEND: 'gcs', SLIPSTREAM_TF_BACKEND_CONFIG: '{"bucket":"tf-state"}' }),
    );
    expect(gcs.terraform.backend).toEqual({ gcs: { bucket: 'tf-state', prefix: 'slipstream' } });
    const remote = synth(
      backendFromEnv({
        SLIPSTREAM_TF_BACKEND: 'remote',
        SLIPSTREAM_TF_BACKEND_CONFIG: '{"organization":"slipstream","workspaces":{"name":"production"}}',
      }),
    );
    expect(remote.terraform.backend.remote).toMatchObject({
      organization: 'slipstream',
      workspaces: { name: 'production' },
    });
    expect(() => backendFromEnv({ SLIPSTREAM_TF_BACKEND: 'consul' })).toThrow(
      /must be local, s3, gcs or remote/,
    );
  });

  it('contains only Terraform JSON: no cdktf construct is needed to apply it', () => {
    const text = JSON.stringify(local);
    expect(Object.keys(local).sort()).toEqual(
      ['//', 'output', 'provider', 'resource', 'terraform', 'variable'].sort(),
    );
    expect(text).not.toMatch(/\$\{TfToken\[/);
    expect(text).not.toContain('undefined');
  });
});

describe('cdktf synth --hcl (the cdktf CLI, as an operator or CI runs it)', () => {
  const cli = join(__dirname, '../../node_modules/.bin/cdktf');
  it.skipIf(!existsSync(cli))(
    'writes HCL with the same variables, defaults and resources',
    () => {
      const outdir = mkdtempSync(join(tmpdir(), 'slipstream-cdktf-hcl-'));
      outdirs.push(outdir);
      execFileSync(cli, ['synth', '--hcl', '--output', outdir], {
        cwd: join(__dirname, '../../terraform'),
        env: {
          ...process.env,
          CHECKPOINT_DISABLE: '1',
          CI: '1',
          SLIPSTREAM_TF_BACKEND: 'local',
          GITHUB_ACTIONS: '',
        },
        stdio: 'pipe',
        timeout: 120_000,
      });
      const hcl = readFileSync(join(outdir, 'stacks/slipstream/cdk.tf'), 'utf8');
      for (const [name, variable] of Object.entries<any>(local.variable)) {
        const block = new RegExp(`variable "${name}" \\{([^}]*)\\}`).exec(hcl)?.[1];
        expect(block, name).toBeDefined();
        if (variable.default !== undefined)
          expect(block, name).toMatch(new RegExp(`default\\s*= ${JSON.stringify(variable.default)}`));
      }
      expect(hcl).toMatch(/resource "helm_release" "slipstream" \{/);
      expect(hcl).toMatch(/backend "local" \{/);
      expect(hcl).not.toContain('undefined');
    },
    120_000,
  );
});
