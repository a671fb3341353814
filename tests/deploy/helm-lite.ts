/**
 * Renders charts/slipstream without a helm binary: a Go-template interpreter for the subset of
 * Helm's language the chart uses (if/else/range/with/define, variables, pipelines, and the sprig
 * functions listed in FUNCTIONS). A template that steps outside the subset fails to render, which
 * is how "keep templates logic-light" is enforced. Subcharts (NATS, ClickHouse) are not rendered.
 */
import { createHash, randomInt } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseAllDocuments, parse as parseYaml, stringify as stringifyYaml } from 'yaml';

type Value = unknown;
type Dict = Record<string, Value>;

// ---------------------------------------------------------------- lexing

interface TextToken {
  kind: 'text';
  text: string;
}
interface ActionToken {
  kind: 'action';
  source: string;
  trimLeft: boolean;
  trimRight: boolean;
  line: number;
}
type Token = TextToken | ActionToken;

function lex(template: string, name: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < template.length) {
    const open = template.indexOf('{{', position);
    if (open < 0) {
      tokens.push({ kind: 'text', text: template.slice(position) });
      break;
    }
    tokens.push({ kind: 'text', text: template.slice(position, open) });
    let cursor = open + 2;
    const trimLeft = template[cursor] === '-' && /\s/.test(template[cursor + 1] ?? '');
    if (trimLeft) cursor += 1;
    let quote: string | null = null;
    let close = -1;
    const commentStart = /^\s*\/\*/.exec(template.slice(cursor, cursor + 4));
    const scanFrom = commentStart ? template.indexOf('*/', cursor) + 2 : cursor;
    if (commentStart && scanFrom < 2) throw new Error(`${name}: unclosed comment at offset ${open}`);
    for (let i = scanFrom; i < template.length; i++) {
      const char = template[i];
      if (quote) {
        if (char === '\\' && quote === '"') i++;
        else if (char === quote) quote = null;
      } else if (char === '"' || char === '`') quote = char;
      else if (char === '}' && template[i + 1] === '}') {
        close = i;
        break;
      }
    }
    if (close < 0) throw new Error(`${name}: unclosed action at offset ${open}`);
    let end = close;
    const trimRight = template[close - 1] === '-' && /\s/.test(template[close - 2] ?? '');
    if (trimRight) end -= 1;
    const line = template.slice(0, open).split('\n').length;
    tokens.push({ kind: 'action', source: template.slice(cursor, end).trim(), trimLeft, trimRight, line });
    position = close + 2;
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'action') continue;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (token.trimLeft && before?.kind === 'text') before.text = before.text.replace(/\s+$/, '');
    if (token.trimRight && after?.kind === 'text') after.text = after.text.replace(/^\s+/, '');
  }
  return tokens;
}

// ---------------------------------------------------------------- expressions

type Expr =
  | { type: 'literal'; value: Value }
  | { type: 'field'; base: 'dot' | { variable: string } | { expr: Expr }; path: string[] }
  | { type: 'call'; name: string; args: Expr[] }
  | { type: 'pipeline'; commands: Expr[][] };

const TOKEN_PATTERN =
  /\s*(?:("(?:[^"\\]|\\.)*")|(`[^`]*`)|(-?\d+(?:\.\d+)?)|(:=|=|\||\(|\)|,)|(\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)|(\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*|\.)|([A-Za-z_][A-Za-z0-9_]*))/y;

interface ExprToken {
  text: string;
  kind: 'string' | 'number' | 'punct' | 'variable' | 'field' | 'ident';
  /** A field chain written right after a closing parenthesis, as in `(lookup ...).data`. */
  glued: boolean;
}

