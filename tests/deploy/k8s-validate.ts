/**
 * Strict validation of rendered objects against the Kubernetes OpenAPI schemas that kubernetes-models
 * 4.5.1 is generated from, in two passes:
 *  1. kubernetes-models' own validators (types, enums, required fields, formats). They let unknown
 *     fields through, so on their own `periodSecond:` or a mis-indented NetworkPolicy peer passes.
 *  2. The objects as object literals typed with the models' interfaces, checked by the TypeScript
 *     compiler: excess-property checking rejects every field the schema does not define, at any depth.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

import ts from 'typescript';

import { repoRoot } from './paths';

const require = createRequire(__filename);
/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are untyped JSON */
type K8sObject = Record<string, any>;

/** Custom resources have no model here; the chart tests check their fields themselves. */
export const CUSTOM_RESOURCES = new Set(['monitoring.coreos.com/v1/ServiceMonitor']);

const modelPath = (object: K8sObject) => `kubernetes-models/${object.apiVersion}/${object.kind}`;

function modelValidate(object: K8sObject): void {
  let module: Record<string, new (data: unknown) => { validate(): void }>;
  try {
    module = require(modelPath(object));
  } catch {
    throw new Error(`no Kubernetes schema for ${object.apiVersion}/${object.kind}`);
  }
  const Model = module[object.kind];
  new Model(object).validate();
}

// Parsed declaration files are reused across checks: parsing them is most of a program's cost.
const sourceCache = new Map<string, ts.SourceFile | undefined>();
const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: [],
  lib: ['lib.es2022.d.ts'],
};

function typeCheck(objects: K8sObject[]): string[] {
  const fileName = join(repoRoot, 'tests/deploy/__rendered__.ts');
  const lines = objects.map(
    (object, index) =>
      `import type { I${object.kind} as T${index} } from '${modelPath(object)}';\n` +
      `export const o${index}: T${index} = ${JSON.stringify(object, null, 1)};`,
  );
  const text = lines.join('\n');
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion) => {
    if (name === fileName) return ts.createSourceFile(name, text, languageVersion);
    if (!sourceCache.has(name)) sourceCache.set(name, getSourceFile(name, languageVersion));
    return sourceCache.get(name);
  };
  const program = ts.createProgram([fileName], options, host);
  const source = program.getSourceFile(fileName)!;
  return ts.getPreEmitDiagnostics(program, source).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (diagnostic.start === undefined) return message;
    const { line } = source.getLineAndCharacterOfPosition(diagnostic.start);
    // Name the object the error is in: the last `export const oN` above the error line.
    const before = text.split('\n').slice(0, line + 1);
    const declaration = [...before].reverse().find((l) => l.startsWith('export const o'));
    const index = Number(/export const o(\d+)/.exec(declaration ?? '')?.[1]);
    const object = objects[index];
    return `${object?.kind} ${object?.metadata?.name}: ${message}`;
  });
}

/** Throws, listing every problem, unless all objects conform to their Kubernetes schema exactly. */
export function validateStrict(objects: K8sObject[]): void {
  const problems: string[] = [];
  const modelled = objects.filter((object) => !CUSTOM_RESOURCES.has(`${object.apiVersion}/${object.kind}`));
  for (const object of modelled) {
    try {
      modelValidate(object);
    } catch (error) {
      problems.push(`${object.kind} ${object.metadata?.name}: ${(error as Error).message}`);
    }
  }
  if (problems.length === 0) problems.push(...typeCheck(modelled));
  if (problems.length)
    throw new Error(`objects do not match the Kubernetes schemas:\n${problems.join('\n')}`);
}

export function validateKubernetesObject(object: K8sObject): void {
  validateStrict([object]);
}
