// The CI checks in tools/scripts, run against small scratch workspaces: each rule passes on a
// good package and names the field and the fix on a broken one.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
/* eslint-disable @nx/enforce-module-boundaries -- tools/scripts holds plain CI scripts, not an Nx project */
import { checkChangesets } from '../../scripts/check-changesets.mjs';
import { fixPackages, rules } from '../../scripts/check-packages.mjs';
import {
  githubRepo,
  nodeEngine,
  repoRoot,
  workspacePeerRange,
} from '../../scripts/lib/packages.mjs';
/* eslint-enable @nx/enforce-module-boundaries */

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

type Json = Record<string, unknown>;
const write = (path: string, value: Json | string) =>
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));

function goodPackage(dir: string, extra: Json = {}): Json {
  return {
    name: `@modelmux/${dir}`,
    version: '0.1.0',
    license: 'MIT',
    repository: { type: 'git', url: `git+${githubRepo}.git`, directory: `packages/${dir}` },
    homepage: `${githubRepo}/tree/main/packages/${dir}#readme`,
    bugs: { url: `${githubRepo}/issues` },
    files: ['dist', 'README.md', 'CHANGELOG.md', 'LICENSE'],
    engines: { node: nodeEngine },
    ...extra,
  };
}

/** A scratch workspace with packages a and b that pass every rule; `edit` breaks one thing. */
function workspace(edit: (root: string) => void = () => undefined): string {
  const root = mkdtempSync(join(tmpdir(), 'modelmux-checks-'));
  roots.push(root);
  write(join(root, 'package.json'), {
    name: 'fixture',
    private: true,
    workspaces: ['packages/*'],
    engines: { node: nodeEngine },
  });
  write(join(root, 'LICENSE'), 'MIT License\n');
  for (const dir of ['a', 'b']) {
    mkdirSync(join(root, 'packages', dir), { recursive: true });
    write(join(root, 'packages', dir, 'LICENSE'), 'MIT License\n');
    write(
      join(root, 'packages', dir, 'README.md'),
      `# ${dir}\n\n[root](${githubRepo}/blob/main/README.md)\n`,
    );
    write(join(root, 'packages', dir, 'tsconfig.lib.json'), {
      compilerOptions: { inlineSources: true },
    });
    write(join(root, 'packages', dir, 'package.json'), goodPackage(dir));
  }
  edit(root);
  return root;
}
const editJson = (path: string, change: (json: Json) => void) => {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Json;
  change(json);
  write(path, json);
};
const all = (root: string) => Object.values(rules).flatMap((rule) => rule(root));

