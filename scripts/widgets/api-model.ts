/**
 * What the API reference (scripts/api-docs.ts) documents, read from the custom elements
 * manifest (elements) and from the TypeScript program of packages/widgets/src/index.ts (event
 * details, the session API), so that both come from the code's own declarations and JSDoc.
 */
import ts from 'typescript';

/** A documented member: name, type as TypeScript prints it, default and description. */
export interface MemberDoc {
  name: string;
  type: string;
  default?: string;
  description: string;
  optional?: boolean;
}

/** An event class: its `detail` fields and whether it can be cancelled. */
export interface EventDoc {
  className: string;
  description: string;
  detailName: string;
  detail: MemberDoc[];
  cancelable: boolean;
}

/** One element of the manifest. */
export interface ElementDoc {
  tag: string;
  className: string;
  summary: string;
  description: string;
  /** Attribute-backed fields (`attribute` set) and property-only fields. */
  fields: (MemberDoc & { attribute?: string; readonly?: boolean })[];
  methods: (MemberDoc & { signature: string })[];
  events: { name: string; type: string; description: string }[];
  parts: { name: string; description: string }[];
  cssProperties: { name: string; default?: string; description: string }[];
  slots: { name: string; description: string }[];
}

/**
 * The session API: `getSession`, `ChatSession`'s public members, those of `session.sending`
 * and `SessionConfig`.
 */
export interface SessionDoc {
  getSession: { signature: string; description: string };
  classDescription: string;
  properties: (MemberDoc & { readonly: boolean })[];
  methods: (MemberDoc & { signature: string })[];
  /** `session.sending`: the class `Sending` and its methods. */
  sending: { classDescription: string; methods: (MemberDoc & { signature: string })[] };
  config: MemberDoc[];
}

/** Everything the reference shows. */
export interface ApiModel {
  elements: ElementDoc[];
  events: Map<string, EventDoc>;
  session: SessionDoc;
}

interface CemMember {
  kind: string;
  name: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  type?: { text: string };
  default?: string;
  description?: string;
  attribute?: string;
  parameters?: { name: string; type?: { text: string }; optional?: boolean }[];
  return?: { type?: { text: string } };
}
interface CemDeclaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  members?: CemMember[];
  attributes?: { name: string; fieldName?: string }[];
  events?: { name: string; type?: { text: string }; description?: string }[];
  cssParts?: { name: string; description?: string }[];
  cssProperties?: { name: string; default?: string; description?: string }[];
  slots?: { name: string; description?: string }[];
}
interface Cem {
  modules: { declarations?: CemDeclaration[] }[];
}

/** JSDoc text on one line, `{@link X}` shown as `X`. */
const oneLine = (text: string | undefined) =>
  (text ?? '')
    .replace(/\{@link\s+([^}\s|]+)[^}]*\}/g, '`$1`')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
const isPublic = (name: string, modifiers: ts.ModifierFlags) =>
  !name.startsWith('_') &&
  !name.startsWith('#') &&
  !(modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected));

