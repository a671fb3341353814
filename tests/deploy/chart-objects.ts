import { helmNotes, helmTemplate, type TemplateOptions } from './helm';

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are untyped JSON */
export type K8sObject = Record<string, any>;

export interface Rendered {
  yaml: string;
  all: K8sObject[];
  /** NOTES.txt as Helm prints it after an install (rendered on first read). */
  readonly notes: string;
  find(kind: string, name: string): K8sObject;
  ofKind(kind: string): K8sObject[];
}

/** The chart rendered by the real `helm template` (tests/deploy/helm.ts says which chart copy). */
export function render(options: TemplateOptions = {}): Rendered {
  const { yaml, objects } = helmTemplate(options);
  const all = objects as K8sObject[];
  const ofKind = (kind: string) => all.filter((object) => object.kind === kind);
  let notes: string | undefined;
  return {
    yaml,
    all,
    ofKind,
    get notes() {
      return (notes ??= helmNotes(options));
    },
    find(kind, name) {
      const found = all.find((object) => object.kind === kind && object.metadata?.name === name);
      if (!found) {
        const names = ofKind(kind).map((object) => object.metadata?.name);
        throw new Error(`no ${kind} ${name}; rendered: ${names.join(', ')}`);
      }
      return found;
    },
  };
}

/** Every environment variable a Deployment or Job container gets, with where its value comes from. */
export function containerEnv(
  rendered: Rendered,
  container: K8sObject,
): Map<string, string | { secret: string; key: string }> {
  const env = new Map<string, string | { secret: string; key: string }>();
  for (const source of container.envFrom ?? []) {
    const configMap = rendered.find('ConfigMap', source.configMapRef.name);
    for (const [name, value] of Object.entries(configMap.data ?? {})) env.set(name, value as string);
  }
  for (const variable of container.env ?? []) {
    if (variable.valueFrom?.secretKeyRef) {
      env.set(variable.name, {
        secret: variable.valueFrom.secretKeyRef.name,
        key: variable.valueFrom.secretKeyRef.key,
      });
    } else env.set(variable.name, variable.value ?? '');
  }
  return env;
}

export function labelsMatch(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}
