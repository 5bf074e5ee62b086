// npm run deps: the import rules of docs/ARCHITECTURE.md, checked on every run of npm test.
// There is deliberately no exceptions list: a rule that needs one is a rule to change here,
// in review, not a violation to hide.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle means neither side can be read, tested or changed alone. Break it by moving the ' +
        'shared part down (platform/, shared/) or by a registration the lower side exposes.',
      from: { path: '^(server/src|web/src|shared/src)/' },
      to: { circular: true },
    },
    {
      name: 'no-cross-module-repo',
      severity: 'error',
      comment:
        "A module reads another module's data through that module's service, never its repo " +
        '(the service owns policy, tenancy and audit for its rows).',
      from: { path: '^server/src/modules/([^/]+)/' },
      to: {
        path: '^server/src/modules/([^/]+)/[^/]+\\.repo\\.ts$',
        pathNot: '^server/src/modules/$1/',
      },
    },
    {
      name: 'no-upward-from-platform',
      severity: 'error',
      comment:
        'platform/ is what every module uses; it knows no module. A module that needs to plug ' +
        'into platform code registers itself (modules/index.ts), platform does not import it.',
      from: { path: '^server/src/platform/' },
      to: { path: '^server/src/modules/' },
    },
    {
      name: 'no-upward-from-db',
      severity: 'error',
      comment:
        'db/ (connection, migrations, tenancy) knows no module, except the seed composition in ' +
        'db/seed/parts.ts, the one place that lists every module seed in the order they run.',
      from: { path: '^server/src/db/', pathNot: '^server/src/db/seed/parts\\.ts$' },
      to: { path: '^server/src/modules/' },
    },
    {
      name: 'timeline-knows-no-source',
      severity: 'error',
      comment:
        'The timeline is a union of sources other modules register (modules/index.ts); it ' +
        'imports none of them, only the citizen access check it reads through.',
      from: { path: '^server/src/modules/timeline/' },
      to: { path: '^server/src/modules/', pathNot: '^server/src/modules/(timeline|citizens)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import the checker cannot resolve is an import it cannot check.',
      from: { path: '^(server/src|web/src|shared/src)/' },
      // Stylesheets and ?url assets are Vite's to resolve, not a module import.
      to: { couldNotResolve: true, pathNot: ['\\.css$', '\\.svg\\?url$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
