import { ConfigMap, PersistentVolumeClaim, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';

type Model = new (data: never) => { validate(): void };

/** Models of the kinds the chart renders; kubernetes-models validates against the Kubernetes OpenAPI schemas. */
const MODELS: Record<string, Model> = {
  'v1/ConfigMap': ConfigMap as unknown as Model,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim as unknown as Model,
  'v1/Secret': Secret as unknown as Model,
  'v1/Service': Service as unknown as Model,
  'v1/ServiceAccount': ServiceAccount as unknown as Model,
  'apps/v1/Deployment': Deployment as unknown as Model,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler as unknown as Model,
  'batch/v1/Job': Job as unknown as Model,
  'networking.k8s.io/v1/Ingress': Ingress as unknown as Model,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy as unknown as Model,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget as unknown as Model,
};

/** Custom resources have no model here; the chart test checks their fields itself. */
export const CUSTOM_RESOURCES = new Set(['monitoring.coreos.com/v1/ServiceMonitor']);

export function validateKubernetesObject(object: { apiVersion?: string; kind?: string }): void {
  const key = `${object.apiVersion}/${object.kind}`;
  if (CUSTOM_RESOURCES.has(key)) return;
  const Model = MODELS[key];
  if (!Model) throw new Error(`no Kubernetes model for ${key}`);
  new Model(object as never).validate();
}
