// `npm run lint:cfn [-- TEMPLATE...]`: cfn-lint (CloudFormation's own linter, Python) over every
// synthesized variant of the stack (infra/template-variants.ts: dev and prod, each API auth mode),
// plus any template paths given (the deploy workflow adds the assembly it is about to deploy).
// Rules ignored, each with its reason, are in .cfnlintrc.yaml; any other finding fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
if (probe.error !== undefined || probe.status !== 0) {
  console.error(
    'lint:cfn: cfn-lint is not installed (CloudFormation’s linter, Python): `pip install cfn-lint`, see docs/deploying.md',
  );
  process.exit(127);
}
const version = probe.stdout.trim();

/** Synthesizes the variants into `directory`, lints them and the extra templates; the exit code. */
function lintTemplates(directory, extra) {
  const synth = spawnSync(process.execPath, ['--import', 'tsx', 'infra/template-variants.ts', directory], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (synth.status !== 0) {
    console.error(`lint:cfn: synthesizing the template variants failed (exit ${synth.status})`);
    return 1;
  }
  const variants = synth.stdout.split('\n').filter((line) => line.trim() !== '');
  const templates = [...variants, ...extra];

  const lint = spawnSync(
    'cfn-lint',
    ['--config-file', join(root, '.cfnlintrc.yaml'), '--format', 'json', '--', ...templates],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  let findings;
  try {
    findings = JSON.parse(lint.stdout);
  } catch {
    console.error(lint.stdout, lint.stderr);
    console.error(`lint:cfn: cfn-lint failed (exit ${lint.status}) without a report`);
    return 1;
  }

  const label = (path) => basename(path).replace(/\.template\.json$/, '');
  for (const finding of findings) {
    const line = finding.Location?.Start?.LineNumber ?? 0;
    console.log(`${label(finding.Filename)}:${line}: ${finding.Rule.Id} ${finding.Message}`);
  }
  const summary = templates.map((template) => {
    const own = findings.filter((finding) => finding.Filename === template);
    const count = (level) => own.filter((finding) => finding.Level === level).length;
    return `${label(template)} ${count('Error')} errors, ${count('Warning')} warnings, ${count('Informational')} informational`;
  });
  console.log(`cfn-lint ${version.replace(/^cfn-lint\s*/, '')}: ${summary.join('; ')}`);
  // Exit codes are bit flags (2 error, 4 warning, 8 informational); 1 is cfn-lint's own failure.
  return findings.length > 0 || lint.status !== 0 ? 1 : 0;
}

const directory = mkdtempSync(join(tmpdir(), 'article-pipeline-templates-'));
let code = 1;
try {
  code = lintTemplates(
    directory,
    process.argv.slice(2).map((path) => resolve(path)),
  );
} finally {
  rmSync(directory, { recursive: true, force: true });
}
process.exit(code);
