import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { Release } from '@cdktf/provider-helm/lib/release';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Fn, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { type Construct } from 'constructs';
import { parse as parseYaml } from 'yaml';

import { type BackendConfig, configureBackend } from './backend';

/** Keys the credentials Secret must hold; the chart's docs/deploy.md#secrets lists what each is for. */
export const CREDENTIAL_KEYS = [
  'nats-ingestion-password',
  'nats-telemetry-replay-password',
  'nats-normalization-password',
  'nats-projection-password',
  'nats-live-gateway-password',
  'nats-provisioner-password',
  'clickhouse-admin-password',
  'clickhouse-migrator-password',
  'clickhouse-projection-password',
  'clickhouse-query-password',
  'gateway-auth-token',
] as const;

export interface SlipstreamStackOptions {
  backend: BackendConfig;
  /** The chart directory; its values.yaml is the one source of the NATS users and ClickHouse settings. */
  chartDir?: string;
}

const DEFAULT_CHART_DIR = join(__dirname, '../../charts/slipstream');
/** Where `cdktf synth` writes this stack, and so where Terraform resolves a relative chart path from. */
export const SYNTH_STACK_DIR = join(__dirname, '../cdktf.out/stacks/slipstream');

function chartVersionOf(chartDir: string): string {
  return (parseYaml(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as { version: string }).version;
}

/**
 * Installs slipstream on an existing cluster: a namespace, the credentials Secret, NATS with
 * JetStream, ClickHouse, and the slipstream chart pointed at both. Thin on purpose: every setting
 * of substance lives in the chart, so `helm install` and this stack deploy the same thing.
 */
export class SlipstreamStack extends TerraformStack {
  constructor(scope: Construct, id: string, options: SlipstreamStackOptions) {
    super(scope, id);
    configureBackend(this, options.backend);
    const chartDir = options.chartDir ?? DEFAULT_CHART_DIR;
    const chartValues = parseYaml(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) as {
      nats: Record<string, unknown> & {
        container: { env: Record<string, { valueFrom: { secretKeyRef: { $tplYaml: string } } }> };
      };
      clickhouse: Record<string, unknown> & { clickhouse: { defaultUser: Record<string, unknown> } };
    };

    // No default is "", false or null: `cdktf synth --hcl` drops falsy defaults (making the variable
    // required) and fails on null. Booleans default to the string "false", which Terraform converts.
    const variable = (name: string, config: ConstructorParameters<typeof TerraformVariable>[2]) =>
      new TerraformVariable(this, name, config);
    const kubeconfigPath = variable('kubeconfig_path', {
      type: 'string',
      default: '~/.kube/config',
      description: 'Kubeconfig of the target cluster; pick a context with the KUBE_CTX environment variable.',
    });
    const namespaceName = variable('namespace', {
      type: 'string',
      default: 'slipstream',
      description: 'Namespace for slipstream, NATS and ClickHouse.',
    });
    const releaseName = variable('release_name', {
      type: 'string',
      default: 'slipstream',
      description: 'Helm release name of the slipstream chart.',
    });
    const imageOwner = variable('image_owner', {
      type: 'string',
      default: 'slipstream-f1',
      description: 'ghcr.io owner of the slipstream-<service> images.',
    });
    const imageTag = variable('image_tag', {
      type: 'string',
      description: 'Image tag to deploy (the commit SHA in CI).',
    });
    const chart = variable('chart', {
      type: 'string',
      default: relative(SYNTH_STACK_DIR, chartDir),
      description:
        'The slipstream chart: a path (relative to cdktf.out/stacks/slipstream) or oci://ghcr.io/<owner>/charts/slipstream.',
    });
    const chartVersion = variable('chart_version', {
      type: 'string',
      default: chartVersionOf(chartDir),
      description: 'Chart version, used when chart is an OCI reference.',
    });
    const natsChartVersion = variable('nats_chart_version', {
      type: 'string',
      default: '1.3.13',
      description: 'Version of the official NATS chart.',
    });
    const clickhouseChartVersion = variable('clickhouse_chart_version', {
      type: 'string',
      default: '0.3.0',
      description: "Version of Altinity's ClickHouse chart.",
    });
    const natsStorage = variable('nats_storage_size', {
      type: 'string',
      default: '20Gi',
      description: 'JetStream file storage per NATS server.',
    });
    const clickhouseStorage = variable('clickhouse_storage_size', {
      type: 'string',
      default: '50Gi',
      description: 'ClickHouse data volume per replica.',
    });
    const ingressEnabled = variable('ingress_enabled', {
      type: 'bool',
      default: 'false',
      description: 'Publish the gateway and query API through an Ingress.',
    });
    const ingressHost = variable('ingress_host', {
      type: 'string',
      default: 'slipstream.example.org',
      description: 'Public host of the gateway and query API.',
    });
    const ingressClass = variable('ingress_class', {
      type: 'string',
      default: 'nginx',
      description: 'IngressClass of the Ingresses.',
    });
    const ingressTlsEnabled = variable('ingress_tls_enabled', {
      type: 'bool',
      default: 'false',
      description: 'Serve the Ingress with TLS.',
    });
    const ingressTlsSecret = variable('ingress_tls_secret', {
      type: 'string',
      default: 'slipstream-tls',
      description: 'TLS Secret of ingress_host (e.g. from cert-manager).',
    });
    const credentials = variable('credentials', {
      type: 'map(string)',
      sensitive: true,
      description: `Passwords and tokens of the credentials Secret; keys: ${CREDENTIAL_KEYS.join(', ')}.`,
      validation: [
        {
          condition: `\${alltrue([for key in ${JSON.stringify(CREDENTIAL_KEYS)} : contains(keys(var.credentials), key)])}`,
          errorMessage: `credentials must hold every key: ${CREDENTIAL_KEYS.join(', ')}.`,
        },
      ],
    });

    new KubernetesProvider(this, 'kubernetes', { configPath: kubeconfigPath.stringValue });
    new HelmProvider(this, 'helm', { kubernetes: { configPath: kubeconfigPath.stringValue } });

    const namespace = new NamespaceV1(this, 'platform', {
      metadata: {
        name: namespaceName.stringValue,
        labels: {
          'app.kubernetes.io/part-of': 'slipstream',
          // slipstream's pods meet "restricted"; the NATS and ClickHouse pods meet "baseline".
          'pod-security.kubernetes.io/enforce': 'baseline',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });

    const secretName = `${releaseName.stringValue}-credentials`;
    const secret = new SecretV1(this, 'platform_credentials', {
      metadata: {
        name: secretName,
        namespace: namespace.metadata.name,
        labels: { 'app.kubernetes.io/part-of': 'slipstream' },
      },
      type: 'Opaque',
      data: credentials.value,
    });

    // The bundled-dependency values of the chart, pointed at the Secret this stack manages.
    const { enabled: _natsEnabled, ...natsValues } = chartValues.nats;
    // The chart's references name the Secret with a $tplYaml template of its release; this NATS
    // release has another name, so each reference becomes a plain name and the key the chart gives.
    const natsEnv = Object.fromEntries(
      Object.entries(natsValues.container.env).map(([name, spec]) => {
        const key = /key: (\S+)/.exec(spec.valueFrom.secretKeyRef.$tplYaml)?.[1];
        if (!key) throw new Error(`nats.container.env.${name}: no key in the chart's secretKeyRef`);
        return [name, { valueFrom: { secretKeyRef: { name: secretName, key } } }];
      }),
    );
    const nats = new Release(this, 'nats', {
      name: 'nats',
      namespace: namespace.metadata.name,
      repository: 'https://nats-io.github.io/k8s/helm/charts/',
      chart: 'nats',
      version: natsChartVersion.stringValue,
      values: [Fn.yamlencode({ ...natsValues, container: { ...natsValues.container, env: natsEnv } })],
      set: [{ name: 'config.jetstream.fileStore.pvc.size', value: natsStorage.stringValue }],
      wait: true,
      timeout: 600,
      dependsOn: [secret],
    });

    // Altinity's chart reads the default user's password from a Secret's "password" key.
    const adminSecret = new SecretV1(this, 'clickhouse_admin', {
      metadata: {
        name: `${releaseName.stringValue}-clickhouse-admin`,
        namespace: namespace.metadata.name,
        labels: { 'app.kubernetes.io/part-of': 'slipstream' },
      },
      type: 'Opaque',
      data: { password: `\${var.credentials["clickhouse-admin-password"]}` },
    });
    const { enabled: _clickhouseEnabled, ...clickhouseValues } = chartValues.clickhouse;
    const clickhouse = new Release(this, 'clickhouse', {
      name: 'clickhouse',
      namespace: namespace.metadata.name,
      repository: 'https://helm.altinity.com',
      chart: 'clickhouse',
      version: clickhouseChartVersion.stringValue,
      values: [
        Fn.yamlencode({
          ...clickhouseValues,
          clickhouse: {
            ...clickhouseValues.clickhouse,
            defaultUser: {
              ...clickhouseValues.clickhouse.defaultUser,
              password_secret_name: adminSecret.metadata.name,
            },
          },
        }),
      ],
      set: [{ name: 'clickhouse.persistence.size', value: clickhouseStorage.stringValue }],
      wait: true,
      timeout: 900,
      dependsOn: [adminSecret],
    });

    const natsUrl = `nats://nats.${namespaceName.stringValue}.svc:4222`;
    // Altinity's operator names the service clickhouse-<installation>, the installation <release>-clickhouse.
    const clickhouseUrl = `http://clickhouse-clickhouse.${namespaceName.stringValue}.svc:8123`;
    const slipstream = new Release(this, 'slipstream', {
      name: releaseName.stringValue,
      namespace: namespace.metadata.name,
      chart: chart.stringValue,
      version: chartVersion.stringValue,
      values: [
        Fn.yamlencode({
          global: { credentialsSecret: secretName },
          image: { owner: imageOwner.stringValue, tag: imageTag.stringValue },
          nats: { enabled: false },
          clickhouse: { enabled: false },
          natsConnection: { externalUrl: natsUrl },
          clickhouseConnection: {
            externalUrl: clickhouseUrl,
            admin: { user: 'default', secretName, secretKey: 'clickhouse-admin-password' },
          },
          ingress: {
            enabled: ingressEnabled.booleanValue,
            className: ingressClass.stringValue,
            host: ingressHost.stringValue,
            tls: { enabled: ingressTlsEnabled.booleanValue, secretName: ingressTlsSecret.stringValue },
          },
        }),
      ],
      // Helm rolls back a failed upgrade by itself; the provisioning hook Job gates every upgrade.
      atomic: true,
      wait: true,
      timeout: 900,
      dependsOn: [nats, clickhouse],
    });

    new TerraformOutput(this, 'namespace_name', {
      value: namespace.metadata.name,
      description: 'Namespace of the platform.',
    });
    new TerraformOutput(this, 'credentials_secret', {
      value: secret.metadata.name,
      description: 'Secret with every credential.',
    });
    new TerraformOutput(this, 'nats_url', { value: natsUrl, description: 'NATS inside the cluster.' });
    new TerraformOutput(this, 'clickhouse_url', {
      value: clickhouseUrl,
      description: 'ClickHouse HTTP inside the cluster.',
    });
    new TerraformOutput(this, 'slipstream_release', {
      value: slipstream.name,
      description: 'Helm release of slipstream.',
    });
    new TerraformOutput(this, 'slipstream_version', {
      value: slipstream.metadata.appVersion,
      description: 'App version the release runs.',
    });
    new TerraformOutput(this, 'gateway_url', {
      value: `\${var.ingress_enabled ? format("%s://%s/", var.ingress_tls_enabled ? "https" : "http", var.ingress_host) : "(no Ingress: kubectl port-forward)"}`,
      description: 'Public URL of the live gateway and dashboard (empty without an Ingress).',
    });
  }
}
