/**
 * custom-elements.json for the package (run by scripts/build-package.mjs:
 * `cem analyze --litelement --config custom-elements-manifest.config.mjs`).
 *
 * The manifest is generated from the elements' JSDoc (`@summary @attr @prop @event @csspart
 * @cssproperty`), never written by hand. Plugins adapt the analyzer to this code base:
 * - elements register through `define('tfa-x', Class)` (src/internal/define.ts, which tolerates
 *   double loading) instead of `customElements.define`, so those calls are read as definitions;
 * - only the documented `tfa-*` events are listed: the analyzer also guesses events from
 *   `new SomeEvent(arg)` calls (names like `cancel` or none at all), and `tfa-action` is the
 *   internal step → `<tfa-login>` message (src/events/action-event.ts), not public API;
 * - `TfaElement` (src/internal/tfa-element.ts) is analysed only so its `headingLevel` reaches every
 *   element: it is listed as each element's own property and attribute (with the element's own
 *   default and description where it redeclares it), and the internal module itself is dropped;
 * - members are an element's public interface: private (`#x`, `_x`, `private`), protected and
 *   static ones (such as `lightStyles`) are dropped;
 * - module paths point at what ships (`dist/**.js`), not at `src/**.ts`.
 */
export default {
  globs: ['src/tfa-login.ts', 'src/tfa-settings.ts', 'src/index.ts', 'src/components/**/*.ts', 'src/events/*.ts', 'src/internal/tfa-element.ts'],
  exclude: ['src/**/*.styles.ts', 'src/components/settings/ui.ts', 'src/components/settings/messages.ts', 'src/components/settings/step-up-controller.ts', 'src/components/totp-wizard/qr.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false, // package.json's `customElements` key is maintained by hand
  plugins: [defineCalls(), publicEventsOnly(), internalBaseInlined(), publicMembersOnly(), distPaths()],
};

/** `define('tfa-login', TfaLoginElement)` → a `custom-element-definition` export. */
function defineCalls() {
  return {
    name: 'tfa-define-calls',
    analyzePhase({ ts, node, moduleDoc, context }) {
      if (node.kind !== ts.SyntaxKind.CallExpression) return;
      if (!ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) return;
      const imported = context.imports?.find((i) => i.name === klass.text);
      const where = imported && !imported.isBareModuleSpecifier
        ? { module: new URL(imported.importPath, `file:///${moduleDoc.path}`).pathname.replace(/^\//, '') }
        : { module: moduleDoc.path };
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text, ...where } },
      ];
    },
  };
}

function publicEventsOnly() {
  return {
    name: 'tfa-public-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.events) continue;
          decl.events = decl.events.filter((e) => typeof e.name === 'string' && e.name.startsWith('tfa-') && e.name !== 'tfa-action');
          if (!decl.events.length) delete decl.events;
        }
      }
    },
  };
}

/** See the header: the members of the internal base class become each element's own. */
function internalBaseInlined() {
  const internal = (ref) => ref?.module && /^\/?src\/internal\//.test(ref.module);
  return {
    name: 'tfa-internal-base-inlined',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules = customElementsManifest.modules.filter((mod) => !/^\/?src\/internal\//.test(mod.path));
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          for (const member of decl.members ?? []) {
            if (internal(member.inheritedFrom)) delete member.inheritedFrom;
          }
          for (const attr of decl.attributes ?? []) {
            if (!internal(attr.inheritedFrom)) continue;
            delete attr.inheritedFrom;
            // the field's own JSDoc and initial value (an element may redeclare it: `override headingLevel = 3`)
            const field = decl.members?.find((m) => m.name === attr.fieldName && m.attribute === attr.name);
            if (!field) continue;
            for (const key of ['type', 'default', 'description']) {
              if (field[key] !== undefined) attr[key] = field[key];
            }
          }
        }
      }
    },
  };
}

/**
 * Only the public, instance members: what an element's users may touch (the Storybook docs tables
 * show these). Internal reactive state (`_x: { state: true }` in `static properties`) has no
 * attribute, but the analyzer lists every `static properties` entry without `attribute: false`
 * as one: those are dropped too.
 */
function publicMembersOnly() {
  const isPublic = (member) => !member.static && (!member.privacy || member.privacy === 'public') && !/^[#_]/.test(member.name);
  return {
    name: 'tfa-public-members',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.members) {
            decl.members = decl.members.filter(isPublic);
            if (!decl.members.length) delete decl.members;
          }
          if (decl.attributes) {
            decl.attributes = decl.attributes.filter((a) => !/^[#_]/.test(a.fieldName ?? a.name));
            if (!decl.attributes.length) delete decl.attributes;
          }
        }
      }
    },
  };
}

/** `src/components/login/login.ts` → `dist/components/login/login.js` everywhere in the manifest. */
function distPaths() {
  const toDist = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');
  const visit = (value) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'path' || key === 'module') && typeof child === 'string') value[key] = toDist(child);
      else visit(child);
    }
  };
  return {
    name: 'tfa-dist-paths',
    packageLinkPhase({ customElementsManifest }) {
      visit(customElementsManifest.modules);
    },
  };
}
