import { basename } from 'node:path';

import { describe, expect, it } from 'vitest';

import { containerEnv, type K8sObject, labelsMatch, render, type Rendered } from './chart-objects';
import { validateStrict } from './k8s-validate';
import { chartDir, exampleValuesFiles, SERVICES } from './paths';
import { loadValues } from './values';

const cases: Array<[string, Rendered]> = [
  ['defaults', render()],
  ...exampleValuesFiles.map((file): [string, Rendered] => [basename(file), render({ values: [file] })]),
];
const byName = Object.fromEntries(cases);
const defaults = byName['defaults'];
const external = byName['external-values.yaml'];
const embedded = byName['embedded-chdb-values.yaml'];

const podSpecs = (rendered: Rendered): Array<[string, K8sObject]> => [
  ...rendered.ofKind('Deployment').map((d): [string, K8sObject] => [d.metadata.name, d.spec.template.spec]),
  ...rendered.ofKind('Job').map((j): [string, K8sObject] => [j.metadata.name, j.spec.template.spec]),
];

describe.each(cases)('chart rendered with %s', (_name, rendered) => {
  it('produces objects that validate against the Kubernetes schemas', () => {
    expect(rendered.all.length).toBeGreaterThan(10);
    expect(() => validateStrict(rendered.all)).not.toThrow();
  });

  it('gives every object a unique name per kind and the standard labels', () => {
    const keys = rendered.all.map((object) => `${object.kind}/${object.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const object of rendered.all) {
      expect(object.metadata.labels).toMatchObject({
        'app.kubernetes.io/name': 'slipstream',
        'app.kubernetes.io/instance': 'slipstream',
        'app.kubernetes.io/managed-by': 'Helm',
        'helm.sh/chart': 'slipstream-0.1.0',
      });
    }
  });

  it('runs every container non-root, read-only, without capabilities, with resources', () => {
    for (const [name, pod] of podSpecs(rendered)) {
      expect(pod.securityContext.runAsNonRoot, name).toBe(true);
      expect(pod.automountServiceAccountToken, name).toBe(false);
      for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
        expect(container.securityContext, `${name}/${container.name}`).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources?.requests?.memory, `${name}/${container.name}`).toBeTruthy();
        expect(container.resources?.limits?.memory, `${name}/${container.name}`).toBeTruthy();
      }
      // A read-only root needs a writable /tmp.
      const tmp = pod.volumes.find((volume: K8sObject) => volume.name === 'tmp');
      expect(tmp?.emptyDir, name).toBeDefined();
    }
  });

  it('probes each service on its health endpoints and exposes it through a Service', () => {
    for (const deployment of rendered.ofKind('Deployment')) {
      const [container] = deployment.spec.template.spec.containers;
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      const port = container.ports.find((p: K8sObject) => p.name === 'http').containerPort;
      expect(containerEnv(rendered, container).get('HTTP_PORT')).toBe(String(port));

      const podLabels = deployment.spec.template.metadata.labels;
      expect(labelsMatch(deployment.spec.selector.matchLabels, podLabels)).toBe(true);
      const service = rendered.find('Service', deployment.metadata.name);
      expect(labelsMatch(service.spec.selector, podLabels)).toBe(true);
      expect(service.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }]);
      // Selectors of other components must not pick these pods up.
      for (const other of rendered
        .ofKind('Service')
        .filter((s) => s.metadata.name !== service.metadata.name)) {
        expect(
          labelsMatch(other.spec.selector, podLabels),
          `${other.metadata.name} selects ${deployment.metadata.name}`,
        ).toBe(false);
      }
    }
  });

  it('aims every PodDisruptionBudget and the HPA at existing pods', () => {
    for (const pdb of rendered.ofKind('PodDisruptionBudget')) {
      const deployment = rendered.find('Deployment', pdb.metadata.name);
      expect(labelsMatch(pdb.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    }
    for (const hpa of rendered.ofKind('HorizontalPodAutoscaler')) {
      const target = rendered.find('Deployment', hpa.spec.scaleTargetRef.name);
      // The HPA owns the replica count: a replicas field would fight it on every upgrade.
      expect(target.spec.replicas).toBeUndefined();
      expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
    }
  });

  it('reads every secret from a Secret key, never from a ConfigMap', () => {
    for (const configMap of rendered.ofKind('ConfigMap')) {
      for (const key of Object.keys(configMap.data ?? {})) {
        expect(key, configMap.metadata.name).not.toMatch(/PASSWORD|TOKEN|SECRET/);
      }
    }
    const chartSecret = rendered.ofKind('Secret').find((s) => s.metadata.name === 'slipstream-credentials');
    for (const [name, pod] of podSpecs(rendered)) {
      for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
        for (const variable of container.env ?? []) {
          if (/PASSWORD|TOKEN/.test(variable.name))
            expect(variable.valueFrom?.secretKeyRef, `${name} ${variable.name}`).toBeDefined();
          const ref = variable.valueFrom?.secretKeyRef;
          // An optional key (an F1 TV token) is one the operator adds; the chart cannot generate it.
          if (ref && !ref.optional && chartSecret && ref.name === chartSecret.metadata.name) {
            expect(Object.keys(chartSecret.data), `${name} ${variable.name}`).toContain(ref.key);
          }
        }
      }
    }
  });

  it('provisions in a hook Job before the services need it, with the provisioner and migrator users', () => {
    const job = rendered.find('Job', 'slipstream-provision');
    const [container] = job.spec.template.spec.containers;
    expect(container.command).toEqual(['node', 'services/projection/dist/provision.js']);
    expect(container.image).toMatch(/\/slipstream-projection:/);
    const env = containerEnv(rendered, container);
    expect(env.get('NATS_USER')).toBe('slipstream-provisioner');
    expect(env.get('NATS_PROVISION')).toBe('true');
    if (env.has('CLICKHOUSE_URL')) expect(env.get('CLICKHOUSE_USER')).toBe('slipstream_migrator');
    expect(job.metadata.annotations['helm.sh/hook']).toMatch(/pre-upgrade/);
    const secret = rendered.ofKind('Secret').find((s) => s.metadata.name === 'slipstream-credentials');
    if (secret) {
      // Hooks run by weight: the Secret first, then the Job.
      expect(Number(secret.metadata.annotations['helm.sh/hook-weight'])).toBeLessThan(
        Number(job.metadata.annotations['helm.sh/hook-weight']),
      );
      expect(secret.metadata.annotations['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    }
  });
});

describe('the chart with its defaults (bundled NATS and ClickHouse)', () => {
  it('runs each service with its own NATS user and its password from the credentials Secret', () => {
    const users = new Set<string>();
    for (const service of SERVICES) {
      const deployment = defaults.find('Deployment', `slipstream-${service.name}`);
      const env = containerEnv(defaults, deployment.spec.template.spec.containers[0]);
      users.add(env.get('NATS_USER') as string);
      expect(env.get('NATS_URL')).toBe('nats://slipstream-nats:4222');
      expect(env.get('NATS_PASSWORD')).toEqual({
        secret: 'slipstream-credentials',
        key: `nats-${service.name}-password`,
      });
      expect(env.get('NATS_PROVISION')).toBe('false');
    }
    expect(users.size).toBe(SERVICES.length);
  });

  it('provisions after install (the bundled servers do not exist before) and before upgrades', () => {
    const job = defaults.find('Job', 'slipstream-provision');
    expect(job.metadata.annotations['helm.sh/hook']).toBe('post-install,pre-upgrade');
    const access = job.spec.template.spec.initContainers[0];
    expect(access.command).toEqual(['node', '/scripts/clickhouse-access.mjs']);
    const env = containerEnv(defaults, access);
    expect(env.get('CLICKHOUSE_URL')).toBe('http://clickhouse-slipstream-clickhouse:8123');
    // The Secret and key Altinity's chart reads the default user's password from (defect b).
    expect(env.get('CLICKHOUSE_ADMIN_PASSWORD')).toEqual({
      secret: 'slipstream-clickhouse-admin',
      key: 'password',
    });
    const script = defaults.find('ConfigMap', 'slipstream-clickhouse-access');
    expect(script.data['clickhouse-access.mjs']).toContain('WITH REPLACE OPTION');
    expect(script.metadata.annotations['helm.sh/hook']).toBe('post-install,pre-upgrade');
  });

  it('connects projection to ClickHouse as the least-privileged projection user and leaves migrations to the Job', () => {
    const env = containerEnv(
      defaults,
      defaults.find('Deployment', 'slipstream-projection').spec.template.spec.containers[0],
    );
    expect(env.get('CLICKHOUSE_URL')).toBe('http://clickhouse-slipstream-clickhouse:8123');
    expect(env.get('CLICKHOUSE_USER')).toBe('slipstream_projection');
    expect(env.get('CLICKHOUSE_PASSWORD')).toEqual({
      secret: 'slipstream-credentials',
      key: 'clickhouse-projection-password',
    });
    expect(env.get('CLICKHOUSE_MIGRATE')).toBe('false');
  });

  it('rolls single-writer services with Recreate and the others without downtime', () => {
    expect(defaults.find('Deployment', 'slipstream-ingestion').spec.strategy).toEqual({ type: 'Recreate' });
    // One live-timing normalizer at a time: two would each see part of a session.
    expect(defaults.find('Deployment', 'slipstream-normalization').spec.strategy).toEqual({
      type: 'Recreate',
    });
    expect(defaults.find('Deployment', 'slipstream-projection').spec.strategy.rollingUpdate).toEqual({
      maxSurge: 1,
      maxUnavailable: 0,
    });
  });

  it('fences each service with a NetworkPolicy: DNS and NATS for all, ClickHouse for projection, HTTPS for ingestion only', () => {
    const egressPorts = (name: string) =>
      defaults
        .find('NetworkPolicy', name)
        .spec.egress.flatMap((rule: K8sObject) => rule.ports.map((port: K8sObject) => port.port))
        .sort();
    expect(egressPorts('slipstream-ingestion')).toEqual([4222, 443, 53, 53]);
    expect(egressPorts('slipstream-projection')).toEqual([4222, 53, 53, 8123, 8443]);
    for (const name of ['telemetry-replay', 'normalization', 'live-gateway']) {
      expect(egressPorts(`slipstream-${name}`)).toEqual([4222, 53, 53]);
    }
    for (const service of SERVICES) {
      const policy = defaults.find('NetworkPolicy', `slipstream-${service.name}`);
      const pods = defaults.find('Deployment', `slipstream-${service.name}`).spec.template.metadata.labels;
      expect(labelsMatch(policy.spec.podSelector.matchLabels, pods)).toBe(true);
      expect(policy.spec.ingress[0].ports).toEqual([{ port: 'http', protocol: 'TCP' }]);
    }
  });

  it('changes the pod template checksum when configuration changes, so pods roll', () => {
    const checksum = (rendered: Rendered) =>
      rendered.find('Deployment', 'slipstream-live-gateway').spec.template.metadata.annotations[
        'checksum/config'
      ];
    expect(checksum(render({ values: [{ liveGateway: { tickMs: 500 } }] }))).not.toBe(checksum(defaults));
    expect(checksum(render())).toBe(checksum(defaults));
  });

  it('renders large numbers in full: Helm reads values as floats, so numbers go through int', () => {
    const rendered = render({ values: [{ liveGateway: { maxConnections: 1_000_000 } }] });
    expect(rendered.find('ConfigMap', 'slipstream-live-gateway').data.GATEWAY_MAX_CONNECTIONS).toBe(
      '1000000',
    );
  });

  it('creates no Ingress, ServiceMonitor or dashboard unless asked', () => {
    expect(defaults.ofKind('Ingress')).toEqual([]);
    expect(defaults.ofKind('ServiceMonitor')).toEqual([]);
    expect(defaults.all.filter((o) => o.metadata.name.endsWith('grafana-dashboard'))).toEqual([]);
  });

  it('tells the user how to reach the gateway and the query API', () => {
    expect(defaults.notes).toContain('port-forward svc/slipstream-live-gateway 3005');
    expect(defaults.notes).toContain('http://localhost:3004/docs');
  });
});

describe('the chart with external NATS and ClickHouse (ci/external-values.yaml)', () => {
  it('provisions before install: nothing it needs comes with the release', () => {
    expect(external.find('Job', 'slipstream-provision').metadata.annotations['helm.sh/hook']).toBe(
      'pre-install,pre-upgrade',
    );
  });

  it('reads credentials from the existing Secret and creates none', () => {
    expect(external.ofKind('Secret')).toEqual([]);
    const env = containerEnv(
      external,
      external.find('Deployment', 'slipstream-live-gateway').spec.template.spec.containers[0],
    );
    expect(env.get('NATS_PASSWORD')).toEqual({
      secret: 'slipstream-credentials-managed',
      key: 'nats-live-gateway-password',
    });
    expect(env.get('GATEWAY_AUTH_TOKEN')).toEqual({
      secret: 'slipstream-credentials-managed',
      key: 'gateway-auth-token',
    });
    const access = external.find('Job', 'slipstream-provision').spec.template.spec.initContainers[0];
    expect(containerEnv(external, access).get('CLICKHOUSE_ADMIN_PASSWORD')).toEqual({
      secret: 'clickhouse-admin',
      key: 'password',
    });
  });

  it('uses the external endpoints and image tag', () => {
    const projection = external.find('Deployment', 'slipstream-projection').spec.template.spec.containers[0];
    expect(projection.image).toBe('ghcr.io/slipstream-f1/slipstream-projection:3f9c2d1');
    const env = containerEnv(external, projection);
    expect(env.get('CLICKHOUSE_URL')).toBe('https://clickhouse.analytics.svc:8443');
    expect(String(env.get('NATS_URL')).split(',')).toHaveLength(3);
  });

  it('publishes Socket.io through a WebSocket-friendly Ingress and the query API beside it', () => {
    const gateway = external.find('Ingress', 'slipstream-live-gateway');
    expect(gateway.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
      'nginx.ingress.kubernetes.io/affinity': 'cookie',
    });
    const paths = (ingress: K8sObject) =>
      ingress.spec.rules[0].http.paths.map((p: K8sObject) => [p.path, p.backend.service.name]);
    expect(paths(gateway)).toContainEqual(['/socket.io', 'slipstream-live-gateway']);
    expect(paths(external.find('Ingress', 'slipstream-query-api'))).toEqual([
      ['/v1', 'slipstream-projection'],
      ['/docs', 'slipstream-projection'],
    ]);
    expect(gateway.spec.tls).toEqual([
      { hosts: ['slipstream.example.org'], secretName: 'slipstream-example-org-tls' },
    ]);
  });

  it('scrapes /metrics of every service and ships the Grafana dashboard', () => {
    const [monitor] = external.ofKind('ServiceMonitor');
    expect(monitor.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(monitor.spec.endpoints).toEqual([
      { port: 'http', path: '/metrics', interval: '30s', scrapeTimeout: '10s' },
    ]);
    for (const service of external.ofKind('Service')) {
      expect(labelsMatch(monitor.spec.selector.matchLabels, service.metadata.labels)).toBe(true);
    }
    const dashboard = JSON.parse(
      external.find('ConfigMap', 'slipstream-grafana-dashboard').data['slipstream.json'],
    );
    expect(dashboard.panels.length).toBeGreaterThan(3);
    expect(external.find('ConfigMap', 'slipstream-grafana-dashboard').metadata.labels.grafana_dashboard).toBe(
      '1',
    );
  });

  it('leaves out telemetry-replay when it is disabled', () => {
    expect(external.all.filter((o) => o.metadata.name === 'slipstream-telemetry-replay')).toEqual([]);
  });
});

describe('the chart with embedded chDB (ci/embedded-chdb-values.yaml)', () => {
  it('runs projection on chDB with a kept volume and lets it migrate itself', () => {
    const deployment = embedded.find('Deployment', 'slipstream-projection');
    const env = containerEnv(embedded, deployment.spec.template.spec.containers[0]);
    expect(env.has('CLICKHOUSE_URL')).toBe(false);
    expect(env.get('CHDB_PATH')).toBe('/data/chdb');
    expect(env.get('CLICKHOUSE_MIGRATE')).toBe('true');
    const claim = embedded.find('PersistentVolumeClaim', 'slipstream-projection-chdb');
    expect(claim.metadata.annotations['helm.sh/resource-policy']).toBe('keep');
    expect(deployment.spec.template.spec.volumes).toContainEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'slipstream-projection-chdb' },
    });
    const job = embedded.find('Job', 'slipstream-provision');
    expect(job.spec.template.spec.initContainers).toBeUndefined();
    expect(containerEnv(embedded, job.spec.template.spec.containers[0]).get('CLICKHOUSE_MIGRATE')).toBe(
      'false',
    );
  });
});

describe('chart guards', () => {
  it('refuses a second projection replica on embedded chDB', () => {
    expect(() =>
      render({ values: [{ clickhouse: { enabled: false }, projection: { replicaCount: 2 } }] }),
    ).toThrow(/projection.replicaCount must be 1 with embedded chDB/);
  });

  it('derives every Secret name from the release, for any release name (defect a)', () => {
    const rendered = render({ releaseName: 'f1' });
    const secrets = new Set(rendered.ofKind('Secret').map((secret) => secret.metadata.name));
    expect(secrets).toEqual(new Set(['f1-credentials', 'slipstream-clickhouse-admin']));
    for (const [, pod] of podSpecs(rendered)) {
      for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
        for (const variable of container.env ?? []) {
          const ref = variable.valueFrom?.secretKeyRef;
          if (ref) expect(secrets, `${container.name} ${variable.name}`).toContain(ref.name);
        }
      }
    }
  });

  it('requires an endpoint when NATS is not bundled', () => {
    expect(() => render({ values: [{ nats: { enabled: false } }] })).toThrow(
      /natsConnection.externalUrl is required/,
    );
  });
});

describe('bundled NATS extras', () => {
  it('accepts plain variables beside the password references', () => {
    const rendered = render({ values: [{ nats: { container: { env: { GOMEMLIMIT: '900MiB' } } } }] });
    expect(rendered.find('Secret', 'slipstream-credentials')).toBeDefined();
  });
});

describe('bundled ClickHouse admin and the bundled servers’ fences (defect b)', () => {
  it('gives the default user a generated password in the Secret Altinity reads, never 0.0.0.0/0', () => {
    const values = loadValues(chartDir).clickhouse.clickhouse.defaultUser;
    expect(values).not.toHaveProperty('existingSecret');
    expect(values.allowExternalAccess).toBe(false);
    expect(values.hostIP).not.toBe('0.0.0.0/0');
    const secret = defaults.find('Secret', values.password_secret_name);
    expect(Buffer.from(secret.data.password, 'base64').toString()).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(() =>
      render({ values: [{ clickhouse: { clickhouse: { defaultUser: { allowExternalAccess: true } } } }] }),
    ).toThrow(/values don't meet the specifications|opens the admin user to 0.0.0.0\/0/);
  });

  it('admits only the release’s own pods to the bundled NATS and ClickHouse', () => {
    for (const name of ['slipstream-nats', 'slipstream-clickhouse']) {
      const policy = defaults.find('NetworkPolicy', name);
      expect(policy.spec.policyTypes).toEqual(['Ingress']);
      expect(policy.spec.ingress[0].from).toEqual([
        { podSelector: { matchLabels: { 'app.kubernetes.io/instance': 'slipstream' } } },
      ]);
    }
    expect(defaults.find('NetworkPolicy', 'slipstream-clickhouse').spec.podSelector.matchLabels).toEqual({
      'clickhouse.altinity.com/chi': 'slipstream-clickhouse',
    });
    expect(external.all.filter((o) => /-(nats|clickhouse)$/.test(o.metadata.name))).toEqual([]);
  });
});

describe('generated credentials', () => {
  it('start with a letter, so nats-server can read them as variables (a leading digit fails its parser)', () => {
    for (let render_ = 0; render_ < 5; render_++) {
      const secret = render().find('Secret', 'slipstream-credentials');
      for (const [key, value] of Object.entries<string>(secret.data)) {
        expect(Buffer.from(value, 'base64').toString(), key).toMatch(/^[A-Za-z][A-Za-z0-9]{31}$/);
      }
    }
  });
});

describe('stream replicas (defect e)', () => {
  const replicasOf = (rendered: Rendered) =>
    containerEnv(rendered, rendered.find('Job', 'slipstream-provision').spec.template.spec.containers[0]).get(
      'NATS_STREAM_REPLICAS',
    );

  it('leaves replicas to the streams unless set, and passes the clustered value to the Job', () => {
    expect(replicasOf(defaults)).toBe('');
    expect(replicasOf(byName['clustered-nats-values.yaml'])).toBe('3');
    expect(() => render({ values: [{ provisioning: { streamReplicas: 7 } }] })).toThrow(/streamReplicas/);
  });
});