function tokenizeExpr(source: string): ExprToken[] {
  const tokens: ExprToken[] = [];
  TOKEN_PATTERN.lastIndex = 0;
  let index = 0;
  while (index < source.length) {
    if (/^\s*$/.test(source.slice(index))) break;
    TOKEN_PATTERN.lastIndex = index;
    const match = TOKEN_PATTERN.exec(source);
    if (!match) throw new Error(`cannot parse "${source.slice(index)}" in {{ ${source} }}`);
    const glued = match[0][0] !== ' ' && index > 0 && source[index - 1] === ')';
    index = TOKEN_PATTERN.lastIndex;
    if (match[1]) tokens.push({ text: match[1], kind: 'string', glued });
    else if (match[2]) tokens.push({ text: match[2], kind: 'string', glued });
    else if (match[3]) tokens.push({ text: match[3], kind: 'number', glued });
    else if (match[4]) tokens.push({ text: match[4], kind: 'punct', glued });
    else if (match[5]) tokens.push({ text: match[5], kind: 'variable', glued });
    else if (match[6]) tokens.push({ text: match[6], kind: 'field', glued });
    else tokens.push({ text: match[7], kind: 'ident', glued });
  }
  return tokens;
}

class ExprParser {
  private index = 0;
  constructor(private readonly tokens: ExprToken[]) {}

  done(): boolean {
    return this.index >= this.tokens.length;
  }

  peek(): ExprToken | undefined {
    return this.tokens[this.index];
  }

  next(): ExprToken {
    const token = this.tokens[this.index++];
    if (!token) throw new Error('unexpected end of expression');
    return token;
  }

  pipeline(): Expr {
    const commands: Expr[][] = [this.command()];
    while (this.peek()?.text === '|') {
      this.next();
      commands.push(this.command());
    }
    return { type: 'pipeline', commands };
  }

  private command(): Expr[] {
    const operands: Expr[] = [];
    while (!this.done() && !['|', ')', ','].includes(this.peek()!.text)) operands.push(this.operand());
    if (operands.length === 0) throw new Error('empty command');
    return operands;
  }

  private operand(): Expr {
    const token = this.next();
    let expr: Expr;
    switch (token.kind) {
      case 'string':
        expr = {
          type: 'literal',
          value: token.text.startsWith('`') ? token.text.slice(1, -1) : JSON.parse(token.text),
        };
        break;
      case 'number':
        expr = { type: 'literal', value: Number(token.text) };
        break;
      case 'variable': {
        const [variable, ...path] = token.text.split('.');
        expr = { type: 'field', base: { variable }, path };
        break;
      }
      case 'field':
        expr = { type: 'field', base: 'dot', path: token.text === '.' ? [] : token.text.slice(1).split('.') };
        break;
      case 'ident':
        if (token.text === 'true' || token.text === 'false')
          expr = { type: 'literal', value: token.text === 'true' };
        else if (token.text === 'nil') expr = { type: 'literal', value: null };
        else expr = { type: 'call', name: token.text, args: [] };
        break;
      case 'punct':
        if (token.text !== '(') throw new Error(`unexpected "${token.text}"`);
        expr = this.pipeline();
        if (this.next().text !== ')') throw new Error('expected ")"');
        break;
    }
    const after = this.peek();
    if (after?.kind === 'field' && after.glued) {
      this.next();
      expr = { type: 'field', base: { expr }, path: after.text.slice(1).split('.') };
    }
    return expr;
  }
}

function parseExpr(source: string): Expr {
  const parser = new ExprParser(tokenizeExpr(source));
  const expr = parser.pipeline();
  if (!parser.done()) throw new Error(`unexpected "${parser.peek()!.text}" in {{ ${source} }}`);
  return expr;
}

// ---------------------------------------------------------------- statements

type Node =
  | { type: 'text'; text: string }
  | { type: 'output'; expr: Expr; line: number }
  | { type: 'assign'; variable: string; declare: boolean; expr: Expr }
  | { type: 'if'; branches: Array<{ condition: Expr; body: Node[] }>; otherwise: Node[] }
  | { type: 'with'; expr: Expr; body: Node[]; otherwise: Node[] }
  | { type: 'range'; keyVar?: string; valueVar?: string; expr: Expr; body: Node[]; otherwise: Node[] };

const KEYWORD = /^(if|else if|else|end|range|with|define|template|block)\b\s*([\s\S]*)$/;

