import { GcsBackend, LocalBackend, RemoteBackend, S3Backend, type TerraformStack } from 'cdktf';

/**
 * Where Terraform keeps state: always chosen explicitly. SLIPSTREAM_TF_BACKEND is s3, gcs or remote
 * (state kept between runs, what CI must use) or local (a throwaway try: the state file stays on the
 * machine that ran it and is gone with a CI runner). SLIPSTREAM_TF_BACKEND_CONFIG holds the backend's
 * own settings as JSON, e.g.
 *   SLIPSTREAM_TF_BACKEND=s3 SLIPSTREAM_TF_BACKEND_CONFIG='{"bucket":"…","key":"slipstream.tfstate","region":"eu-west-1"}'
 */
export type BackendConfig =
  | { type: 'local'; path?: string }
  | { type: 's3'; bucket: string; key: string; region: string; dynamodbTable?: string; encrypt?: boolean }
  | { type: 'gcs'; bucket: string; prefix?: string }
  | { type: 'remote'; organization: string; workspaces: { name: string }; hostname?: string };

const REQUIRED: Record<string, string[]> = {
  local: [],
  s3: ['bucket', 'key', 'region'],
  gcs: ['bucket'],
  remote: ['organization', 'workspaces'],
};

export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): BackendConfig {
  const type = env.SLIPSTREAM_TF_BACKEND?.trim();
  if (!type) {
    throw new Error(
      'SLIPSTREAM_TF_BACKEND is not set: choose where Terraform keeps state: s3, gcs or remote ' +
        '(with SLIPSTREAM_TF_BACKEND_CONFIG), or local for a throwaway try (docs/deploy.md#terraform)',
    );
  }
  if (!(type in REQUIRED)) {
    throw new Error(`SLIPSTREAM_TF_BACKEND must be local, s3, gcs or remote (got ${type})`);
  }
  if (type === 'local' && env.GITHUB_ACTIONS === 'true') {
    throw new Error(
      'SLIPSTREAM_TF_BACKEND=local on GitHub Actions would lose the state with the runner: use s3, gcs or remote',
    );
  }
  let settings: Record<string, unknown> = {};
  const raw = env.SLIPSTREAM_TF_BACKEND_CONFIG?.trim();
  if (raw) {
    try {
      settings = JSON.parse(raw) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`SLIPSTREAM_TF_BACKEND_CONFIG is not JSON: ${(error as Error).message}`);
    }
  }
  const missing = REQUIRED[type].filter((key) => settings[key] === undefined || settings[key] === '');
  if (missing.length) {
    throw new Error(
      `SLIPSTREAM_TF_BACKEND=${type} needs ${missing.join(', ')} in SLIPSTREAM_TF_BACKEND_CONFIG (JSON)`,
    );
  }
  return { type, ...settings } as BackendConfig;
}

export function configureBackend(stack: TerraformStack, config: BackendConfig): void {
  switch (config.type) {
    case 'local':
      new LocalBackend(stack, { path: config.path ?? 'terraform.tfstate' });
      return;
    case 's3':
      new S3Backend(stack, {
        bucket: config.bucket,
        key: config.key,
        region: config.region,
        encrypt: config.encrypt ?? true,
        ...(config.dynamodbTable ? { dynamodbTable: config.dynamodbTable } : {}),
      });
      return;
    case 'gcs':
      new GcsBackend(stack, { bucket: config.bucket, prefix: config.prefix ?? 'slipstream' });
      return;
    case 'remote':
      new RemoteBackend(stack, {
        organization: config.organization,
        workspaces: config.workspaces,
        ...(config.hostname ? { hostname: config.hostname } : {}),
      });
      return;
  }
}