describe('tools/scripts/check-packages.mjs', () => {
  test('a workspace that follows every rule has no problems', () => {
    expect(all(workspace())).toEqual([]);
  });

  test('--fix makes a bare new package pass every rule but leaves its dependencies alone', () => {
    const root = workspace((r) => {
      rmSync(join(r, 'packages/a/LICENSE'));
      write(join(r, 'packages/a/README.md'), '[root](../../README.md)\n');
      write(join(r, 'packages/a/tsconfig.lib.json'), { compilerOptions: {} });
      write(join(r, 'packages/a/package.json'), {
        name: '@modelmux/a',
        version: '0.1.0',
        license: 'MIT',
        files: ['dist'],
        dependencies: { vitest: '^4.0.0' },
      });
    });
    expect(all(root).length).toBeGreaterThan(5);
    fixPackages(root);
    expect(all(root)).toEqual([expect.stringContaining('declares the test runner "vitest"')]);
  });

  test('the real workspace passes', () => {
    expect(all(repoRoot)).toEqual([]);
  });

  test.each([
    ['dependencies', { dependencies: { vitest: '^4.0.0' } }],
    ['a required peer', { peerDependencies: { vitest: '^4.0.0' } }],
    [
      'an optional peer',
      { peerDependencies: { jest: '^30.0.0' }, peerDependenciesMeta: { jest: { optional: true } } },
    ],
  ])('a production package with a test runner in %s is refused', (_, extra) => {
    const root = workspace((r) =>
      editJson(join(r, 'packages/a/package.json'), (j) => Object.assign(j, extra)),
    );
    expect(rules.checkNoTestRunner(root)).toEqual([
      expect.stringMatching(
        /^packages\/a\/package\.json: (dependencies|peerDependencies) declares the test runner "(vitest|jest)".*@modelmux\/testing/,
      ),
    ]);
  });

  test('@modelmux/testing may have vitest as an optional peer only', () => {
    const testing = (optional: boolean) =>
      workspace((r) =>
        editJson(join(r, 'packages/a/package.json'), (j) =>
          Object.assign(j, {
            name: '@modelmux/testing',
            peerDependencies: { vitest: '^3.0.0 || ^4.0.0' },
            peerDependenciesMeta: { vitest: { optional } },
          }),
        ),
      );
    expect(rules.checkNoTestRunner(testing(true))).toEqual([]);
    expect(rules.checkNoTestRunner(testing(false))).toHaveLength(1);
  });

  test('a private package is not checked', () => {
    const root = workspace((r) =>
      editJson(join(r, 'packages/a/package.json'), (j) =>
        Object.assign(j, { private: true, dependencies: { vitest: '4' } }),
      ),
    );
    expect(all(root)).toEqual([]);
  });

  test('LICENSE missing at the root, missing in a package, or different', () => {
    const root = workspace((r) => {
      rmSync(join(r, 'packages/a/LICENSE'));
      write(join(r, 'packages/b/LICENSE'), 'Apache\n');
    });
    expect(rules.checkMetadata(root)).toEqual([
      'packages/a/LICENSE: missing (copy the root LICENSE)',
      'packages/b/LICENSE: differs from the root LICENSE (copy it again)',
    ]);
    rmSync(join(root, 'LICENSE'));
    expect(rules.checkMetadata(root)).toContain('LICENSE: missing at the repository root');
  });

  test('repository, homepage, bugs and files are each named', () => {
    const root = workspace((r) =>
      editJson(join(r, 'packages/a/package.json'), (j) => {
        delete j['repository'];
        delete j['homepage'];
        delete j['bugs'];
        j['files'] = ['dist'];
      }),
    );
    const problems = rules.checkMetadata(root).join('\n');
    for (const field of [
      'repository',
      'homepage',
      'bugs',
      '"README.md"',
      '"CHANGELOG.md"',
      '"LICENSE"',
    ])
      expect(problems).toContain(field);
  });

  test('engines.node must be the one range, at the root and in each package', () => {
    const root = workspace((r) => {
      editJson(join(r, 'package.json'), (j) => (j['engines'] = { node: '>=20.6' }));
      editJson(join(r, 'packages/b/package.json'), (j) => (j['engines'] = { node: '>=20' }));
    });
    expect(rules.checkEngines(root)).toEqual([
      `package.json: engines.node must be "${nodeEngine}" (undici 7 needs it)`,
      `packages/b/package.json: engines.node must be "${nodeEngine}" (undici 7 needs it)`,
    ]);
  });

  test('a peer on a workspace sibling must keep the next 0.x minor in range', () => {
    const peer = (range: string) =>
      workspace((r) =>
        editJson(
          join(r, 'packages/b/package.json'),
          (j) => (j['peerDependencies'] = { '@modelmux/a': range }),
        ),
      );
    expect(rules.checkWorkspacePeers(peer(workspacePeerRange))).toEqual([]);
    expect(rules.checkWorkspacePeers(peer('^0.1.0'))).toEqual([
      expect.stringContaining('"@modelmux/a": "^0.1.0" — use ">=0.1.0 <1.0.0"'),
    ]);
  });

  test('source maps without inlineSources are refused', () => {
    const root = workspace((r) =>
      write(join(r, 'packages/a/tsconfig.lib.json'), { compilerOptions: {} }),
    );
    expect(rules.checkSourceMaps(root)).toEqual([
      expect.stringContaining('packages/a/tsconfig.lib.json: set compilerOptions.inlineSources'),
    ]);
  });

  test('relative README links are refused, and --fix-links makes them absolute', () => {
    const root = workspace((r) => {
      mkdirSync(join(r, 'packages/b/src'));
      write(
        join(r, 'packages/a/README.md'),
        '[root](../../README.md), [b](../b), [x](#install), [y](https://x.dev)\n',
      );
    });
    expect(rules.checkReadmeLinks(root)).toEqual([
      expect.stringContaining(
        `relative link "../../README.md" breaks on the registry page; use ${githubRepo}/blob/main/README.md`,
      ),
      expect.stringContaining(
        `relative link "../b" breaks on the registry page; use ${githubRepo}/tree/main/packages/b`,
      ),
    ]);
    rules.checkReadmeLinks(root, { fix: true });
    expect(readFileSync(join(root, 'packages/a/README.md'), 'utf8')).toBe(
      `[root](${githubRepo}/blob/main/README.md), [b](${githubRepo}/tree/main/packages/b), [x](#install), [y](https://x.dev)\n`,
    );
    expect(rules.checkReadmeLinks(root)).toEqual([]);
  });
});

describe('tools/scripts/check-changesets.mjs', () => {
  /** A git repository with packages a and b (b peers a) and one minor changeset for a. */
  function releaseRepo(peerRange: string, onlyOutOfRange: boolean): string {
    const root = workspace((r) =>
      editJson(join(r, 'packages/b/package.json'), (j) => {
        j['peerDependencies'] = { '@modelmux/a': peerRange };
        j['peerDependenciesMeta'] = { '@modelmux/a': { optional: true } };
      }),
    );
    mkdirSync(join(root, '.changeset'));
    const config = JSON.parse(
      readFileSync(join(repoRoot, '.changeset/config.json'), 'utf8'),
    ) as Json;
    config['ignore'] = [];
    if (!onlyOutOfRange) delete config['___experimentalUnsafeOptions_WILL_CHANGE_IN_PATCH'];
    write(join(root, '.changeset/config.json'), config);
    write(
      join(root, '.changeset/a-feature.md'),
      "---\n'@modelmux/a': minor\n'@modelmux/b': minor\n---\n\nA feature.\n",
    );
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '.'], { cwd: root });
    return root;
  }

  test("the workspace's config and peer range: both packages go 0.1.0 → 0.2.0 with a CHANGELOG", () => {
    const { plan, problems } = checkChangesets(releaseRepo(workspacePeerRange, true));
    expect(problems).toEqual([]);
    expect(
      plan.map((p: { name: string; from: string; to: string }) => `${p.name} ${p.from} → ${p.to}`),
    ).toEqual(['@modelmux/a 0.1.0 → 0.2.0', '@modelmux/b 0.1.0 → 0.2.0']);
    expect(plan.every((p: { changelogLines: number }) => p.changelogLines > 3)).toBe(true);
  });

  test.each([
    ['^0.1.0 with onlyUpdatePeerDependentsWhenOutOfRange', '^0.1.0', true],
    ['the 0.x range without it', workspacePeerRange, false],
  ])('a peer range of %s makes the dependent 1.0.0: refused', (_, range, option) => {
    const { problems } = checkChangesets(releaseRepo(range, option));
    expect(problems).toEqual([
      expect.stringContaining('@modelmux/b: 0.1.0 → 1.0.0 is a major bump'),
    ]);
  });
});
