/**
 * Which API operations the web app calls, read from web/src with the TypeScript parser (not a
 * regular expression, so a comment that names a URL is not a call and a URL built from a
 * template, a local constant or a conditional is still found).
 *
 * A call is `api(path, { method })`, `apiUpload(path, file)` (always POST) or `fetch(path, …)`;
 * any other string that names /api/… (an <a href> download, an <img src>, an exported URL for
 * a full page navigation) is a GET. `${…}` in a path stands for one path parameter; a
 * conditional with literal branches (`${active ? 'activate' : 'deactivate'}`) counts as each
 * branch; the query string is ignored.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface WebCall {
  /** GET, POST, …; '*' when the code chooses the method at run time. */
  method: string;
  /** The path as written, `${…}` replaced by `{}`; e.g. /api/citizens/{}/overview. */
  path: string;
  /** file:line, for messages. */
  where: string;
}

const HOLE = '\u0000';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

/** The const initialisers of a file by name, to follow `api(base)` and `${base}/responses`. */
function constants(file: ts.SourceFile): Map<string, ts.Expression> {
  const found = new Map<string, ts.Expression>();
  const visit = (node: ts.Node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isVariableDeclarationList(node.parent) &&
      node.parent.flags & ts.NodeFlags.Const
    ) {
      found.set(node.name.text, node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * Every string an expression may evaluate to, with HOLE for a part only known at run time.
 * `used` collects the literal nodes consumed, so they are not counted again as a bare URL.
 */
function values(
  expr: ts.Expression,
  consts: Map<string, ts.Expression>,
  used: Set<ts.Node>,
  depth = 0,
): string[] {
  if (depth > 8) return [HOLE];
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr)) {
    return values(expr.expression, consts, used, depth + 1);
  }
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) {
    used.add(expr);
    return [expr.text];
  }
  if (ts.isTemplateExpression(expr)) {
    used.add(expr);
    let results = [expr.head.text];
    for (const span of expr.templateSpans) {
      const parts = values(span.expression, consts, used, depth + 1);
      const next: string[] = [];
      for (const r of results) for (const p of parts) next.push(r + p + span.literal.text);
      results = next;
    }
    return results;
  }
  if (ts.isConditionalExpression(expr)) {
    return [
      ...values(expr.whenTrue, consts, used, depth + 1),
      ...values(expr.whenFalse, consts, used, depth + 1),
    ];
  }
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = values(expr.left, consts, used, depth + 1);
    const right = values(expr.right, consts, used, depth + 1);
    return left.flatMap((l) => right.map((r) => l + r));
  }
  if (ts.isIdentifier(expr)) {
    const init = consts.get(expr.text);
    if (init && !ts.isArrowFunction(init) && !ts.isFunctionExpression(init)) {
      return values(init, consts, used, depth + 1);
    }
  }
  return [HOLE];
}

/** Where the API's paths start: the JSON API and the FHIR API (issue 17). */
const apiRoots = ['/api/', '/fhir/R4/'];

/** Keeps the path: drops the query string and anything before /api/; HOLE becomes `{}`. */
function toPath(value: string): string | undefined {
  const starts = apiRoots.map((root) => value.indexOf(root)).filter((i) => i >= 0);
  if (starts.length === 0) return undefined;
  const start = Math.min(...starts);
  const path = value.slice(start).split('?')[0]!.split('#')[0]!;
  return path.replaceAll(HOLE, '{}');
}

function methodOf(
  options: ts.Expression | undefined,
  consts: Map<string, ts.Expression>,
): string[] {
  if (!options) return ['GET'];
  if (!ts.isObjectLiteralExpression(options)) return ['*'];
  let method: string[] = ['GET'];
  for (const p of options.properties) {
    if (ts.isSpreadAssignment(p)) method = ['*'];
    if (ts.isPropertyAssignment(p) && p.name.getText() === 'method') {
      method = values(p.initializer, consts, new Set()).map((m) =>
        m.includes(HOLE) ? '*' : m.toUpperCase(),
      );
    }
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === 'method') method = ['*'];
  }
  return method;
}

const callees: Record<string, 'options' | 'POST'> = {
  api: 'options',
  fetch: 'options',
  apiUpload: 'POST',
};

export function webCalls(webSrc: string): WebCall[] {
  const calls: WebCall[] = [];
  for (const fileName of sourceFiles(webSrc)) {
    const text = readFileSync(fileName, 'utf8');
    const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
    const consts = constants(file);
    const used = new Set<ts.Node>();
    const where = (node: ts.Node) =>
      `web/src/${relative(webSrc, fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

    const visitCalls = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const kind = callees[node.expression.text];
        const [first, second] = node.arguments;
        if (kind && first) {
          const methods = kind === 'POST' ? ['POST'] : methodOf(second, consts);
          for (const value of values(first, consts, used)) {
            const path = toPath(value);
            if (!path) continue;
            for (const method of methods) calls.push({ method, path, where: where(node) });
          }
        }
      }
      ts.forEachChild(node, visitCalls);
    };
    visitCalls(file);

    // Every other literal that names /api/: a link, an image, a URL for a page navigation.
    const visitRest = (node: ts.Node) => {
      if (
        (ts.isStringLiteral(node) ||
          ts.isNoSubstitutionTemplateLiteral(node) ||
          ts.isTemplateExpression(node)) &&
        !used.has(node) &&
        !ts.isImportDeclaration(node.parent) &&
        !ts.isExportDeclaration(node.parent)
      ) {
        for (const value of values(node, consts, new Set())) {
          const path = toPath(value);
          if (path) calls.push({ method: 'GET', path, where: where(node) });
        }
        return;
      }
      ts.forEachChild(node, visitRest);
    };
    visitRest(file);
  }
  return calls;
}

/**
 * Whether a call reaches an OpenAPI operation. A `{}` from the web matches a `{param}` segment;
 * text around it within one segment (`export.xlsx${query}`) must match the literal segment.
 */
export function callMatches(call: WebCall, method: string, openapiPath: string): boolean {
  if (call.method !== '*' && call.method !== method) return false;
  const web = call.path.replace(/\/$/, '').split('/');
  const op = openapiPath.replace(/\/$/, '').split('/');
  if (web.length !== op.length) return false;
  return op.every((segment, i) => {
    const w = web[i]!;
    const isParam = /^\{[^}]+\}$/.test(segment);
    if (w === '{}') return isParam;
    if (isParam) return false;
    if (!w.includes('{}')) return w === segment;
    const pattern = w
      .split('{}')
      .map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('.*');
    return new RegExp(`^${pattern}$`).test(segment);
  });
}