class TemplateParser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly file: string,
    private readonly defines: Map<string, Node[]>,
  ) {}

  parse(): Node[] {
    const [body, terminator] = this.block();
    if (terminator) throw new Error(`${this.file}: unexpected {{ ${terminator} }}`);
    return body;
  }

  /** Reads nodes until {{ end }} or {{ else … }}, which it returns. */
  private block(): [Node[], string | null] {
    const nodes: Node[] = [];
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index++];
      if (token.kind === 'text') {
        if (token.text) nodes.push({ type: 'text', text: token.text });
        continue;
      }
      const source = token.source;
      if (source.startsWith('/*')) continue;
      try {
        const keyword = KEYWORD.exec(source);
        if (!keyword) {
          nodes.push(this.simple(source, token.line));
          continue;
        }
        const [, word, rest] = keyword;
        if (word === 'end' || word === 'else' || word === 'else if') return [nodes, source];
        if (word === 'template' || word === 'block')
          throw new Error(`{{ ${word} }} is outside the subset; use include`);
        if (word === 'define') {
          const name = JSON.parse(rest.trim()) as string;
          const [body, terminator] = this.block();
          if (terminator !== 'end') throw new Error(`define "${name}" must close with end`);
          this.defines.set(name, body);
          continue;
        }
        if (word === 'if') nodes.push(this.ifNode(rest));
        else if (word === 'with') {
          const [body, terminator] = this.block();
          const otherwise = terminator === 'else' ? this.closeBlock() : [];
          nodes.push({ type: 'with', expr: parseExpr(rest), body, otherwise });
        } else if (word === 'range') {
          const declaration = /^(\$\w+)(?:\s*,\s*(\$\w+))?\s*:=\s*([\s\S]+)$/.exec(rest);
          const expr = parseExpr(declaration ? declaration[3] : rest);
          const [body, terminator] = this.block();
          const otherwise = terminator === 'else' ? this.closeBlock() : [];
          const [keyVar, valueVar] = declaration?.[2]
            ? [declaration[1], declaration[2]]
            : [undefined, declaration?.[1]];
          nodes.push({ type: 'range', keyVar, valueVar, expr, body, otherwise });
        }
      } catch (error) {
        throw new Error(`${this.file}:${token.line}: ${(error as Error).message}`, { cause: error });
      }
    }
    return [nodes, null];
  }

  private closeBlock(): Node[] {
    const [body, terminator] = this.block();
    if (terminator !== 'end') throw new Error(`expected {{ end }}, got {{ ${terminator} }}`);
    return body;
  }

  private ifNode(condition: string): Node {
    const branches: Array<{ condition: Expr; body: Node[] }> = [];
    let current = condition;
    for (;;) {
      const [body, terminator] = this.block();
      branches.push({ condition: parseExpr(current), body });
      if (terminator === 'end') return { type: 'if', branches, otherwise: [] };
      if (terminator === 'else') return { type: 'if', branches, otherwise: this.closeBlock() };
      if (terminator?.startsWith('else if')) {
        current = terminator.slice('else if'.length);
        continue;
      }
      throw new Error('unclosed if');
    }
  }

  private simple(source: string, line: number): Node {
    const assignment = /^(\$\w+)\s*(:=|=)\s*([\s\S]+)$/.exec(source);
    if (assignment) {
      return {
        type: 'assign',
        variable: assignment[1],
        declare: assignment[2] === ':=',
        expr: parseExpr(assignment[3]),
      };
    }
    return { type: 'output', expr: parseExpr(source), line };
  }
}

// ---------------------------------------------------------------- evaluation

export function truthy(value: Value): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as Dict).length > 0;
  return true;
}

/** Go's %v: Helm reads values files into float64, so 1000000 prints as 1e+06 unless passed through int. */
export function goString(value: Value): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
    const exponent = value === 0 ? 0 : Math.floor(Math.log10(Math.abs(value)));
    if (exponent < -4 || exponent >= 21 || (Number.isInteger(value) && exponent >= 6)) {
      const [mantissa, power] = value.toExponential().split('e');
      const sign = power.startsWith('-') ? '-' : '+';
      return `${mantissa}e${sign}${power.replace(/^[+-]/, '').padStart(2, '0')}`;
    }
    return String(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (value instanceof IntValue) return String(value.value);
  throw new Error(`cannot print a ${Array.isArray(value) ? 'list' : 'map'} directly; use toYaml or toJson`);
}

/** An int64 as produced by `int`: prints without exponent. */
class IntValue {
  constructor(readonly value: number) {}
}
const numeric = (value: Value): number => (value instanceof IntValue ? value.value : Number(value ?? 0));
const unwrap = (value: Value): Value => (value instanceof IntValue ? value.value : value);

