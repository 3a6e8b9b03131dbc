// Placeholder until the owning issue implements this command.
export async function run(_argv: readonly string[]): Promise<number> {
  process.stderr.write('article-pipeline upload: not implemented yet\n');
  return 2;
}
