import { GcsBackend, LocalBackend, RemoteBackend, S3Backend, type TerraformStack } from 'cdktf';

/**
 * Where Terraform keeps state. Local by default; a team sets SLIPSTREAM_TF_BACKEND (s3, gcs, remote)
 * and SLIPSTREAM_TF_BACKEND_CONFIG (JSON, the backend's own settings) in CI, e.g.
 *   SLIPSTREAM_TF_BACKEND=s3 SLIPSTREAM_TF_BACKEND_CONFIG='{"bucket":"…","key":"slipstream.tfstate","region":"eu-west-1"}'
 */
export type BackendConfig =
  | { type: 'local'; path?: string }
  | { type: 's3'; bucket: string; key: string; region: string; dynamodbTable?: string; encrypt?: boolean }
  | { type: 'gcs'; bucket: string; prefix?: string }
  | { type: 'remote'; organization: string; workspaces: { name: string }; hostname?: string };

export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): BackendConfig {
  const type = env.SLIPSTREAM_TF_BACKEND ?? 'local';
  const settings = env.SLIPSTREAM_TF_BACKEND_CONFIG
    ? (JSON.parse(env.SLIPSTREAM_TF_BACKEND_CONFIG) as object)
    : {};
  if (!['local', 's3', 'gcs', 'remote'].includes(type)) {
    throw new Error(`SLIPSTREAM_TF_BACKEND must be local, s3, gcs or remote (got ${type})`);
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