function sortedKeys(value: Value): Value {
  value = unwrap(value);
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Dict)
        .sort()
        .map((key) => [key, sortedKeys((value as Dict)[key])]),
    );
  }
  return value;
}

function goQuote(value: Value): string {
  return JSON.stringify(goString(value));
}

type Fn = (...args: Value[]) => Value;

class Scope {
  private readonly variables = new Map<string, Value>();
  constructor(private readonly parent?: Scope) {}
  get(name: string): Value {
    if (this.variables.has(name)) return this.variables.get(name);
    if (this.parent) return this.parent.get(name);
    throw new Error(`undefined variable ${name}`);
  }
  declare(name: string, value: Value): void {
    this.variables.set(name, value);
  }
  assign(name: string, value: Value): void {
    if (this.variables.has(name)) this.variables.set(name, value);
    else if (this.parent) this.parent.assign(name, value);
    else throw new Error(`assignment to undeclared ${name}`);
  }
}

export class HelmLite {
  private readonly defines = new Map<string, Node[]>();
  private readonly functions: Record<string, Fn>;

  constructor(private readonly chartDir: string) {
    this.functions = this.buildFunctions();
  }

  loadTemplates(): Map<string, Node[]> {
    const files = new Map<string, Node[]>();
    for (const file of readdirSync(join(this.chartDir, 'templates')).sort()) {
      const source = readFileSync(join(this.chartDir, 'templates', file), 'utf8');
      const nodes = new TemplateParser(lex(source, file), file, this.defines).parse();
      if (!file.startsWith('_')) files.set(file, nodes);
    }
    return files;
  }