/** Reads the model from a parsed manifest and the program of src/index.ts. */
export function loadApi(manifest: unknown, program: ts.Program): ApiModel {
  const checker = program.getTypeChecker();
  const index = program.getSourceFiles().find((f) => /[\\/]src[\\/]index\.ts$/.test(f.fileName));
  if (!index) throw new Error('packages/widgets/src/index.ts is not in the program');
  const exported = new Map(
    checker
      .getExportsOfModule(checker.getSymbolAtLocation(index)!)
      .map((s) => [s.name, s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s]),
  );
  const need = (name: string) => {
    const symbol = exported.get(name);
    if (!symbol) throw new Error(`${name} is not exported by packages/widgets/src/index.ts`);
    return symbol;
  };
  const doc = (symbol: ts.Symbol) =>
    oneLine(ts.displayPartsToString(symbol.getDocumentationComment(checker)));
  const typeOf = (symbol: ts.Symbol) =>
    checker.typeToString(
      checker.getTypeOfSymbol(symbol),
      undefined,
      ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope,
    );
  const signature = (symbol: ts.Symbol) =>
    checker
      .getSignaturesOfType(checker.getTypeOfSymbol(symbol), ts.SignatureKind.Call)
      .map((s) => checker.signatureToString(s, undefined, ts.TypeFormatFlags.NoTruncation))
      .join('; ');
  const modifiers = (symbol: ts.Symbol) =>
    symbol.valueDeclaration ? ts.getCombinedModifierFlags(symbol.valueDeclaration) : 0;

  /** Property types the manifest leaves out, from the class itself. */
  const fieldType = (className: string, field: string) => {
    const type = checker.getDeclaredTypeOfSymbol(need(className));
    const prop = type.getProperty(field);
    return prop ? typeOf(prop) : 'unknown';
  };

  const elements: ElementDoc[] = [];
  const eventClasses = new Set<string>();
  for (const mod of (manifest as Cem).modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.tagName) continue;
      const members = (d.members ?? []).filter(
        (m) => !m.privacy && !m.static && !m.name.startsWith('_'),
      );
      const attrOf = (field: string) => d.attributes?.find((a) => a.fieldName === field)?.name;
      for (const e of d.events ?? []) if (e.type) eventClasses.add(e.type.text);
      elements.push({
        tag: d.tagName,
        className: d.name,
        summary: oneLine(d.summary),
        description: (d.description ?? '').trim(),
        fields: members
          .filter((m) => m.kind === 'field')
          .map((m) => ({
            name: m.name,
            attribute: m.attribute ?? attrOf(m.name),
            type: m.type?.text ?? fieldType(d.name, m.name),
            default: m.default,
            readonly: m.readonly,
            description: oneLine(m.description),
          })),
        methods: members
          .filter((m) => m.kind === 'method')
          .map((m) => ({
            name: m.name,
            type: '',
            signature: `${m.name}(${(m.parameters ?? [])
              .map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`)
              .join(', ')}): ${m.return?.type?.text ?? 'void'}`,
            description: oneLine(m.description),
          })),
        events: (d.events ?? []).map((e) => ({
          name: e.name,
          type: e.type?.text ?? 'CustomEvent',
          description: oneLine(e.description),
        })),
        parts: (d.cssParts ?? []).map((p) => ({
          name: p.name,
          description: oneLine(p.description),
        })),
        cssProperties: (d.cssProperties ?? []).map((p) => ({
          name: p.name,
          default: p.default,
          description: oneLine(p.description),
        })),
        slots: (d.slots ?? []).map((s) => ({ name: s.name, description: oneLine(s.description) })),
      });
    }
  }
  elements.sort((a, b) => a.tag.localeCompare(b.tag));

  const members = (type: ts.Type): MemberDoc[] =>
    type.getProperties().map((p) => ({
      name: p.name,
      type: typeOf(p),
      optional: (p.flags & ts.SymbolFlags.Optional) !== 0,
      description: doc(p),
    }));

  const events = new Map<string, EventDoc>();
  for (const className of [...eventClasses].sort()) {
    const symbol = need(className);
    const base = checker.getBaseTypes(
      checker.getDeclaredTypeOfSymbol(symbol) as ts.InterfaceType,
    )[0];
    const detail = base ? checker.getTypeArguments(base as ts.TypeReference)[0] : undefined;
    if (!detail) throw new Error(`${className} does not extend CustomEvent<Detail>`);
    const source = symbol.valueDeclaration?.getText() ?? '';
    events.set(className, {
      className,
      description: doc(symbol),
      detailName: checker.typeToString(detail),
      detail: members(detail),
      cancelable: /cancelable:\s*true/.test(source),
    });
  }

  const isMethod = (p: ts.Symbol) => (p.flags & ts.SymbolFlags.Method) !== 0;
  /** The public members a class declares itself. */
  const ownMembers = (cls: ts.Symbol) =>
    checker
      .getDeclaredTypeOfSymbol(cls)
      .getProperties()
      .filter((p) => p.valueDeclaration?.parent === cls.valueDeclaration)
      .filter((p) => isPublic(p.name, modifiers(p)));
  const methodDocs = (list: ts.Symbol[]) =>
    list.filter(isMethod).map((p) => ({
      name: p.name,
      type: '',
      signature: `${p.name}${signature(p)}`,
      description: doc(p),
    }));
  const sessionClass = need('ChatSession');
  const own = ownMembers(sessionClass);
  const sendingClass = need('Sending');
  const session: SessionDoc = {
    getSession: {
      signature: `getSession${signature(need('getSession'))}`,
      description: doc(need('getSession')),
    },
    classDescription: doc(sessionClass),
    properties: own
      .filter((p) => !isMethod(p))
      .map((p) => ({
        name: p.name,
        type: typeOf(p),
        description: doc(p),
        readonly:
          (modifiers(p) & ts.ModifierFlags.Readonly) !== 0 ||
          ((p.flags & ts.SymbolFlags.GetAccessor) !== 0 &&
            (p.flags & ts.SymbolFlags.SetAccessor) === 0),
      })),
    methods: methodDocs(own),
    sending: {
      classDescription: doc(sendingClass),
      methods: methodDocs(ownMembers(sendingClass)),
    },
    config: members(checker.getDeclaredTypeOfSymbol(need('SessionConfig'))),
  };
  return { elements, events, session };
}
