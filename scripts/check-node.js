// Tests must run on the Lambda runtime's major (nodejs24.x); the project pins Node 24 as a
// devDependency so npm scripts pick it up from node_modules/.bin ahead of the machine's Node.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(`article-pipeline: expected Node.js 24 (the Lambda runtime), got ${process.version}`);
  process.exit(1);
}
console.log(`node ${process.version} (matches the nodejs24.x Lambda runtime)`);