  renderNodes(nodes: Node[], dot: Value, scope: Scope): string {
    let out = '';
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          out += node.text;
          break;
        case 'output':
          out += goString(this.evaluate(node.expr, dot, scope));
          break;
        case 'assign': {
          const value = this.evaluate(node.expr, dot, scope);
          if (node.declare) scope.declare(node.variable, value);
          else scope.assign(node.variable, value);
          break;
        }
        case 'if': {
          const branch = node.branches.find((candidate) =>
            truthy(this.evaluate(candidate.condition, dot, scope)),
          );
          out += this.renderNodes(branch ? branch.body : node.otherwise, dot, new Scope(scope));
          break;
        }
        case 'with': {
          const value = this.evaluate(node.expr, dot, scope);
          out += truthy(value)
            ? this.renderNodes(node.body, value, new Scope(scope))
            : this.renderNodes(node.otherwise, dot, new Scope(scope));
          break;
        }
        case 'range': {
          const collection = unwrap(this.evaluate(node.expr, dot, scope));
          const entries: Array<[Value, Value]> = Array.isArray(collection)
            ? collection.map((item, i) => [i, item])
            : collection && typeof collection === 'object'
              ? Object.keys(collection as Dict)
                  .sort()
                  .map((key) => [key, (collection as Dict)[key]])
              : [];
          if (entries.length === 0) {
            out += this.renderNodes(node.otherwise, dot, new Scope(scope));
            break;
          }
          for (const [key, item] of entries) {
            const inner = new Scope(scope);
            if (node.keyVar) inner.declare(node.keyVar, key);
            if (node.valueVar) inner.declare(node.valueVar, item);
            out += this.renderNodes(node.body, item, inner);
          }
          break;
        }
      }
    }
    return out;
  }

  private evaluate(expr: Expr, dot: Value, scope: Scope): Value {
    switch (expr.type) {
      case 'literal':
        return expr.value;
      case 'field': {
        let base: Value;
        if (expr.base === 'dot') base = dot;
        else if ('variable' in expr.base) base = scope.get(expr.base.variable);
        else base = this.evaluate(expr.base.expr, dot, scope);
        return this.walk(base, expr.path);
      }
      case 'call':
        return this.call(expr.name, [], dot, scope);
      case 'pipeline': {
        let previous: Value | typeof NO_VALUE = NO_VALUE;
        for (const command of expr.commands) previous = this.command(command, previous, dot, scope);
        return previous;
      }
    }
  }

  private command(operands: Expr[], piped: Value, dot: Value, scope: Scope): Value {
    const [head, ...rest] = operands;
    if (head.type === 'call' && (head.name === 'and' || head.name === 'or')) {
      // Go's and/or stop at the first operand that decides, so `and .a .a.b` is safe when .a is nil.
      const lazy = rest.map((operand) => () => this.evaluate(operand, dot, scope));
      if (piped !== NO_VALUE) lazy.push(() => piped);
      let value: Value = undefined;
      for (const next of lazy) {
        value = next();
        if (head.name === 'and' ? !truthy(value) : truthy(value)) return value;
      }
      return value;
    }
    const args = rest.map((operand) => this.evaluate(operand, dot, scope));
    if (piped !== NO_VALUE) args.push(piped);
    if (head.type === 'call') return this.call(head.name, args, dot, scope);
    const value = this.evaluate(head, dot, scope);
    if (typeof value === 'function') return (value as Fn)(...args);
    if (args.length > 0) throw new Error('cannot pass arguments to a non-function');
    return value;
  }

  private walk(base: Value, path: string[]): Value {
    let current = base;
    for (const segment of path) {
      current = unwrap(current);
      if (current === null || current === undefined) throw new Error(`nil pointer evaluating .${segment}`);
      if (typeof current !== 'object') throw new Error(`cannot read .${segment} of a ${typeof current}`);
      current = (current as Dict)[segment];
    }
    return current;
  }

  private call(name: string, args: Value[], dot: Value, scope: Scope): Value {
    if (name === 'include') {
      const [templateName, context] = args as [string, Value];
      const body = this.defines.get(templateName);
      if (!body) throw new Error(`no template "${templateName}"`);
      const inner = new Scope();
      inner.declare('$', context);
      return this.renderNodes(body, context, inner);
    }
    if (name === 'tpl') {
      const [source, context] = args as [string, Value];
      const nodes = new TemplateParser(lex(source, 'tpl'), 'tpl', this.defines).parse();
      const inner = new Scope();
      inner.declare('$', context);
      return this.renderNodes(nodes, context, inner);
    }
    void dot;
    void scope;
    const fn = this.functions[name];
    if (!fn) throw new Error(`function "${name}" is outside the subset helm-lite renders`);
    return fn(...args);
  }

  private buildFunctions(): Record<string, Fn> {
    const s = (value: Value) => goString(value);
    return {
      dict: (...pairs) => {
        const result: Dict = {};
        for (let i = 0; i < pairs.length; i += 2) result[s(pairs[i])] = pairs[i + 1];
        return result;
      },
      list: (...items) => items,
      get: (map, key) => (map as Dict)?.[s(key)] ?? '',
      hasKey: (map, key) => Object.prototype.hasOwnProperty.call(map ?? {}, s(key)),
      printf: (format, ...args) => {
        let i = 0;
        return s(format).replace(/%[sdvq%]/g, (verb) => {
          if (verb === '%%') return '%';
          const arg = args[i++];
          if (verb === '%q') return goQuote(arg);
          if (verb === '%d') return String(Math.trunc(numeric(arg)));
          return s(arg);
        });
      },
      default: (fallback, value) => (truthy(value) ? value : fallback),
      empty: (value) => !truthy(value),
      required: (message, value) => {
        if (value === null || value === undefined || value === '') throw new Error(s(message));
        return value;
      },
      fail: (message) => {
        throw new Error(s(message));
      },
      quote: (...values) => values.map(goQuote).join(' '),
      toString: (value: Value) => s(value),
      int: (value) => new IntValue(Math.trunc(Number(unwrap(value)) || 0)),
      add: (...values) =>
        new IntValue(values.reduce<number>((sum, value) => sum + Math.trunc(numeric(value)), 0)),
      div: (a, b) => new IntValue(Math.trunc(numeric(a) / numeric(b))),
      eq: (a, ...others) => others.some((other) => unwrap(other) === unwrap(a)),
      ne: (a, b) => unwrap(a) !== unwrap(b),
      gt: (a, b) => numeric(a) > numeric(b),
      lt: (a, b) => numeric(a) < numeric(b),
      and: (...values) => values.find((value) => !truthy(value)) ?? values[values.length - 1],
      or: (...values) => values.find((value) => truthy(value)) ?? values[values.length - 1],
      not: (value) => !truthy(value),
      toYaml: (value) => {
        const text = stringifyYaml(sortedKeys(value) ?? null, { lineWidth: 0 });
        return text.replace(/\n$/, '');
      },
      toJson: (value) => JSON.stringify(sortedKeys(value) ?? null),
      sha256sum: (value) => createHash('sha256').update(s(value)).digest('hex'),
      b64enc: (value) => Buffer.from(s(value)).toString('base64'),
      randAlphaNum: (length) => {
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
        return Array.from({ length: numeric(length) }, () => alphabet[randomInt(alphabet.length)]).join('');
      },
      // `helm template` has no cluster either: lookup returns an empty map there too.
      lookup: () => ({}),
      indent: (width, text) => s(text).replace(/^/gm, ' '.repeat(numeric(width))),
      nindent: (width, text) => '\n' + s(text).replace(/^/gm, ' '.repeat(numeric(width))),
      trunc: (length, text) => s(text).slice(0, numeric(length)),
      trimSuffix: (suffix, text) =>
        s(text).endsWith(s(suffix)) ? s(text).slice(0, -s(suffix).length || undefined) : s(text),
      replace: (from, to, text) => s(text).split(s(from)).join(s(to)),
      contains: (needle, text) => s(text).includes(s(needle)),
      hasSuffix: (suffix, text) => s(text).endsWith(s(suffix)),
    };
  }
}

const NO_VALUE = Symbol('no value');

// ---------------------------------------------------------------- chart rendering

export interface RenderOptions {
  /** Values files (paths) and objects, merged over values.yaml in order. */
  values?: Array<string | Dict>;
  releaseName?: string;
  namespace?: string;
  isUpgrade?: boolean;
}

export interface RenderedChart {
  values: Dict;
  /** Every Kubernetes object, with the template file it came from. */
  objects: Array<{ file: string; object: Dict }>;
  notes: string;
}

export function mergeValues(base: Value, override: Value): Value {
  if (override === null) return undefined;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const result: Dict = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const merged = mergeValues(result[key], value);
    if (merged === undefined) delete result[key];
    else result[key] = merged;
  }
  return result;
}

function isPlainObject(value: Value): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadValues(chartDir: string, layers: Array<string | Dict> = []): Dict {
  let values = parseYaml(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) as Dict;
  for (const layer of layers) {
    const override = typeof layer === 'string' ? (parseYaml(readFileSync(layer, 'utf8')) ?? {}) : layer;
    values = mergeValues(values, override) as Dict;
  }
  return values;
}

export function renderChart(chartDir: string, options: RenderOptions = {}): RenderedChart {
  const engine = new HelmLite(chartDir);
  const templates = engine.loadTemplates();
  const chart = parseYaml(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as Dict;
  const values = loadValues(chartDir, options.values);
  const releaseName = options.releaseName ?? 'slipstream';
  const root: Dict = {
    Values: values,
    Release: {
      Name: releaseName,
      Namespace: options.namespace ?? 'slipstream',
      Service: 'Helm',
      IsInstall: !options.isUpgrade,
      IsUpgrade: Boolean(options.isUpgrade),
    },
    Chart: { Name: chart.name, Version: chart.version, AppVersion: chart.appVersion },
    Files: { Get: (path: Value) => readFileSync(join(chartDir, goString(path)), 'utf8') },
    Capabilities: { KubeVersion: { Version: 'v1.31.0' } },
  };
  const objects: RenderedChart['objects'] = [];
  let notes = '';
  for (const [file, nodes] of templates) {
    const scope = new Scope();
    scope.declare('$', root);
    let output: string;
    try {
      output = engine.renderNodes(nodes, root, scope);
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
    }
    if (file === 'NOTES.txt') {
      notes = output;
      continue;
    }
    for (const document of parseAllDocuments(output)) {
      if (document.errors.length > 0) {
        throw new Error(`${file} renders invalid YAML: ${document.errors[0].message}\n${output}`);
      }
      const object = document.toJS() as Dict | null;
      if (object) objects.push({ file, object });
    }
  }
  return { values, objects, notes };
}
